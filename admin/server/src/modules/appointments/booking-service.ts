import crypto from 'node:crypto';
import { MAX_SEQUENCE, mintReference, parseReference } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import { isUniqueViolation } from '../../db/database.js';
import { badRequest, notFound } from '../../http/problems.js';
import { randomId } from '../../security/tokens.js';
import { conflict } from './access.js';
import { requireBookableSlot, requireOfficeService } from './availability-service.js';
import type { OfficeAndService } from './availability-service.js';
import { deleteClaim, findAppointmentByReference, insertAppointment, insertClaim, takenSeats, updateAppointmentIf } from './booking-repository.js';
import type { AppointmentRow } from './booking-repository.js';
import { normaliseDocument, validateIdDocument } from './id-document.js';
import { APPOINTMENT_ISSUER } from './settings.js';
import type { AppointmentSettings } from './settings.js';
import type { Slot } from './slots.js';
import type { IdDocumentKind } from './tables.js';
import { cancelAppointmentNotices, queueAppointmentNotices, requeueAppointmentNotices } from './notifications.js';
import type { AppointmentNotice } from './notifications.js';

/** Booking, cancelling and rescheduling appointments. No personal data in any error or log. */

export interface BookingRequest {
  readonly officeCode: string;
  readonly serviceCode: string;
  readonly start: Date;
  readonly fullName: string;
  readonly idDocument: { readonly kind: IdDocumentKind; readonly number: string };
  readonly phone: string | null;
  readonly email: string | null;
  readonly locale: string;
  readonly channel: 'kiosk' | 'web' | 'phone' | 'counter';
  /** How the citizen wants the confirmation and reminder; null: no messages. */
  readonly notice: AppointmentNotice | null;
}

function requireValidDocument(kind: IdDocumentKind, number: string): { kind: IdDocumentKind; number: string } {
  const result = validateIdDocument(kind, number);
  if (!result.ok) {
    const why = result.problem === 'check-letter' ? 'its check letter does not match the number' : 'it is not shaped like a DNI, NIE or passport number';
    throw badRequest('invalid-id-document', `the ID document is not valid: ${why}`, { problem: result.problem });
  }
  return { kind: result.kind, number: result.number };
}

/** A random sequence: references are not guessable one from the next. */
function randomReference(): string {
  return mintReference(APPOINTMENT_ISSUER, crypto.randomInt(1, MAX_SEQUENCE + 1)).display;
}

function firstFreeSeat(taken: readonly number[], capacity: number): number | null {
  const used = new Set(taken);
  for (let seat = 1; seat <= capacity; seat += 1) if (!used.has(seat)) return seat;
  return null;
}

/**
 * Takes a seat of `slot` for the appointment inside `run`'s transaction. Two bookings that pick
 * the same seat clash on the claims table's primary key; the loser's transaction rolls back and
 * it tries again, now seeing the seat taken. Capacity 1 and 200 racers: exactly one wins.
 */
