import { KIOSK_LOCALES } from '@kiosk/shared';
import type { HubDb } from '../db/database.js';
import type { AttributeTables } from '../modules/catalog/attribute-tables.js';
import { DEMO_ATTRIBUTES } from './demo-attributes.js';

/** Seeds the demo service definitions, filling only what is missing (staff edits survive). */
export async function seedDemoDefinitions(db: HubDb, tenantId: string): Promise<void> {
  const tables = db.withTables<AttributeTables>();
  for (const attribute of DEMO_ATTRIBUTES) {
    const keys = { tenant_id: tenantId, service_code: attribute.service };
    await tables
      .insertInto('service_attributes')
      .values({
        ...keys,
        code: attribute.code,
        position: attribute.order,
        variable: attribute.variable ? 1 : 0,
        datatype: attribute.datatype,
        required: attribute.required ? 1 : 0,
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await tables
      .insertInto('service_attribute_texts')
      .values(
        KIOSK_LOCALES.map((locale) => ({
          ...keys,
          attribute_code: attribute.code,
          locale,
          description: attribute.description[locale],
          datatype_description: attribute.datatypeDescription[locale],
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
    for (const [position, value] of attribute.values.entries()) {
      await tables
        .insertInto('service_attribute_values')
        .values({ ...keys, attribute_code: attribute.code, value_key: value.key, position })
        .onConflict((oc) => oc.doNothing())
        .execute();
      await tables
        .insertInto('service_attribute_value_names')
        .values(KIOSK_LOCALES.map((locale) => ({ ...keys, attribute_code: attribute.code, value_key: value.key, locale, name: value.names[locale] })))
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
  }
}
