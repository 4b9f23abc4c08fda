import type { HubDb } from '../../db/database.js';
import type { AttributeDatatype, AttributeTables } from './attribute-tables.js';
import type { ServiceRow } from './repository.js';

/**
 * The staff editor's SQL on the catalogue: every service with every language (active or not),
 * and replacing one service's texts and definition in one transaction.
 */

const attributeTables = (db: HubDb) => db.withTables<AttributeTables>();

export async function listAllServices(db: HubDb, tenantId: string): Promise<ServiceRow[]> {
  return db.selectFrom('services').selectAll().where('tenant_id', '=', tenantId).orderBy('position').orderBy('code').execute();
}

export async function findService(db: HubDb, tenantId: string, code: string): Promise<ServiceRow | undefined> {
  return db.selectFrom('services').selectAll().where('tenant_id', '=', tenantId).where('code', '=', code).executeTakeFirst();
}

export async function listServiceTexts(db: HubDb, tenantId: string, code?: string) {
  let query = db.selectFrom('service_translations').selectAll().where('tenant_id', '=', tenantId);
  if (code !== undefined) query = query.where('service_code', '=', code);
  return query.execute();
}

export async function listGroups(db: HubDb, tenantId: string) {
  const [groups, names] = await Promise.all([
    db.selectFrom('service_groups').select(['code']).where('tenant_id', '=', tenantId).orderBy('position').orderBy('code').execute(),
    db.selectFrom('service_group_translations').select(['group_code', 'locale', 'name']).where('tenant_id', '=', tenantId).execute(),
  ]);
  return { groups, names };
}

export async function countAttributes(db: HubDb, tenantId: string): Promise<Map<string, number>> {
  const rows = await attributeTables(db)
    .selectFrom('service_attributes')
    .select((eb) => ['service_code', eb.fn.countAll<number | string>().as('count')])
    .where('tenant_id', '=', tenantId)
    .groupBy('service_code')
    .execute();
  return new Map(rows.map((row) => [row.service_code, Number(row.count)]));
}

/** All texts of a definition in every language (the runtime reads only the wanted ones). */
export async function listDefinitionRows(db: HubDb, tenantId: string, serviceCode: string) {
  const where = { tenant_id: tenantId, service_code: serviceCode };
  const t = attributeTables(db);
  const [attributes, texts, values, names] = await Promise.all([
    t.selectFrom('service_attributes').selectAll().where('tenant_id', '=', where.tenant_id).where('service_code', '=', serviceCode).orderBy('position').execute(),
    t.selectFrom('service_attribute_texts').selectAll().where('tenant_id', '=', where.tenant_id).where('service_code', '=', serviceCode).execute(),
    t.selectFrom('service_attribute_values').selectAll().where('tenant_id', '=', where.tenant_id).where('service_code', '=', serviceCode).orderBy('position').execute(),
    t.selectFrom('service_attribute_value_names').selectAll().where('tenant_id', '=', where.tenant_id).where('service_code', '=', serviceCode).execute(),
  ]);
  return { attributes, texts, values, names };
}

export interface ServiceReplacement {
  readonly groupCode: string;
  readonly locationless: boolean;
  readonly texts: readonly { locale: string; name: string; description: string; keywords: string }[];
  readonly attributes: readonly {
    code: string;
    position: number;
    variable: boolean;
    datatype: AttributeDatatype;
    required: boolean;
    texts: readonly { locale: string; description: string; datatypeDescription: string }[];
    values: readonly { key: string; names: readonly { locale: string; name: string }[] }[];
  }[];
}

/** Replaces the service's texts and definition; run inside a transaction (children deleted first, foreign keys). */
export async function replaceService(trx: HubDb, tenantId: string, code: string, next: ServiceReplacement): Promise<void> {
  const t = attributeTables(trx);
  const keys = { tenant_id: tenantId, service_code: code };
  await trx.updateTable('services').set({ group_code: next.groupCode, locationless: next.locationless ? 1 : 0 }).where('tenant_id', '=', tenantId).where('code', '=', code).execute();
  await trx.deleteFrom('service_translations').where('tenant_id', '=', tenantId).where('service_code', '=', code).execute();
  if (next.texts.length > 0) {
    await trx.insertInto('service_translations').values(next.texts.map((text) => ({ ...keys, ...text }))).execute();
  }
  for (const table of ['service_attribute_value_names', 'service_attribute_values', 'service_attribute_texts', 'service_attributes'] as const) {
    await t.deleteFrom(table).where('tenant_id', '=', tenantId).where('service_code', '=', code).execute();
  }
  for (const attribute of next.attributes) {
    await t
      .insertInto('service_attributes')
      .values({ ...keys, code: attribute.code, position: attribute.position, variable: attribute.variable ? 1 : 0, datatype: attribute.datatype, required: attribute.required ? 1 : 0 })
      .execute();
    if (attribute.texts.length > 0) {
      await t
        .insertInto('service_attribute_texts')
        .values(attribute.texts.map((text) => ({ ...keys, attribute_code: attribute.code, locale: text.locale, description: text.description, datatype_description: text.datatypeDescription })))
        .execute();
    }
    for (const [position, value] of attribute.values.entries()) {
      await t.insertInto('service_attribute_values').values({ ...keys, attribute_code: attribute.code, value_key: value.key, position }).execute();
      if (value.names.length > 0) {
        await t
          .insertInto('service_attribute_value_names')
          .values(value.names.map((name) => ({ ...keys, attribute_code: attribute.code, value_key: value.key, locale: name.locale, name: name.name })))
          .execute();
      }
    }
  }
}