async function withSeat<T>(
  db: HubDb,
  target: OfficeAndService,
  slot: Slot,
  settings: AppointmentSettings,
  run: (trx: HubDb, seat: number) => Promise<T>,
): Promise<T> {
  const { office, service } = target;
  for (let attempt = 0; attempt < settings.bookingAttempts; attempt += 1) {
    try {
      return await db.transaction().execute(async (trx) => {
        const seat = firstFreeSeat(await takenSeats(trx, office.tenant_id, office.code, service.code, slot.start.toISOString()), service.capacity);
        if (seat === null) throw conflict('slot-full', 'this time is fully booked; pick another one');
        return run(trx, seat);
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  throw conflict('slot-busy', 'many people are booking this time right now; try again');
}

export async function bookAppointment(db: HubDb, tenantId: string, request: BookingRequest, now: Date, settings: AppointmentSettings): Promise<AppointmentRow> {
  const document = requireValidDocument(request.idDocument.kind, request.idDocument.number);
  const target = await requireOfficeService(db, tenantId, request.officeCode, request.serviceCode);
  const slot = await requireBookableSlot(db, tenantId, target, request.start, now, settings);
  const at = now.toISOString();
  return withSeat(db, target, slot, settings, async (trx, seat) => {
    const row: AppointmentRow = {
      tenant_id: tenantId,
      id: randomId('appt'),
      reference: randomReference(),
      office_code: target.office.code,
      service_code: target.service.code,
      starts_at: slot.start.toISOString(),
      ends_at: slot.end.toISOString(),
      local_day: slot.localDay,
      status: 'booked',
      full_name: request.fullName,
      id_kind: document.kind,
      id_number: document.number,
      phone: request.phone,
      email: request.email,
      locale: request.locale,
      channel: request.channel,
      turn_id: null,
      created_at: at,
      updated_at: at,
    };
    await insertAppointment(trx, row);
    await insertClaim(trx, { tenant_id: tenantId, office_code: row.office_code, service_code: row.service_code, starts_at: row.starts_at, seat, appointment_id: row.id });
    if (request.notice !== null) await queueAppointmentNotices(trx, row, target, request.notice, now, settings);
    return row;
  });
}

/** By reference in any spelling; 404 for a malformed or unknown one alike. */
export async function requireAppointment(db: HubDb, tenantId: string, reference: string): Promise<AppointmentRow> {
  const parsed = parseReference(reference);
  const row = parsed.ok ? await findAppointmentByReference(db, tenantId, parsed.reference.display) : undefined;
  if (row === undefined) throw notFound('unknown-appointment', 'no appointment has this reference');
  return row;
}

/**
 * A citizen proves an appointment is theirs with its reference plus their document number. A
 * wrong number answers exactly like an unknown reference, so neither can be probed alone.
 */
export async function requireOwnAppointment(db: HubDb, tenantId: string, reference: string, documentNumber: string): Promise<AppointmentRow> {
  const row = await requireAppointment(db, tenantId, reference);
  const given = Buffer.from(normaliseDocument(documentNumber));
  const stored = Buffer.from(row.id_number);
  if (given.length !== stored.length || !crypto.timingSafeEqual(given, stored)) throw notFound('unknown-appointment', 'no appointment has this reference');
  return row;
}

function refuseUnlessBooked(row: AppointmentRow): void {
  if (row.status === 'cancelled') throw conflict('appointment-cancelled', 'this appointment was cancelled');
  if (row.status === 'checked-in') throw conflict('appointment-already-used', 'this appointment has already been checked in');
}

export async function cancelAppointment(db: HubDb, tenantId: string, reference: string, documentNumber: string, now: Date): Promise<AppointmentRow> {
  const row = await requireOwnAppointment(db, tenantId, reference, documentNumber);
  refuseUnlessBooked(row);
  const at = now.toISOString();
  const changed = await db.transaction().execute(async (trx) => {
    const updated = await updateAppointmentIf(trx, tenantId, row.id, 'booked', { status: 'cancelled', updated_at: at });
    // The seat is freed in the same transaction, so it is bookable again at once.
    if (updated > 0) {
      await deleteClaim(trx, tenantId, row.id);
      await cancelAppointmentNotices(trx, row);
    }
    return updated;
  });
  if (changed === 0) refuseUnlessBooked(await requireAppointment(db, tenantId, reference));
  return { ...row, status: 'cancelled', updated_at: at };
}

export async function rescheduleAppointment(
  db: HubDb,
  tenantId: string,
  reference: string,
  documentNumber: string,
  start: Date,
  now: Date,
  settings: AppointmentSettings,
): Promise<AppointmentRow> {
  const row = await requireOwnAppointment(db, tenantId, reference, documentNumber);
  refuseUnlessBooked(row);
  const target = await requireOfficeService(db, tenantId, row.office_code, row.service_code);
  const slot = await requireBookableSlot(db, tenantId, target, start, now, settings);
  if (slot.start.toISOString() === row.starts_at) return row;
  const changes = { starts_at: slot.start.toISOString(), ends_at: slot.end.toISOString(), local_day: slot.localDay, updated_at: now.toISOString() };
  return withSeat(db, target, slot, settings, async (trx, seat) => {
    // Old seat out and new seat in, in one transaction: a failed move keeps the old time.
    await deleteClaim(trx, tenantId, row.id);
    await insertClaim(trx, { tenant_id: tenantId, office_code: row.office_code, service_code: row.service_code, starts_at: changes.starts_at, seat, appointment_id: row.id });
    const updated = await updateAppointmentIf(trx, tenantId, row.id, 'booked', changes);
    if (updated === 0) throw conflict('appointment-changed', 'the appointment changed meanwhile; look it up again');
    const moved = { ...row, ...changes };
    await requeueAppointmentNotices(trx, row, moved, target, now, settings);
    return moved;
  });
}
