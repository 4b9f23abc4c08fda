import { DescriptionSchema, IsoDateTimeSchema, type CatalogAttribute } from '@kiosk/shared';

/** Why an answer cannot go on; the renderer turns each into a translated hint. */
export type AnswerProblem = 'required' | 'not-number' | 'not-datetime' | 'too-long' | 'markup' | 'not-in-list';
export type AnswerValue = string | readonly string[];

/** The hub's limit for `string` answers (admin/server/src/open311/attributes.ts). */
export const MAX_STRING_ANSWER_LENGTH = 1000;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const MARKUP = /<\s*[a-z!/?]/i;

/** Nothing given: an empty text or no option picked. */
export function isBlank(value: AnswerValue | undefined): boolean {
  if (value === undefined) return true;
  return typeof value === 'string' ? value.trim() === '' : value.length === 0;
}

/**
 * Checks one answer against its attribute exactly as the hub will (required, datatype, list
 * keys), so a refusal is explained on the question's own screen. A blank optional answer is fine.
 */
export function checkAnswer(attribute: CatalogAttribute, value: AnswerValue | undefined): AnswerProblem | null {
  if (!attribute.variable) return null;
  if (value === undefined || isBlank(value)) return attribute.required ? 'required' : null;
  const keys = new Set(attribute.values.map((v) => v.key));
  if (attribute.datatype === 'multivaluelist') {
    const picked = typeof value === 'string' ? [value] : value;
    return picked.every((key) => keys.has(key)) ? null : 'not-in-list';
  }
  if (typeof value !== 'string') return 'not-in-list';
  const text = value.trim();
  switch (attribute.datatype) {
    case 'singlevaluelist':
      return keys.has(text) ? null : 'not-in-list';
    case 'number':
      return NUMBER.test(text) && Number.isFinite(Number(text)) ? null : 'not-number';
    case 'datetime':
      return IsoDateTimeSchema.safeParse(text).success ? null : 'not-datetime';
    case 'text': {
      const result = DescriptionSchema.safeParse(text);
      if (result.success) return null;
      return result.error.issues[0]?.code === 'too_big' ? 'too-long' : 'markup';
    }
    case 'string':
      if (text.length > MAX_STRING_ANSWER_LENGTH) return 'too-long';
      return MARKUP.test(text) ? 'markup' : null;
  }
}

/** The answers as the hub takes them: variable attributes only, blanks left out, texts trimmed. */
export function answersForDraft(attributes: readonly CatalogAttribute[], answers: Readonly<Record<string, AnswerValue>>): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const attribute of attributes) {
    const value = answers[attribute.code];
    if (!attribute.variable || value === undefined || isBlank(value)) continue;
    result[attribute.code] = typeof value === 'string' ? value.trim() : [...value];
  }
  return result;
}
