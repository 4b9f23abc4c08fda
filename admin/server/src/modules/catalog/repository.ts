import type { HubDb } from '../../db/database.js';
import type { ServicesTable } from '../../db/schema.js';

export type ServiceRow = ServicesTable;

export interface LocalisedServiceRow {
  code: string;
  group_code: string;
  type: string;
  locationless: number;
  locale: string;
  name: string;
  description: string;
  keywords: string;
  group_name: string | null;
}

/**
 * Active services of a tenant with their texts in `locales` (the wanted one and its fallback):
 * one row per service and locale found; the service layer picks the best per service.
 */
export async function listLocalisedServices(
  db: HubDb,
  tenantId: string,
  locales: readonly string[],
): Promise<LocalisedServiceRow[]> {
  return db
    .selectFrom('services as s')
    .innerJoin('service_groups as g', (join) =>
      join.onRef('g.tenant_id', '=', 's.tenant_id').onRef('g.code', '=', 's.group_code'),
    )
    .innerJoin('service_translations as t', (join) =>
      join.onRef('t.tenant_id', '=', 's.tenant_id').onRef('t.service_code', '=', 's.code'),
    )
    .leftJoin('service_group_translations as gt', (join) =>
      join
        .onRef('gt.tenant_id', '=', 's.tenant_id')
        .onRef('gt.group_code', '=', 's.group_code')
        .onRef('gt.locale', '=', 't.locale'),
    )
    .select([
      's.code',
      's.group_code',
      's.type',
      's.locationless',
      't.locale',
      't.name',
      't.description',
      't.keywords',
      'gt.name as group_name',
    ])
    .where('s.tenant_id', '=', tenantId)
    .where('s.active', '=', 1)
    .where('t.locale', 'in', [...locales])
    .orderBy('g.position')
    .orderBy('s.position')
    .orderBy('s.code')
    .execute();
}

export async function findActiveService(db: HubDb, tenantId: string, code: string): Promise<ServiceRow | undefined> {
  return db
    .selectFrom('services')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('code', '=', code)
    .where('active', '=', 1)
    .executeTakeFirst();
}

/** Names of the given services in `locales`, for lists of cases. */
export async function listServiceNames(
  db: HubDb,
  tenantId: string,
  locales: readonly string[],
): Promise<{ service_code: string; locale: string; name: string }[]> {
  return db
    .selectFrom('service_translations')
    .select(['service_code', 'locale', 'name'])
    .where('tenant_id', '=', tenantId)
    .where('locale', 'in', [...locales])
    .execute();
}
