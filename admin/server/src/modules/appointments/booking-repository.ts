import type { HubDb } from '../../db/database.js';
import { appointmentTables } from './office-repository.js';
import type { AppointmentsTable, ApptSlotClaimsTable } from './tables.js';

/** Appointments and their slot claims: the only SQL on those tables. */

export type AppointmentRow = AppointmentsTable;
export type SlotClaimRow = ApptSlotClaimsTable;

/** Seats taken per slot start (ISO UTC) of one service between two instants. */
export async function takenSeatsBetween(
  db: HubDb,
  tenantId: string,
  officeCode: string,
  serviceCode: string,
  fromIso: string,
  toIso: string,
): Promise<Map<string, number>> {
  const rows = await appointmentTables(db)
    .selectFrom('appt_slot_claims')
    .select(['starts_at', (eb) => eb.fn.countAll<string | number>().as('taken')])
    .where('tenant_id', '=', tenantId)
    .where('office_code', '=', officeCode)
    .where('service_code', '=', serviceCode)
    .where('starts_at', '>=', fromIso)
    .where('starts_at', '<', toIso)
    .groupBy('starts_at')
    .execute();
  return new Map(rows.map((row) => [row.starts_at, Number(row.taken)]));
}

export async function takenSeats(db: HubDb, tenantId: string, officeCode: string, serviceCode: string, startsAt: string): Promise<number[]> {
  const rows = await appointmentTables(db)
    .selectFrom('appt_slot_claims')
    .select('seat')
    .where('tenant_id', '=', tenantId)
    .where('office_code', '=', officeCode)
    .where('service_code', '=', serviceCode)
    .where('starts_at', '=', startsAt)
    .execute();
  return rows.map((row) => row.seat);
}

/** Fails with a unique violation when another booking holds the seat: that is the point. */
export async function insertClaim(db: HubDb, row: SlotClaimRow): Promise<void> {
  await appointmentTables(db).insertInto('appt_slot_claims').values(row).execute();
}

export async function deleteClaim(db: HubDb, tenantId: string, appointmentId: string): Promise<void> {
  await appointmentTables(db).deleteFrom('appt_slot_claims').where('tenant_id', '=', tenantId).where('appointment_id', '=', appointmentId).execute();
}

export async function insertAppointment(db: HubDb, row: AppointmentRow): Promise<void> {
  await appointmentTables(db).insertInto('appointments').values(row).execute();
}

export async function findAppointmentByReference(db: HubDb, tenantId: string, reference: string): Promise<AppointmentRow | undefined> {
  return appointmentTables(db).selectFrom('appointments').selectAll().where('tenant_id', '=', tenantId).where('reference', '=', reference).executeTakeFirst();
}

/** Appointments of one document on one office day, best candidates (still booked) first. */
export async function findAppointmentsByDocument(db: HubDb, tenantId: string, idNumber: string, localDay: string): Promise<AppointmentRow[]> {
  return appointmentTables(db)
    .selectFrom('appointments')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id_number', '=', idNumber)
    .where('local_day', '=', localDay)
    .orderBy('starts_at')
    .execute();
}

export async function listAppointmentsOfDay(db: HubDb, tenantId: string, officeCode: string, localDay: string): Promise<AppointmentRow[]> {
  return appointmentTables(db)
    .selectFrom('appointments')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('office_code', '=', officeCode)
    .where('local_day', '=', localDay)
    .orderBy('starts_at')
    .execute();
}

/**
 * Moves an appointment from one status to another only if it is still in `from`; returns how
 * many rows changed, so two check-ins of the same code cannot both win.
 */
export async function updateAppointmentIf(
  db: HubDb,
  tenantId: string,
  id: string,
  from: AppointmentRow['status'],
  changes: Partial<Pick<AppointmentRow, 'status' | 'turn_id' | 'starts_at' | 'ends_at' | 'local_day' | 'updated_at'>>,
): Promise<number> {
  const result = await appointmentTables(db)
    .updateTable('appointments')
    .set(changes)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
