import type { HubDb } from '../../db/database.js';
import { DEMO_CONTENT } from './demo-content.js';
import type { ContentTables } from './tables.js';
import { bumpRevision } from './repository.js';

/** Who a seeded version is credited to (no staff user wrote it). */
export const SEED_AUTHOR = 'seed';

/**
 * Seeds the demo FAQ and procedure sheets as published version 1. Idempotent (fills only what is
 * missing), so staff edits made later in the console are never undone.
 */
export async function seedDemoContent(db: HubDb, tenantId: string, now = new Date()): Promise<void> {
  // seed/demo.ts calls this inside its own transaction; Kysely cannot nest one.
  if (db.isTransaction) return insertDemoContent(db, tenantId, now.toISOString());
  await db.transaction().execute((trx) => insertDemoContent(trx, tenantId, now.toISOString()));
}

async function insertDemoContent(trx: HubDb, tenantId: string, at: string): Promise<void> {
  const t = trx.withTables<ContentTables>();
  let added = 0;
  for (const item of DEMO_CONTENT) {
    const inserted = await t
      .insertInto('content_entries')
      .values({ tenant_id: tenantId, id: item.id, kind: item.kind, service_code: item.serviceCode, latest_version: 1, published_version: 1, published_at: at, published_by: SEED_AUTHOR, created_at: at, updated_at: at })
      .onConflict((oc) => oc.columns(['tenant_id', 'id']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) continue;
    await t.insertInto('content_versions').values({ tenant_id: tenantId, entry_id: item.id, version: 1, texts: JSON.stringify(item.texts), created_at: at, created_by: SEED_AUTHOR }).execute();
    added += 1;
  }
  if (added > 0) await bumpRevision(trx, tenantId);
}
