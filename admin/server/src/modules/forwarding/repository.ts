import type { HubDb } from '../../db/database.js';
import type { CaseRow } from '../cases/repository.js';
import type { ForwardingOutboxTable, ForwardingSettingsTable, ForwardingTables } from './tables.js';

/** The only SQL on migration 0008's tables. */

export type SettingsRow = ForwardingSettingsTable;
export type OutboxRow = ForwardingOutboxTable;

const tables = (db: HubDb) => db.withTables<ForwardingTables>();

export async function findSettings(db: HubDb, tenantId: string): Promise<SettingsRow | undefined> {
  return tables(db).selectFrom('forwarding_settings').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
}

export async function upsertSettings(db: HubDb, row: SettingsRow): Promise<void> {
  const { tenant_id: _tenant, ...changes } = row;
  await tables(db)
    .insertInto('forwarding_settings')
    .values(row)
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet(changes))
    .execute();
}

export async function listEnabledSettings(db: HubDb): Promise<SettingsRow[]> {
  return tables(db).selectFrom('forwarding_settings').selectAll().where('enabled', '=', 1).execute();
}

/**
 * Cases of a forwarding tenant filed since it enabled forwarding that have no outbox row yet
 * (the LEFT JOIN): this is how new cases are found without a hook in the case service.
 */
export async function listUnqueuedCaseIds(db: HubDb, tenantId: string, since: string, limit: number): Promise<string[]> {
  const rows = await tables(db)
    .selectFrom('service_requests as c')
    .leftJoin('forwarding_outbox as f', (join) => join.onRef('f.tenant_id', '=', 'c.tenant_id').onRef('f.request_id', '=', 'c.id'))
    .select('c.id')
    .where('c.tenant_id', '=', tenantId)
    .where('c.requested_at', '>=', since)
    .where('f.request_id', 'is', null)
    .orderBy('c.requested_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

export async function enqueue(db: HubDb, tenantId: string, requestId: string, now: string): Promise<void> {
  await tables(db)
    .insertInto('forwarding_outbox')
    .values({
      tenant_id: tenantId,
      request_id: requestId,
      state: 'pending',
      attempts: 0,
      next_attempt_at: now,
      first_posted_at: null,
      last_error_code: null,
      last_error_detail: null,
      external_id: null,
      external_token: null,
      external_status: null,
      external_detailed_status: null,
      external_notes: null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'request_id']).doNothing())
    .execute();
}

/** Due rows: pending ones whose time came, and inflight ones whose lease ran out. */
export async function listDue(db: HubDb, now: string, limit: number): Promise<OutboxRow[]> {
  return tables(db)
    .selectFrom('forwarding_outbox')
    .selectAll()
    .where('state', 'in', ['pending', 'inflight'])
    .where('next_attempt_at', '<=', now)
    .orderBy('next_attempt_at')
    .limit(limit)
    .execute();
}

/** Takes a row for this run; false when another process took it first. */
export async function claim(db: HubDb, row: OutboxRow, leaseUntil: string, now: string): Promise<boolean> {
  const result = await tables(db)
    .updateTable('forwarding_outbox')
    .set({ state: 'inflight', next_attempt_at: leaseUntil, updated_at: now })
    .where('tenant_id', '=', row.tenant_id)
    .where('request_id', '=', row.request_id)
    .where('state', '=', row.state)
    .where('next_attempt_at', '=', row.next_attempt_at)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function updateRow(db: HubDb, tenantId: string, requestId: string, changes: Partial<Omit<OutboxRow, 'tenant_id' | 'request_id'>>): Promise<void> {
  await tables(db)
    .updateTable('forwarding_outbox')
    .set(changes)
    .where('tenant_id', '=', tenantId)
    .where('request_id', '=', requestId)
    .execute();
}

/** External ids other rows of the tenant already own (a look-up must not take them). */
export async function claimedExternalIds(db: HubDb, tenantId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await tables(db)
    .selectFrom('forwarding_outbox')
    .select('external_id')
    .where('tenant_id', '=', tenantId)
    .where('external_id', 'in', [...ids])
    .execute();
  return new Set(rows.flatMap((r) => (r.external_id === null ? [] : [r.external_id])));
}

export async function listForwarded(db: HubDb, tenantId: string): Promise<OutboxRow[]> {
  return tables(db)
    .selectFrom('forwarding_outbox')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('state', '=', 'done')
    .where('external_id', 'is not', null)
    .orderBy('request_id')
    .execute();
}

export async function listOutbox(db: HubDb, tenantId: string, limit: number): Promise<OutboxRow[]> {
  return tables(db).selectFrom('forwarding_outbox').selectAll().where('tenant_id', '=', tenantId).orderBy('created_at', 'desc').limit(limit).execute();
}

export async function findCaseRow(db: HubDb, tenantId: string, id: string): Promise<CaseRow | undefined> {
  return tables(db).selectFrom('service_requests').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}
