import type { HubDb } from '../../db/database.js';
import type { ContentEntriesTable, ContentTables, ContentVersionsTable } from './tables.js';

/** Entries, versions and the publish revision: the only SQL on those tables. */

export type EntryRow = ContentEntriesTable;
export type VersionRow = ContentVersionsTable;

const tables = (db: HubDb) => db.withTables<ContentTables>();

export async function insertEntry(db: HubDb, entry: EntryRow, version: VersionRow): Promise<void> {
  await tables(db).insertInto('content_entries').values(entry).execute();
  await tables(db).insertInto('content_versions').values(version).execute();
}

export async function findEntry(db: HubDb, tenantId: string, id: string): Promise<EntryRow | undefined> {
  return tables(db).selectFrom('content_entries').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function findVersion(db: HubDb, tenantId: string, entryId: string, version: number): Promise<VersionRow | undefined> {
  return tables(db)
    .selectFrom('content_versions')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('entry_id', '=', entryId)
    .where('version', '=', version)
    .executeTakeFirst();
}

export async function listVersions(db: HubDb, tenantId: string, entryId: string) {
  return tables(db)
    .selectFrom('content_versions')
    .select(['version', 'created_at', 'created_by'])
    .where('tenant_id', '=', tenantId)
    .where('entry_id', '=', entryId)
    .orderBy('version', 'desc')
    .execute();
}

/** Entries with their latest texts, for the console's list. */
export async function listEntriesWithLatest(db: HubDb, tenantId: string, filter: { serviceCode?: string; kind?: string }) {
  let query = tables(db)
    .selectFrom('content_entries as e')
    .innerJoin('content_versions as v', (join) =>
      join.onRef('v.tenant_id', '=', 'e.tenant_id').onRef('v.entry_id', '=', 'e.id').onRef('v.version', '=', 'e.latest_version'),
    )
    .select(['e.id', 'e.kind', 'e.service_code', 'e.latest_version', 'e.published_version', 'e.updated_at', 'v.texts'])
    .where('e.tenant_id', '=', tenantId);
  if (filter.serviceCode !== undefined) query = query.where('e.service_code', '=', filter.serviceCode);
  if (filter.kind !== undefined) query = query.where('e.kind', '=', filter.kind as EntryRow['kind']);
  return query.orderBy('e.updated_at', 'desc').orderBy('e.id').execute();
}

/** Published entries only, with the texts of their published version: what kiosks may see. */
export async function listPublished(db: HubDb, tenantId: string) {
  return tables(db)
    .selectFrom('content_entries as e')
    .innerJoin('content_versions as v', (join) =>
      join.onRef('v.tenant_id', '=', 'e.tenant_id').onRef('v.entry_id', '=', 'e.id').onRef('v.version', '=', 'e.published_version'),
    )
    .select(['e.id', 'e.kind', 'e.service_code', 'v.version', 'v.texts'])
    .where('e.tenant_id', '=', tenantId)
    .where('e.published_version', 'is not', null)
    .orderBy('e.id')
    .execute();
}

/**
 * Moves the entry from `expected` to `expected + 1` only if nobody else did first; returns false
 * on a lost race (optimistic concurrency, checked by the database, not by a read before).
 */
export async function advanceLatestVersion(
  db: HubDb,
  tenantId: string,
  id: string,
  expected: number,
  change: { serviceCode: string | null; at: string },
): Promise<boolean> {
  const result = await tables(db)
    .updateTable('content_entries')
    .set({ latest_version: expected + 1, service_code: change.serviceCode, updated_at: change.at })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('latest_version', '=', expected)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertVersion(db: HubDb, version: VersionRow): Promise<void> {
  await tables(db).insertInto('content_versions').values(version).execute();
}

export async function setPublished(
  db: HubDb,
  tenantId: string,
  id: string,
  publication: { version: number | null; at: string; by: string | null },
): Promise<void> {
  await tables(db)
    .updateTable('content_entries')
    .set({ published_version: publication.version, published_at: publication.version === null ? null : publication.at, published_by: publication.by, updated_at: publication.at })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

/** Publishing changes what kiosks see: bump the tenant's revision in the same transaction. */
export async function bumpRevision(db: HubDb, tenantId: string): Promise<void> {
  await tables(db).insertInto('content_state').values({ tenant_id: tenantId, revision: 0 }).onConflict((oc) => oc.doNothing()).execute();
  await tables(db)
    .updateTable('content_state')
    .set((eb) => ({ revision: eb('revision', '+', 1) }))
    .where('tenant_id', '=', tenantId)
    .execute();
}

export async function currentRevision(db: HubDb, tenantId: string): Promise<number> {
  const row = await tables(db).selectFrom('content_state').select('revision').where('tenant_id', '=', tenantId).executeTakeFirst();
  return row?.revision ?? 0;
}
