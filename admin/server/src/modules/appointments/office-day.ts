import type { BookingState, KioskLocale, OfficeDay, OfficeSettings } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import { formatInTimeZone } from '../../http/time.js';
import { requireOffice, serviceName } from './availability-service.js';
import { listAppointmentsOfDay } from './booking-repository.js';
import type { AppointmentRow } from './booking-repository.js';
import { listDesks, listHolidays, listOfficeServices, listOpeningHours } from './office-repository.js';
import type { AppointmentSettings } from './settings.js';
import { listTurnsOfDay } from './turn-repository.js';
import type { TurnRow } from './turn-repository.js';
import { addDays, localDayOf } from './zoned-time.js';

/** What the console shows of an office: its calendar settings and its day at the counter. */

const MINUTE_MS = 60_000;
/** How far ahead the settings page lists holidays. */
const HOLIDAY_HORIZON_DAYS = 3 * 366;

/**
 * A booking as the counter sees it. A booking still `booked` after its check-in window closed is
 * a no-show; a checked-in one follows its turn (waiting, at a desk, finished).
 */
export function bookingState(row: Pick<AppointmentRow, 'status' | 'starts_at'>, turn: Pick<TurnRow, 'status'> | undefined, now: Date, settings: AppointmentSettings): BookingState {
  if (row.status === 'cancelled') return 'cancelled';
  if (row.status === 'booked') return now.getTime() > Date.parse(row.starts_at) + settings.checkInLateMinutes * MINUTE_MS ? 'no-show' : 'booked';
  if (turn?.status === 'done') return 'served';
  if (turn?.status === 'called') return 'called';
  return 'checked-in';
}

const onBoard = (t: TurnRow) => ({ turnId: t.id, label: t.label, serviceCode: t.service_code, kind: t.kind, issuedAt: t.issued_at, deskCode: t.desk_code });

export async function officeDay(db: HubDb, tenantId: string, officeCode: string, day: string | undefined, locale: KioskLocale, now: Date, settings: AppointmentSettings): Promise<OfficeDay> {
  const office = await requireOffice(db, tenantId, officeCode);
  const localDay = day ?? localDayOf(now, office.time_zone);
  const [rows, turns, services] = await Promise.all([
    listAppointmentsOfDay(db, tenantId, office.code, localDay),
    listTurnsOfDay(db, tenantId, office.code, localDay),
    listOfficeServices(db, tenantId, [office.code]),
  ]);
  const names = new Map(services.map((s) => [s.code, serviceName(s, locale)]));
  const turnById = new Map(turns.map((t) => [t.id, t]));
  return {
    office: office.code,
    day: localDay,
    timeZone: office.time_zone,
    bookings: rows.map((row) => {
      const turn = row.turn_id === null ? undefined : turnById.get(row.turn_id);
      return {
        reference: row.reference,
        service: row.service_code,
        serviceName: names.get(row.service_code) ?? row.service_code,
        start: formatInTimeZone(row.starts_at, office.time_zone),
        end: formatInTimeZone(row.ends_at, office.time_zone),
        state: bookingState(row, turn, now, settings),
        turnLabel: turn?.label ?? null,
      };
    }),
    waiting: turns.filter((t) => t.status === 'waiting').map(onBoard),
    called: turns.filter((t) => t.status === 'called').map(onBoard),
  };
}

export async function officeSettings(db: HubDb, tenantId: string, officeCode: string, locale: KioskLocale, now: Date): Promise<OfficeSettings> {
  const office = await requireOffice(db, tenantId, officeCode);
  const today = localDayOf(now, office.time_zone);
  const [hours, holidays, desks, services] = await Promise.all([
    listOpeningHours(db, tenantId, office.code),
    listHolidays(db, tenantId, office.code, today, addDays(today, HOLIDAY_HORIZON_DAYS)),
    listDesks(db, tenantId, office.code),
    listOfficeServices(db, tenantId, [office.code]),
  ]);
  return {
    office: { code: office.code, name: office.name, address: office.address, timeZone: office.time_zone },
    hours: hours
      .map((h) => ({ weekday: h.weekday, opensAt: h.opens_at, closesAt: h.closes_at }))
      .sort((a, b) => a.weekday - b.weekday || a.opensAt.localeCompare(b.opensAt)),
    holidays: holidays.map((h) => ({ day: h.day, name: h.name })).sort((a, b) => a.day.localeCompare(b.day)),
    desks: desks.map((d) => ({ code: d.code, label: d.label, active: d.active === 1 })),
    services: services.map((s) => ({ code: s.code, name: serviceName(s, locale), turnLetter: s.turn_letter, slotMinutes: s.slot_minutes, capacity: s.capacity, walkIn: s.walk_in === 1 })),
  };
}
