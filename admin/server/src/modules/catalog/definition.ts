import type { HubDb } from '../../db/database.js';
import type { AttributeDatatype } from './attribute-tables.js';
import { listAttributeTexts, listAttributeValues, listAttributes, listValueNames } from './definition-repository.js';

/** One question (or informational text) of a service definition, in one language. */
export interface ServiceAttribute {
  readonly code: string;
  /** false: informational text only, nothing to answer. */
  readonly variable: boolean;
  readonly datatype: AttributeDatatype;
  readonly required: boolean;
  readonly order: number;
  readonly description: string;
  readonly datatypeDescription: string;
  /** For singlevaluelist and multivaluelist: the allowed keys, in order, with their names. */
  readonly values: readonly { readonly key: string; readonly name: string }[];
}

export interface ServiceDefinition {
  readonly serviceCode: string;
  readonly attributes: readonly ServiceAttribute[];
}

/** Picks the text in `locale`, else in `fallback`, from rows keyed by `keyOf`. */
function bestByKey<Row extends { locale: string }>(rows: readonly Row[], keyOf: (row: Row) => string, locale: string): Map<string, Row> {
  const best = new Map<string, Row>();
  for (const row of rows) {
    const key = keyOf(row);
    const current = best.get(key);
    if (current === undefined || (row.locale === locale && current.locale !== locale)) best.set(key, row);
  }
  return best;
}

/** A service's definition in `locale` where translated, else in `fallbackLocale`. */
export async function serviceDefinition(
  db: HubDb,
  tenantId: string,
  serviceCode: string,
  locale: string,
  fallbackLocale: string,
): Promise<ServiceDefinition> {
  const locales = locale === fallbackLocale ? [locale] : [locale, fallbackLocale];
  const [attributes, texts, values, names] = await Promise.all([
    listAttributes(db, tenantId, serviceCode),
    listAttributeTexts(db, tenantId, serviceCode, locales),
    listAttributeValues(db, tenantId, serviceCode),
    listValueNames(db, tenantId, serviceCode, locales),
  ]);
  const textOf = bestByKey(texts, (t) => t.attribute_code, locale);
  const nameOf = bestByKey(names, (n) => `${n.attribute_code}\u0000${n.value_key}`, locale);
  return {
    serviceCode,
    attributes: attributes.map((a) => ({
      code: a.code,
      variable: a.variable === 1,
      datatype: a.datatype,
      required: a.required === 1,
      order: a.position,
      description: textOf.get(a.code)?.description ?? a.code,
      datatypeDescription: textOf.get(a.code)?.datatype_description ?? '',
      values: values
        .filter((v) => v.attribute_code === a.code)
        .map((v) => ({ key: v.value_key, name: nameOf.get(`${a.code}\u0000${v.value_key}`)?.name ?? v.value_key })),
    })),
  };
}
