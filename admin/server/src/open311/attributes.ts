import { z } from 'zod';
import { DescriptionSchema } from '@kiosk/shared';
import type { ServiceAttribute, ServiceDefinition } from '../modules/catalog/definition.js';
import type { Open311Issue } from './errors.js';

/** Longest answer to a `string` attribute; `text` answers follow the description's rules (4000, no HTML). */
export const MAX_STRING_ATTRIBUTE_LENGTH = 1000;

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const DATETIME = z.iso.datetime({ offset: true });

export type AttributeAnswers = Readonly<Record<string, string | readonly string[]>>;

function issue(key: Open311Issue['key'], attribute: ServiceAttribute): Open311Issue {
  return { key, details: { name: attribute.code, label: attribute.description } };
}

/** One answer checked against its attribute: the value to store, or the problem. */
function checkAnswer(attribute: ServiceAttribute, raw: string | readonly string[]): { value?: string | string[]; problem?: Open311Issue } {
  const values = typeof raw === 'string' ? [raw] : [...raw];
  if (attribute.datatype === 'multivaluelist') {
    const keys = new Set(attribute.values.map((v) => v.key));
    if (values.some((v) => !keys.has(v))) return { problem: issue('attribute-not-in-list', attribute) };
    return { value: [...new Set(values)] };
  }
  const [value = ''] = values;
  if (values.length > 1) return { problem: issue('attribute-one-value', attribute) };
  switch (attribute.datatype) {
    case 'singlevaluelist':
      return attribute.values.some((v) => v.key === value) ? { value } : { problem: issue('attribute-not-in-list', attribute) };
    case 'number':
      return NUMBER.test(value) && Number.isFinite(Number(value)) ? { value } : { problem: issue('attribute-not-number', attribute) };
    case 'datetime':
      return DATETIME.safeParse(value).success ? { value } : { problem: issue('attribute-not-datetime', attribute) };
    case 'text':
      return DescriptionSchema.safeParse(value).success ? { value } : { problem: { key: 'field-invalid', details: { name: `attribute[${attribute.code}]` } } };
    case 'string':
      return value.length <= MAX_STRING_ATTRIBUTE_LENGTH ? { value } : { problem: { key: 'field-invalid', details: { name: `attribute[${attribute.code}]` } } };
  }
}

/**
 * Checks `attribute[CODE]` answers against the service definition: every code must be a
 * variable attribute of the service, values must fit their datatype (list keys among `values`,
 * numbers numeric, datetimes ISO 8601 with a zone), and every required one must be there. All
 * problems are reported at once, in the definition's order, each naming the attribute.
 */
export function checkAttributes(
  definition: ServiceDefinition,
  answers: AttributeAnswers,
): { readonly values: Record<string, string | string[]>; readonly issues: readonly Open311Issue[] } {
  const byCode = new Map(definition.attributes.filter((a) => a.variable).map((a) => [a.code, a]));
  const issues: Open311Issue[] = [];
  for (const code of Object.keys(answers)) {
    if (!byCode.has(code)) issues.push({ key: 'attribute-unknown', details: { name: code } });
  }
  const values: Record<string, string | string[]> = {};
  for (const attribute of byCode.values()) {
    const raw = answers[attribute.code];
    if (raw === undefined) {
      if (attribute.required) issues.push(issue('attribute-required', attribute));
      continue;
    }
    const checked = checkAnswer(attribute, raw);
    if (checked.problem !== undefined) issues.push(checked.problem);
    else if (checked.value !== undefined) values[attribute.code] = checked.value;
  }
  return { values, issues };
}
