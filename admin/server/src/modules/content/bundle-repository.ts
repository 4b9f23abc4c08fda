import type { HubDb } from '../../db/database.js';
import type { ContentBundlesTable, ContentFilesTable, ContentSigningKeysTable, ContentTables } from './tables.js';

/** Signed bundles, their content-addressed files and the signing keys: the only SQL on those tables. */

export type BundleRow = ContentBundlesTable;
export type FileRow = ContentFilesTable;
export type SigningKeyRow = ContentSigningKeysTable;

const tables = (db: HubDb) => db.withTables<ContentTables>();

export async function findSigningKey(db: HubDb, tenantId: string): Promise<SigningKeyRow | undefined> {
  return tables(db).selectFrom('content_signing_keys').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
}

/** Inserts unless one exists already (two processes racing on first use keep the first). */
export async function insertSigningKeyIfMissing(db: HubDb, key: SigningKeyRow): Promise<void> {
  await tables(db).insertInto('content_signing_keys').values(key).onConflict((oc) => oc.column('tenant_id').doNothing()).execute();
}

export async function latestBundle(db: HubDb, tenantId: string): Promise<BundleRow | undefined> {
  return tables(db)
    .selectFrom('content_bundles')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Throws a unique violation when another process took this version first. */
export async function insertBundle(db: HubDb, bundle: BundleRow): Promise<void> {
  await tables(db).insertInto('content_bundles').values(bundle).execute();
}

export async function insertFileIfMissing(db: HubDb, file: FileRow): Promise<void> {
  await tables(db).insertInto('content_files').values(file).onConflict((oc) => oc.columns(['tenant_id', 'sha256']).doNothing()).execute();
}

export async function findFile(db: HubDb, tenantId: string, sha256: string): Promise<FileRow | undefined> {
  return tables(db).selectFrom('content_files').selectAll().where('tenant_id', '=', tenantId).where('sha256', '=', sha256).executeTakeFirst();
}

export async function findBundle(db: HubDb, tenantId: string, version: number): Promise<BundleRow | undefined> {
  return tables(db).selectFrom('content_bundles').selectAll().where('tenant_id', '=', tenantId).where('version', '=', version).executeTakeFirst();
}

/** The newest bundle made from content older than `revision` (what kiosks had before that publication). */
export async function newestBundleBefore(db: HubDb, tenantId: string, revision: number): Promise<BundleRow | undefined> {
  return tables(db)
    .selectFrom('content_bundles')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('revision', '<', revision)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}
