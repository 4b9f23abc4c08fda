import type { ContentEntry, ContentKind, ContentUpdate, KioskLocale } from '@kiosk/shared';
import { CONTENT_LOCALES } from './locales';

/**
 * The editor's form state: every field a plain string per kiosk language, so an empty column is
 * simply empty. A language whose fields are all blank is left out when saving (a missing
 * translation, flagged); one only partly filled is an error the editor must fix first.
 */

export interface FieldSpec {
  readonly name: string;
  readonly multiline: boolean;
  readonly required: boolean;
  /** What to bring: one item per line. */
  readonly list?: boolean;
}

export const FIELDS: Readonly<Record<ContentKind, readonly FieldSpec[]>> = {
  faq: [
    { name: 'question', multiline: false, required: true },
    { name: 'answer', multiline: true, required: true },
    { name: 'easyRead', multiline: true, required: false },
  ],
  procedure: [
    { name: 'title', multiline: false, required: true },
    { name: 'summary', multiline: true, required: true },
    { name: 'whatToBring', multiline: true, required: false, list: true },
    { name: 'cost', multiline: false, required: true },
    { name: 'duration', multiline: false, required: true },
    { name: 'where', multiline: true, required: true },
    { name: 'responsible', multiline: false, required: true },
    { name: 'easyRead', multiline: true, required: true },
  ],
};

export type LocaleTexts = Record<string, string>;

export interface Draft {
  readonly kind: ContentKind;
  readonly serviceCode: string;
  readonly texts: Readonly<Record<KioskLocale, LocaleTexts>>;
}

function blankTexts(kind: ContentKind): LocaleTexts {
  return Object.fromEntries(FIELDS[kind].map((field) => [field.name, '']));
}

/** The form for a stored entry (or a stored version of it). */
export function draftOf(entry: Pick<ContentEntry, 'kind' | 'serviceCode' | 'translations'>): Draft {
  const translations: Partial<Record<KioskLocale, Record<string, unknown>>> = entry.translations;
  const texts = Object.fromEntries(
    CONTENT_LOCALES.map((locale) => {
      const stored = translations[locale];
      const form = blankTexts(entry.kind);
      if (stored !== undefined) {
        for (const field of FIELDS[entry.kind]) {
          const value = stored[field.name];
          form[field.name] = Array.isArray(value) ? value.join('\n') : typeof value === 'string' ? value : '';
        }
      }
      return [locale, form];
    }),
  ) as Record<KioskLocale, LocaleTexts>;
  return { kind: entry.kind, serviceCode: entry.serviceCode ?? '', texts };
}

export function emptyDraft(kind: ContentKind): Draft {
  return draftOf({ kind, serviceCode: null, translations: {} });
}

export type LocaleState = 'complete' | 'missing' | 'incomplete';

/** Complete: every required field filled; missing: nothing written; incomplete: in between. */
export function localeState(kind: ContentKind, texts: LocaleTexts): LocaleState {
  const fields = FIELDS[kind];
  if (fields.every((field) => (texts[field.name] ?? '').trim() === '')) return 'missing';
  return fields.every((field) => !field.required || (texts[field.name] ?? '').trim() !== '') ? 'complete' : 'incomplete';
}

const listOf = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');

/** The hub's body for this form: blank languages left out, what-to-bring split into lines. */
export function toUpdate(draft: Draft): Omit<ContentUpdate, 'version'> {
  const serviceCode = draft.serviceCode.trim() === '' ? null : draft.serviceCode.trim();
  const translations: Record<string, Record<string, unknown>> = {};
  for (const locale of CONTENT_LOCALES) {
    const texts = draft.texts[locale];
    if (localeState(draft.kind, texts) === 'missing') continue;
    const out: Record<string, unknown> = {};
    for (const field of FIELDS[draft.kind]) {
      const value = (texts[field.name] ?? '').trim();
      out[field.name] = field.list === true ? listOf(value) : field.name === 'easyRead' && draft.kind === 'faq' && value === '' ? null : value;
    }
    translations[locale] = out;
  }
  return { kind: draft.kind, serviceCode, translations } as Omit<ContentUpdate, 'version'>;
}

export function withText(draft: Draft, locale: KioskLocale, field: string, value: string): Draft {
  return { ...draft, texts: { ...draft.texts, [locale]: { ...draft.texts[locale], [field]: value } } };
}
