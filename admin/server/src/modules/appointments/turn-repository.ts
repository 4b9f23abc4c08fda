import type { HubDb } from '../../db/database.js';
import { appointmentTables } from './office-repository.js';
import type { ApptTurnsTable } from './tables.js';
import { nextCounterValue } from '../../db/counters.js';

/** Turns and their daily counters: the only SQL on appt_turns. */

export type TurnRow = ApptTurnsTable;

/** counters.name of one service's turn numbers on one office day. */
export const turnCounterName = (officeCode: string, serviceCode: string, localDay: string) => `turn:${officeCode}:${serviceCode}:${localDay}`;

/**
 * Next turn number. The UPDATE takes the counter's row lock, so concurrent kiosks queue here
 * until their transaction ends (the same scheme as case ids): numbers never repeat.
 */
export async function nextTurnNumber(db: HubDb, tenantId: string, counter: string): Promise<number> {
  return nextCounterValue(db, tenantId, counter);
}

export async function insertTurn(db: HubDb, row: TurnRow): Promise<void> {
  await appointmentTables(db).insertInto('appt_turns').values(row).execute();
}

export async function findTurn(db: HubDb, tenantId: string, id: string): Promise<TurnRow | undefined> {
  return appointmentTables(db).selectFrom('appt_turns').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

/** Waiting turns of an office day, oldest first; optionally only some services. */
export async function listWaitingTurns(db: HubDb, tenantId: string, officeCode: string, localDay: string, serviceCodes?: readonly string[]): Promise<TurnRow[]> {
  let query = appointmentTables(db)
    .selectFrom('appt_turns')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('office_code', '=', officeCode)
    .where('local_day', '=', localDay)
    .where('status', '=', 'waiting');
  if (serviceCodes !== undefined && serviceCodes.length > 0) query = query.where('service_code', 'in', [...serviceCodes]);
  return query.orderBy('issued_at').orderBy('number').execute();
}

/** Claims a waiting turn for a desk; 0 when another desk took it first. */
export async function callTurnIfWaiting(db: HubDb, tenantId: string, id: string, deskCode: string, at: string): Promise<number> {
  const result = await appointmentTables(db)
    .updateTable('appt_turns')
    .set({ status: 'called', desk_code: deskCode, called_at: at })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('status', '=', 'waiting')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The desk's previous turn is finished when it calls the next one. */
export async function finishCalledTurns(db: HubDb, tenantId: string, officeCode: string, deskCode: string, at: string): Promise<void> {
  await appointmentTables(db)
    .updateTable('appt_turns')
    .set({ status: 'done', finished_at: at })
    .where('tenant_id', '=', tenantId)
    .where('office_code', '=', officeCode)
    .where('desk_code', '=', deskCode)
    .where('status', '=', 'called')
    .execute();
}

/** Every turn of an office day, oldest first: the console's board sorts them into queue and desks. */
export async function listTurnsOfDay(db: HubDb, tenantId: string, officeCode: string, localDay: string): Promise<TurnRow[]> {
  return appointmentTables(db)
    .selectFrom('appt_turns')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('office_code', '=', officeCode)
    .where('local_day', '=', localDay)
    .orderBy('issued_at')
    .orderBy('number')
    .execute();
}
