import type { HubDb } from '../../db/database.js';
import type { AttributeTables, ServiceAttributesTable } from './attribute-tables.js';

/** Service definitions (Open311 attributes): the only SQL on migration 0002's attribute tables. */

export type AttributeRow = ServiceAttributesTable;

const tables = (db: HubDb) => db.withTables<AttributeTables>();

export async function listAttributes(db: HubDb, tenantId: string, serviceCode: string): Promise<AttributeRow[]> {
  return tables(db)
    .selectFrom('service_attributes')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('service_code', '=', serviceCode)
    .orderBy('position')
    .execute();
}

export async function listAttributeTexts(db: HubDb, tenantId: string, serviceCode: string, locales: readonly string[]) {
  return tables(db)
    .selectFrom('service_attribute_texts')
    .select(['attribute_code', 'locale', 'description', 'datatype_description'])
    .where('tenant_id', '=', tenantId)
    .where('service_code', '=', serviceCode)
    .where('locale', 'in', [...locales])
    .execute();
}

export async function listAttributeValues(db: HubDb, tenantId: string, serviceCode: string) {
  return tables(db)
    .selectFrom('service_attribute_values')
    .select(['attribute_code', 'value_key'])
    .where('tenant_id', '=', tenantId)
    .where('service_code', '=', serviceCode)
    .orderBy('position')
    .execute();
}

export async function listValueNames(db: HubDb, tenantId: string, serviceCode: string, locales: readonly string[]) {
  return tables(db)
    .selectFrom('service_attribute_value_names')
    .select(['attribute_code', 'value_key', 'locale', 'name'])
    .where('tenant_id', '=', tenantId)
    .where('service_code', '=', serviceCode)
    .where('locale', 'in', [...locales])
    .execute();
}

/** Codes of the tenant's services that have a definition (Open311 `metadata=true`). */
export async function listServicesWithAttributes(db: HubDb, tenantId: string): Promise<Set<string>> {
  const rows = await tables(db)
    .selectFrom('service_attributes')
    .select('service_code')
    .distinct()
    .where('tenant_id', '=', tenantId)
    .execute();
  return new Set(rows.map((r) => r.service_code));
}
