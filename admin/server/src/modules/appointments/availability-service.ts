import type { KioskLocale } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import { badRequest, notFound } from '../../http/problems.js';
import { formatInTimeZone } from '../../http/time.js';
import { takenSeatsBetween } from './booking-repository.js';
import { findOffice, findOfficeService, listHolidays, listOfficeServices, listOffices, listOpeningHours } from './office-repository.js';
import type { ApptServiceRow, OfficeRow } from './office-repository.js';
import type { AppointmentSettings } from './settings.js';
import { slotsBetween, slotsOfDay } from './slots.js';
import type { Slot, SlotRules } from './slots.js';
import { addDays, daysBetween, isDay, localDayOf } from './zoned-time.js';

/** Offices, their services and free slots, as citizens and kiosks see them. */

export interface OfficeService {
  readonly code: string;
  readonly name: string;
  readonly turnLetter: string;
  readonly slotMinutes: number;
  readonly capacity: number;
  /** Whether the office's kiosk hands out walk-in turns for it (false: by appointment only). */
  readonly walkIn: boolean;
}

export interface OfficeView {
  readonly code: string;
  readonly name: string;
  readonly address: string;
  readonly timeZone: string;
  readonly services: OfficeService[];
}

export interface FreeSlot {
  /** ISO 8601 in the office's own offset, e.g. 2026-12-01T09:30:00+01:00. */
  readonly start: string;
  readonly end: string;
  readonly available: number;
}

/** The name in `locale`, else Spanish, else any: a service must never show up nameless. */
export function serviceName(row: ApptServiceRow, locale: KioskLocale): string {
  let names: Record<string, unknown> = {};
  try {
    names = JSON.parse(row.names) as Record<string, unknown>;
  } catch {
    // A broken names column shows the code rather than failing the whole list.
  }
  const pick = [names[locale], names['es'], ...Object.values(names)].find((value): value is string => typeof value === 'string' && value !== '');
  return pick ?? row.code;
}

export async function officesWithServices(db: HubDb, tenantId: string, locale: KioskLocale): Promise<OfficeView[]> {
  const offices = await listOffices(db, tenantId);
  const services = await listOfficeServices(db, tenantId, offices.map((office) => office.code));
  return offices.map((office) => ({
    code: office.code,
    name: office.name,
    address: office.address,
    timeZone: office.time_zone,
    services: services
      .filter((service) => service.office_code === office.code)
      .map((service) => ({
        code: service.code,
        name: serviceName(service, locale),
        turnLetter: service.turn_letter,
        slotMinutes: service.slot_minutes,
        capacity: service.capacity,
        walkIn: service.walk_in === 1,
      })),
  }));
}

export interface OfficeAndService {
  readonly office: OfficeRow;
  readonly service: ApptServiceRow;
}

export async function requireOfficeService(db: HubDb, tenantId: string, officeCode: string, serviceCode: string): Promise<OfficeAndService> {
  const office = await requireOffice(db, tenantId, officeCode);
  const service = await findOfficeService(db, tenantId, officeCode, serviceCode);
  if (service === undefined) throw notFound('unknown-service', 'this office offers no appointments for this service');
  return { office, service };
}

export async function requireOffice(db: HubDb, tenantId: string, officeCode: string): Promise<OfficeRow> {
  const office = await findOffice(db, tenantId, officeCode);
  if (office === undefined) throw notFound('unknown-office', 'no office has this code');
  return office;
}

async function slotRules(db: HubDb, tenantId: string, office: OfficeRow, service: ApptServiceRow, fromDay: string, toDay: string): Promise<SlotRules> {
  const [hours, holidays] = await Promise.all([listOpeningHours(db, tenantId, office.code), listHolidays(db, tenantId, office.code, fromDay, toDay)]);
  return {
    timeZone: office.time_zone,
    slotMinutes: service.slot_minutes,
    openingHours: hours.map((h) => ({ weekday: h.weekday, opensAt: h.opens_at, closesAt: h.closes_at })),
    holidays: new Set(holidays.map((h) => h.day)),
  };
}

/** The earliest instant a slot may start at to be offered or booked. */
function earliestStart(now: Date, settings: AppointmentSettings): number {
  return now.getTime() + settings.minimumLeadMinutes * 60_000;
}

/** Slots with a free seat between two office days (inclusive). */
export async function freeSlots(
  db: HubDb,
  tenantId: string,
  target: OfficeAndService,
  fromDay: string,
  toDay: string,
  now: Date,
  settings: AppointmentSettings,
): Promise<FreeSlot[]> {
  if (!isDay(fromDay) || !isDay(toDay)) throw badRequest('invalid-date', 'from and to must be dates (YYYY-MM-DD)');
  const span = daysBetween(fromDay, toDay);
  if (span < 0) throw badRequest('invalid-date-range', 'from must not be after to');
  if (span + 1 > settings.maxSlotRangeDays) throw badRequest('invalid-date-range', `ask for at most ${settings.maxSlotRangeDays} days at once`);
  const { office, service } = target;
  const lastBookableDay = addDays(localDayOf(now, office.time_zone), settings.bookingHorizonDays);
  const rules = await slotRules(db, tenantId, office, service, fromDay, toDay);
  const slots = slotsBetween(rules, fromDay, toDay < lastBookableDay ? toDay : lastBookableDay);
  const [first] = slots;
  const last = slots.at(-1);
  if (first === undefined || last === undefined) return [];
  const taken = await takenSeatsBetween(db, tenantId, office.code, service.code, first.start.toISOString(), last.end.toISOString());
  const earliest = earliestStart(now, settings);
  return slots
    .filter((slot) => slot.start.getTime() >= earliest)
    .map((slot) => ({ slot, available: service.capacity - (taken.get(slot.start.toISOString()) ?? 0) }))
    .filter(({ available }) => available > 0)
    .map(({ slot, available }) => ({ start: formatInTimeZone(slot.start, office.time_zone), end: formatInTimeZone(slot.end, office.time_zone), available }));
}

/** The slot that starts exactly at `start`, if the service offers one then and it is bookable now. */
export async function requireBookableSlot(
  db: HubDb,
  tenantId: string,
  target: OfficeAndService,
  start: Date,
  now: Date,
  settings: AppointmentSettings,
): Promise<Slot> {
  const { office, service } = target;
  const day = localDayOf(start, office.time_zone);
  const slot = slotsOfDay(await slotRules(db, tenantId, office, service, day, day), day).find((s) => s.start.getTime() === start.getTime());
  if (slot === undefined) throw badRequest('not-a-slot', 'the office offers no appointment for this service at this time');
  if (start.getTime() < earliestStart(now, settings)) throw badRequest('slot-in-past', 'this time has already passed');
  if (daysBetween(localDayOf(now, office.time_zone), day) > settings.bookingHorizonDays) {
    throw badRequest('slot-too-far', `appointments open at most ${settings.bookingHorizonDays} days ahead`);
  }
  return slot;
}
