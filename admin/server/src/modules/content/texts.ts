import { z } from 'zod';
import { FaqTextSchema, ProcedureTextSchema } from './contract.js';
import type { FaqText, ProcedureText } from './contract.js';
import type { ContentKind } from './tables.js';

/** The stored JSON of a version, read back through the same schema that accepted it. */

export type Texts =
  | { readonly kind: 'faq'; readonly translations: Partial<Record<string, FaqText>> }
  | { readonly kind: 'procedure'; readonly translations: Partial<Record<string, ProcedureText>> };

const FaqTranslations = z.record(z.string(), FaqTextSchema);
const ProcedureTranslations = z.record(z.string(), ProcedureTextSchema);

export function parseTexts(kind: ContentKind, json: string): Texts {
  const raw: unknown = JSON.parse(json);
  return kind === 'faq'
    ? { kind, translations: FaqTranslations.parse(raw) }
    : { kind, translations: ProcedureTranslations.parse(raw) };
}

/** The title a list or a search hit shows. */
export function titleOf(text: FaqText | ProcedureText): string {
  return 'question' in text ? text.question : text.title;
}

/** The short text under a title: the answer, or the sheet's summary. */
export function leadOf(text: FaqText | ProcedureText): string {
  return 'answer' in text ? text.answer : text.summary;
}

/** Every searchable word but the title's. */
export function searchableBody(text: FaqText | ProcedureText): string {
  if ('answer' in text) return [text.answer, text.easyRead ?? ''].join('\n');
  return [text.summary, ...text.whatToBring, text.cost, text.duration, text.where, text.responsible, text.easyRead].join('\n');
}

/** The text in `locale`, else in the municipality's `fallback` language, with the language it is in. */
export function pickText<T>(translations: Partial<Record<string, T>>, locale: string, fallback: string): { locale: string; text: T } | null {
  const wanted = translations[locale];
  if (wanted !== undefined) return { locale, text: wanted };
  const other = translations[fallback];
  return other === undefined ? null : { locale: fallback, text: other };
}
