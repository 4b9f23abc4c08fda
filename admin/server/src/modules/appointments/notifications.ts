import { DEFAULT_LOCALE, isKioskLocale } from '@kiosk/shared';
import type { KioskLocale } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import { enqueueNotification } from '../notifications/outbox.js';
import type { EnqueueResult } from '../notifications/outbox.js';
import type { NotificationChannel } from '../notifications/tables.js';
import { serviceName } from './availability-service.js';
import type { OfficeAndService } from './availability-service.js';
import type { AppointmentRow } from './booking-repository.js';
import { cancelPendingByDedupeKey, findChannelByDedupeKey } from './notification-outbox-repository.js';
import type { AppointmentSettings } from './settings.js';
import { addDays, localToUtc } from './zoned-time.js';

/**
 * The citizen's appointment messages: a confirmation at once and a reminder the day before,
 * both queued in the booking's transaction (a booking that rolls back queues nothing), and only
 * with the citizen's consent on the channel they chose.
 */

export interface AppointmentNotice {
  readonly channel: NotificationChannel;
  readonly consent: boolean;
}

export interface QueuedNotices {
  readonly confirmation: EnqueueResult;
  /** null when the reminder's time had already passed at booking. */
  readonly reminder: EnqueueResult | null;
}

/** The booking form's choice -> what to queue; null when nothing may be sent. */
export function noticeFromBooking(body: { email?: string | undefined; phone?: string | undefined; notificationChannel?: 'email' | 'sms' | 'none' | undefined; consent: boolean }): AppointmentNotice | null {
  if (!body.consent || body.notificationChannel === 'none') return null;
  const channel = body.notificationChannel ?? (body.email !== undefined ? 'email' : body.phone !== undefined ? 'sms' : null);
  return channel === null ? null : { channel, consent: true };
}

/** Keys carry the start time: a rescheduled appointment is confirmed and reminded again, for its new time. */
export const confirmationKey = (row: Pick<AppointmentRow, 'id' | 'starts_at'>) => `appointment-confirmed:${row.id}:${row.starts_at}`;
export const reminderKey = (row: Pick<AppointmentRow, 'id' | 'starts_at'>) => `appointment-reminder:${row.id}:${row.starts_at}`;

/** When the day-before reminder is due: office-local time on the previous day (null in a DST gap). */
export function reminderAt(row: Pick<AppointmentRow, 'local_day'>, timeZone: string, settings: AppointmentSettings): Date | null {
  return localToUtc(addDays(row.local_day, -1), settings.reminderMinutesOfDay, timeZone);
}

function localeOf(row: AppointmentRow): KioskLocale {
  return isKioskLocale(row.locale) ? row.locale : DEFAULT_LOCALE;
}

function appointmentValues(row: AppointmentRow, target: OfficeAndService, locale: KioskLocale) {
  const start = new Date(row.starts_at);
  const timeZone = target.office.time_zone;
  return {
    reference: row.reference,
    serviceName: serviceName(target.service, locale),
    office: `${target.office.name}, ${target.office.address}`,
    date: new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'long' }).format(start),
    time: new Intl.DateTimeFormat(locale, { timeZone, timeStyle: 'short' }).format(start),
  };
}

/** Queues the confirmation and (if still ahead) the reminder. Call inside the booking's transaction. */
export async function queueAppointmentNotices(
  trx: HubDb,
  row: AppointmentRow,
  target: OfficeAndService,
  notice: AppointmentNotice,
  now: Date,
  settings: AppointmentSettings,
): Promise<QueuedNotices> {
  const locale = localeOf(row);
  const recipient = (notice.channel === 'email' ? row.email : row.phone) ?? '';
  const values = appointmentValues(row, target, locale);
  const base = { tenantId: row.tenant_id, channel: notice.channel, recipient, consent: notice.consent, locale, requestId: null };
  const confirmation = await enqueueNotification(trx, {
    ...base,
    params: { kind: 'appointment-confirmed', values },
    dedupeKey: confirmationKey(row),
    at: now,
  });
  const due = reminderAt(row, target.office.time_zone, settings);
  // The outbox sends nothing before a row's `at`, so a future `at` is the reminder's not-before.
  const reminder =
    due === null || due.getTime() <= now.getTime()
      ? null
      : await enqueueNotification(trx, { ...base, params: { kind: 'appointment-reminder', values }, dedupeKey: reminderKey(row), at: due });
  return { confirmation, reminder };
}

/**
 * A cancelled or moved appointment: whatever of the old time is still waiting (the reminder, a
 * confirmation not yet sent) must not go out. Messages already sent stay as they were.
 */
export async function cancelAppointmentNotices(trx: HubDb, row: Pick<AppointmentRow, 'tenant_id' | 'id' | 'starts_at'>): Promise<void> {
  await cancelPendingByDedupeKey(trx, row.tenant_id, [confirmationKey(row), reminderKey(row)]);
}

/**
 * After a reschedule (in its transaction): the old time's reminder is cancelled and, if the
 * citizen was notified of the booking, the new time is confirmed and reminded on the same channel.
 */
export async function requeueAppointmentNotices(
  trx: HubDb,
  before: AppointmentRow,
  after: AppointmentRow,
  target: OfficeAndService,
  now: Date,
  settings: AppointmentSettings,
): Promise<QueuedNotices | null> {
  await cancelAppointmentNotices(trx, before);
  const channel = await findChannelByDedupeKey(trx, before.tenant_id, confirmationKey(before));
  if (channel === undefined) return null;
  // A confirmation was queued only with consent, so the consent given at booking still holds.
  return queueAppointmentNotices(trx, after, target, { channel, consent: true }, now, settings);
}
