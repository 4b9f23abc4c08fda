import type { HubDb } from '../../db/database.js';
import type { CaseExtraTables, Open311TokensTable, ServiceRequestHistoryTable } from './history-tables.js';

/** The status history of cases (Open311 notes[]) and batch tokens: the only SQL on those tables. */

export type HistoryRow = ServiceRequestHistoryTable;
export type TokenRow = Open311TokensTable;

const tables = (db: HubDb) => db.withTables<CaseExtraTables>();

export async function insertHistory(db: HubDb, row: HistoryRow): Promise<void> {
  await tables(db).insertInto('service_request_history').values(row).execute();
}

/** History of the given cases, oldest first. */
export async function listHistory(db: HubDb, tenantId: string, requestIds: readonly string[]): Promise<HistoryRow[]> {
  if (requestIds.length === 0) return [];
  return tables(db)
    .selectFrom('service_request_history')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('request_id', 'in', [...requestIds])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function insertToken(db: HubDb, row: TokenRow): Promise<void> {
  await tables(db).insertInto('open311_tokens').values(row).execute();
}

export async function findToken(db: HubDb, tenantId: string, token: string): Promise<TokenRow | undefined> {
  return tables(db).selectFrom('open311_tokens').selectAll().where('tenant_id', '=', tenantId).where('token', '=', token).executeTakeFirst();
}
