import { parseReference } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import { badRequest, notFound } from '../../http/problems.js';
import { conflict } from './access.js';
import { requireOffice, requireOfficeService } from './availability-service.js';
import { findAppointmentByReference, findAppointmentsByDocument, updateAppointmentIf } from './booking-repository.js';
import type { AppointmentRow } from './booking-repository.js';
import { normaliseDocument } from './id-document.js';
import { APPOINTMENT_QR_PREFIX } from './settings.js';
import type { AppointmentSettings } from './settings.js';
import { describeTurn, issueTurn } from './turn-service.js';
import type { TurnView } from './turn-service.js';
import { isDay, localDayOf } from './zoned-time.js';

/**
 * Check-in at an office: the citizen shows an appointment (QR code, typed reference, or ID
 * document + day) and gets a turn. Each refusal has its own code, so the kiosk can say exactly
 * what to do next.
 */

export const CHECK_IN_REFUSALS = {
  cancelled: 'appointment-cancelled',
  alreadyUsed: 'appointment-already-used',
  wrongOffice: 'appointment-wrong-office',
  tooEarly: 'appointment-too-early',
  expired: 'appointment-expired',
} as const;

export type CheckInCode =
  | { readonly kind: 'qr'; readonly payload: string }
  | { readonly kind: 'reference'; readonly reference: string }
  | { readonly kind: 'id-document'; readonly number: string; readonly day?: string | undefined };

export interface CheckInResult {
  readonly appointmentReference: string;
  readonly turn: TurnView;
}

const invalidCode = () => badRequest('invalid-code', 'this is not an appointment code: expected CITA:<reference> or a reference');
const unknownAppointment = () => notFound('unknown-appointment', 'no appointment matches');

/** `CITA:C1TA-0K3M9-X` -> the reference, or null for anything else. */
export function referenceFromQrPayload(payload: string): string | null {
  const text = payload.trim();
  if (text.slice(0, APPOINTMENT_QR_PREFIX.length).toUpperCase() !== APPOINTMENT_QR_PREFIX) return null;
  const parsed = parseReference(text.slice(APPOINTMENT_QR_PREFIX.length));
  return parsed.ok ? parsed.reference.display : null;
}

async function findByCode(db: HubDb, tenantId: string, officeCode: string, timeZone: string, code: CheckInCode, now: Date): Promise<AppointmentRow> {
  if (code.kind === 'id-document') {
    const day = code.day ?? localDayOf(now, timeZone);
    if (!isDay(day)) throw badRequest('invalid-date', 'day must be a date (YYYY-MM-DD)');
    const rows = await findAppointmentsByDocument(db, tenantId, normaliseDocument(code.number), day);
    // Several bookings that day: the one still open here wins; else report on the first.
    const best = rows.find((r) => r.status === 'booked' && r.office_code === officeCode) ?? rows.find((r) => r.status === 'booked') ?? rows[0];
    if (best === undefined) throw unknownAppointment();
    return best;
  }
  const reference = code.kind === 'qr' ? referenceFromQrPayload(code.payload) : parseReference(code.reference).ok ? code.reference : null;
  if (reference === null) throw invalidCode();
  const parsed = parseReference(reference);
  const row = parsed.ok ? await findAppointmentByReference(db, tenantId, parsed.reference.display) : undefined;
  if (row === undefined) throw unknownAppointment();
  return row;
}

/** Why this appointment cannot be checked in here and now, or null when it can. */
export function checkInRefusal(row: AppointmentRow, officeCode: string, now: Date, settings: AppointmentSettings): string | null {
  if (row.status === 'cancelled') return CHECK_IN_REFUSALS.cancelled;
  if (row.status === 'checked-in') return CHECK_IN_REFUSALS.alreadyUsed;
  if (row.office_code !== officeCode) return CHECK_IN_REFUSALS.wrongOffice;
  const start = Date.parse(row.starts_at);
  if (now.getTime() < start - settings.checkInEarlyMinutes * 60_000) return CHECK_IN_REFUSALS.tooEarly;
  if (now.getTime() > start + settings.checkInLateMinutes * 60_000) return CHECK_IN_REFUSALS.expired;
  return null;
}

const REFUSAL_MESSAGES: Readonly<Record<string, string>> = {
  [CHECK_IN_REFUSALS.cancelled]: 'this appointment was cancelled',
  [CHECK_IN_REFUSALS.alreadyUsed]: 'this appointment has already been checked in',
  [CHECK_IN_REFUSALS.wrongOffice]: 'this appointment is at another office',
  [CHECK_IN_REFUSALS.tooEarly]: 'it is too early to check in for this appointment',
  [CHECK_IN_REFUSALS.expired]: 'this appointment has expired: its time has passed',
};

export async function checkIn(db: HubDb, tenantId: string, officeCode: string, code: CheckInCode, now: Date, settings: AppointmentSettings): Promise<CheckInResult> {
  const office = await requireOffice(db, tenantId, officeCode);
  const row = await findByCode(db, tenantId, office.code, office.time_zone, code, now);
  const refusal = checkInRefusal(row, office.code, now, settings);
  if (refusal !== null) throw conflict(refusal, REFUSAL_MESSAGES[refusal] ?? refusal);
  const target = await requireOfficeService(db, tenantId, row.office_code, row.service_code);
  const turn = await db.transaction().execute(async (trx) => {
    const issued = await issueTurn(trx, target, 'appointment', row.id, now, settings);
    // Conditional: of two kiosks scanning the same code at once, one gets a turn, one a refusal.
    const updated = await updateAppointmentIf(trx, tenantId, row.id, 'booked', { status: 'checked-in', turn_id: issued.id, updated_at: now.toISOString() });
    if (updated === 0) throw conflict(CHECK_IN_REFUSALS.alreadyUsed, 'this appointment has already been checked in');
    return issued;
  });
  return { appointmentReference: row.reference, turn: await describeTurn(db, turn) };
}
