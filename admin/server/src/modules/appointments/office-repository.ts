import type { HubDb } from '../../db/database.js';
import type { AppointmentTables, ApptDesksTable, ApptHolidaysTable, ApptOfficesTable, ApptOpeningHoursTable, ApptServicesTable } from './tables.js';

/** Offices and what defines their calendars: the only SQL on those tables of migration 0003. */

export type OfficeRow = ApptOfficesTable;
export type ApptServiceRow = ApptServicesTable;
export type OpeningHoursRow = ApptOpeningHoursTable;
export type HolidayRow = ApptHolidaysTable;
export type DeskRow = ApptDesksTable;

export const appointmentTables = (db: HubDb) => db.withTables<AppointmentTables>();

export async function listOffices(db: HubDb, tenantId: string): Promise<OfficeRow[]> {
  return appointmentTables(db).selectFrom('appt_offices').selectAll().where('tenant_id', '=', tenantId).where('active', '=', 1).orderBy('position').execute();
}

export async function findOffice(db: HubDb, tenantId: string, code: string): Promise<OfficeRow | undefined> {
  return appointmentTables(db).selectFrom('appt_offices').selectAll().where('tenant_id', '=', tenantId).where('code', '=', code).where('active', '=', 1).executeTakeFirst();
}

export async function listOfficeServices(db: HubDb, tenantId: string, officeCodes: readonly string[]): Promise<ApptServiceRow[]> {
  if (officeCodes.length === 0) return [];
  return appointmentTables(db)
    .selectFrom('appt_services')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('office_code', 'in', [...officeCodes])
    .where('active', '=', 1)
    .orderBy('office_code')
    .orderBy('position')
    .execute();
}

export async function findOfficeService(db: HubDb, tenantId: string, officeCode: string, serviceCode: string): Promise<ApptServiceRow | undefined> {
  return appointmentTables(db)
    .selectFrom('appt_services')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('office_code', '=', officeCode)
    .where('code', '=', serviceCode)
    .where('active', '=', 1)
    .executeTakeFirst();
}

export async function listOpeningHours(db: HubDb, tenantId: string, officeCode: string): Promise<OpeningHoursRow[]> {
  return appointmentTables(db).selectFrom('appt_opening_hours').selectAll().where('tenant_id', '=', tenantId).where('office_code', '=', officeCode).execute();
}

export async function listHolidays(db: HubDb, tenantId: string, officeCode: string, fromDay: string, toDay: string): Promise<HolidayRow[]> {
  return appointmentTables(db)
    .selectFrom('appt_holidays')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('office_code', '=', officeCode)
    .where('day', '>=', fromDay)
    .where('day', '<=', toDay)
    .execute();
}

export async function countActiveDesks(db: HubDb, tenantId: string, officeCode: string): Promise<number> {
  const row = await appointmentTables(db)
    .selectFrom('appt_desks')
    .select((eb) => eb.fn.countAll<string | number>().as('count'))
    .where('tenant_id', '=', tenantId)
    .where('office_code', '=', officeCode)
    .where('active', '=', 1)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

export async function findDesk(db: HubDb, tenantId: string, officeCode: string, deskCode: string): Promise<DeskRow | undefined> {
  return appointmentTables(db)
    .selectFrom('appt_desks')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('office_code', '=', officeCode)
    .where('code', '=', deskCode)
    .where('active', '=', 1)
    .executeTakeFirst();
}

/** Every desk of an office, inactive ones too (the console can switch them back on). */
export async function listDesks(db: HubDb, tenantId: string, officeCode: string): Promise<DeskRow[]> {
  return appointmentTables(db).selectFrom('appt_desks').selectAll().where('tenant_id', '=', tenantId).where('office_code', '=', officeCode).orderBy('code').execute();
}

export async function updateDesk(db: HubDb, tenantId: string, officeCode: string, deskCode: string, label: string, active: boolean): Promise<number> {
  const result = await appointmentTables(db)
    .updateTable('appt_desks')
    .set({ label, active: active ? 1 : 0 })
    .where('tenant_id', '=', tenantId)
    .where('office_code', '=', officeCode)
    .where('code', '=', deskCode)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Removes a holiday; 0 when the office had none on that day. */
export async function deleteHoliday(db: HubDb, tenantId: string, officeCode: string, day: string): Promise<number> {
  const result = await appointmentTables(db).deleteFrom('appt_holidays').where('tenant_id', '=', tenantId).where('office_code', '=', officeCode).where('day', '=', day).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Adds a holiday; an existing one on that day keeps its name (idempotent). */
export async function insertHoliday(db: HubDb, row: HolidayRow): Promise<void> {
  await appointmentTables(db).insertInto('appt_holidays').values(row).onConflict((oc) => oc.doNothing()).execute();
}

/** Slot length, capacity and (when given) walk-in turns of a service; 0 when the office has no such service. */
export async function updateServiceSlots(
  db: HubDb,
  tenantId: string,
  officeCode: string,
  serviceCode: string,
  change: { readonly slotMinutes: number; readonly capacity: number; readonly walkIn?: boolean | undefined },
): Promise<number> {
  const result = await appointmentTables(db)
    .updateTable('appt_services')
    .set({ slot_minutes: change.slotMinutes, capacity: change.capacity, ...(change.walkIn === undefined ? {} : { walk_in: change.walkIn ? 1 : 0 }) })
    .where('tenant_id', '=', tenantId)
    .where('office_code', '=', officeCode)
    .where('code', '=', serviceCode)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Replaces an office's whole week at once (the caller's transaction keeps it atomic). */
export async function replaceOpeningHours(db: HubDb, tenantId: string, officeCode: string, rows: readonly OpeningHoursRow[]): Promise<void> {
  await appointmentTables(db).deleteFrom('appt_opening_hours').where('tenant_id', '=', tenantId).where('office_code', '=', officeCode).execute();
  if (rows.length > 0) await appointmentTables(db).insertInto('appt_opening_hours').values([...rows]).execute();
}

/** The demo seed's question: does this municipality exist, and in which time zone? */
export async function findTenantTimeZone(db: HubDb, tenantId: string): Promise<string | undefined> {
  const row = await db.selectFrom('tenants').select('time_zone').where('id', '=', tenantId).executeTakeFirst();
  return row?.time_zone;
}

/** Seed writers: fill what is missing, never overwrite what staff changed. */
export async function insertOfficeIfMissing(db: HubDb, row: OfficeRow): Promise<void> {
  await appointmentTables(db).insertInto('appt_offices').values(row).onConflict((oc) => oc.doNothing()).execute();
}
export async function insertDeskIfMissing(db: HubDb, row: DeskRow): Promise<void> {
  await appointmentTables(db).insertInto('appt_desks').values(row).onConflict((oc) => oc.doNothing()).execute();
}
export async function insertServiceIfMissing(db: HubDb, row: ApptServiceRow): Promise<void> {
  await appointmentTables(db).insertInto('appt_services').values(row).onConflict((oc) => oc.doNothing()).execute();
}
export async function insertOpeningHoursIfMissing(db: HubDb, row: OpeningHoursRow): Promise<void> {
  await appointmentTables(db).insertInto('appt_opening_hours').values(row).onConflict((oc) => oc.doNothing()).execute();
}
