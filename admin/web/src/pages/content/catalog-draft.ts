import { ServiceEditSchema, type AttributeDatatype, type KioskLocale, type ServiceEdit, type StaffService } from '@kiosk/shared';
import { CONTENT_LOCALES } from './locales';

/**
 * The service editor's form state: strings per kiosk language (blank = not translated), keywords
 * comma-separated as Open311 shows them, attribute order as typed. `toServiceEdit` turns it into
 * the hub's body; the shared ServiceEditSchema then says whether the hub will accept it.
 */

type PerLocale<T> = Record<KioskLocale, T>;

export interface ValueDraft {
  readonly rowId: string;
  readonly key: string;
  readonly names: PerLocale<string>;
}

export interface AttributeDraft {
  readonly rowId: string;
  readonly code: string;
  readonly variable: boolean;
  readonly datatype: AttributeDatatype;
  readonly required: boolean;
  readonly order: string;
  readonly texts: PerLocale<{ description: string; datatypeDescription: string }>;
  readonly values: readonly ValueDraft[];
}

export interface ServiceDraft {
  readonly groupCode: string;
  readonly locationless: boolean;
  readonly texts: PerLocale<{ name: string; description: string; keywords: string }>;
  readonly attributes: readonly AttributeDraft[];
}

let rows = 0;
/** React keys for rows that have no stable id yet (a code can be edited). */
export const newRowId = () => `row-${(rows += 1)}`;

const perLocale = <T>(make: (locale: KioskLocale) => T) => Object.fromEntries(CONTENT_LOCALES.map((locale) => [locale, make(locale)])) as PerLocale<T>;

export const LIST_DATATYPES: ReadonlySet<AttributeDatatype> = new Set(['singlevaluelist', 'multivaluelist']);

export function blankValue(): ValueDraft {
  return { rowId: newRowId(), key: '', names: perLocale(() => '') };
}

export function blankAttribute(order: number): AttributeDraft {
  return { rowId: newRowId(), code: '', variable: true, datatype: 'string', required: false, order: String(order), texts: perLocale(() => ({ description: '', datatypeDescription: '' })), values: [] };
}

export function serviceDraftOf(service: StaffService): ServiceDraft {
  return {
    groupCode: service.groupCode,
    locationless: service.locationless,
    texts: perLocale((locale) => {
      const text = service.texts[locale];
      return { name: text?.name ?? '', description: text?.description ?? '', keywords: (text?.keywords ?? []).join(', ') };
    }),
    attributes: service.attributes.map((attribute) => ({
      rowId: newRowId(),
      code: attribute.code,
      variable: attribute.variable,
      datatype: attribute.datatype,
      required: attribute.required,
      order: String(attribute.order),
      texts: perLocale((locale) => ({ description: attribute.texts[locale]?.description ?? '', datatypeDescription: attribute.texts[locale]?.datatypeDescription ?? '' })),
      values: attribute.values.map((value) => ({ rowId: newRowId(), key: value.key, names: perLocale((locale) => value.names[locale] ?? '') })),
    })),
  };
}

const filled = (text: string) => text.trim() !== '';

export function toServiceEdit(draft: ServiceDraft): ServiceEdit {
  const texts: ServiceEdit['texts'] = {};
  for (const locale of CONTENT_LOCALES) {
    const text = draft.texts[locale];
    if (!filled(text.name) && !filled(text.description) && !filled(text.keywords)) continue;
    const keywords = text.keywords
      .split(',')
      .map((k) => k.trim())
      .filter(filled);
    texts[locale] = { name: text.name.trim(), description: text.description.trim(), keywords };
  }
  return {
    groupCode: draft.groupCode,
    locationless: draft.locationless,
    texts,
    attributes: draft.attributes.map((attribute) => {
      const attributeTexts: ServiceEdit['attributes'][number]['texts'] = {};
      for (const locale of CONTENT_LOCALES) {
        const text = attribute.texts[locale];
        if (filled(text.description) || filled(text.datatypeDescription)) attributeTexts[locale] = { description: text.description.trim(), datatypeDescription: text.datatypeDescription.trim() };
      }
      return {
        code: attribute.code.trim(),
        variable: attribute.variable,
        datatype: attribute.datatype,
        required: attribute.variable && attribute.required,
        order: Number(attribute.order),
        texts: attributeTexts,
        values: LIST_DATATYPES.has(attribute.datatype)
          ? attribute.values.map((value) => ({ key: value.key.trim(), names: Object.fromEntries(CONTENT_LOCALES.filter((l) => filled(value.names[l])).map((l) => [l, value.names[l].trim()])) }))
          : [],
      };
    }),
  };
}

/** Where the form breaks the Open311 rules (empty when the hub will accept its shape). */
export function editProblems(draft: ServiceDraft): string[] {
  const result = ServiceEditSchema.safeParse(toServiceEdit(draft));
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
}

/** Kiosk languages with no service name. */
export function missingServiceLocales(draft: ServiceDraft): KioskLocale[] {
  return CONTENT_LOCALES.filter((locale) => !filled(draft.texts[locale].name));
}
