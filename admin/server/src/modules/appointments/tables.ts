import type { Flag, IsoText } from '../../db/schema.js';

/**
 * Migration 0003's tables as Kysely sees them. They live here (not in db/schema.ts, which is
 * shared) until the lead merges them; repositories reach them with `db.withTables<AppointmentTables>()`.
 */

export type AppointmentStatus = 'booked' | 'cancelled' | 'checked-in';
export type IdDocumentKind = 'dni' | 'nie' | 'passport';
export type TurnKind = 'appointment' | 'walk-in';
export type TurnStatus = 'waiting' | 'called' | 'done';

export interface ApptOfficesTable {
  tenant_id: string;
  code: string;
  name: string;
  address: string;
  /** IANA zone, e.g. Europe/Madrid: slots and "today" are computed in it. */
  time_zone: string;
  position: number;
  active: Flag;
  created_at: IsoText;
}

export interface ApptDesksTable {
  tenant_id: string;
  office_code: string;
  code: string;
  label: string;
  active: Flag;
}

export interface ApptServicesTable {
  tenant_id: string;
  office_code: string;
  code: string;
  /** JSON object locale -> name. */
  names: string;
  turn_letter: string;
  slot_minutes: number;
  capacity: number;
  position: number;
  active: Flag;
  /** Migration 0021: 1 the office's kiosk hands out walk-in turns for it, 0 by appointment only. */
  walk_in: Flag;
}

export interface ApptOpeningHoursTable {
  tenant_id: string;
  office_code: string;
  weekday: number;
  opens_at: string;
  closes_at: string;
}

export interface ApptHolidaysTable {
  tenant_id: string;
  office_code: string;
  day: string;
  name: string;
}

export interface AppointmentsTable {
  tenant_id: string;
  id: string;
  reference: string;
  office_code: string;
  service_code: string;
  starts_at: IsoText;
  ends_at: IsoText;
  local_day: string;
  status: AppointmentStatus;
  full_name: string;
  id_kind: IdDocumentKind;
  id_number: string;
  phone: string | null;
  email: string | null;
  locale: string;
  channel: string;
  turn_id: string | null;
  created_at: IsoText;
  updated_at: IsoText;
}

export interface ApptSlotClaimsTable {
  tenant_id: string;
  office_code: string;
  service_code: string;
  starts_at: IsoText;
  seat: number;
  appointment_id: string;
}

export interface ApptTurnsTable {
  tenant_id: string;
  id: string;
  office_code: string;
  service_code: string;
  local_day: string;
  number: number;
  label: string;
  kind: TurnKind;
  appointment_id: string | null;
  status: TurnStatus;
  desk_code: string | null;
  issued_at: IsoText;
  called_at: IsoText | null;
  finished_at: IsoText | null;
}

// A type alias, not an interface: Kysely's withTables() needs an index-signature-compatible type.
export type AppointmentTables = {
  appt_offices: ApptOfficesTable;
  appt_desks: ApptDesksTable;
  appt_services: ApptServicesTable;
  appt_opening_hours: ApptOpeningHoursTable;
  appt_holidays: ApptHolidaysTable;
  appointments: AppointmentsTable;
  appt_slot_claims: ApptSlotClaimsTable;
  appt_turns: ApptTurnsTable;
};
