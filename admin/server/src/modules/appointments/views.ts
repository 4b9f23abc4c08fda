import type { KioskLocale } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import { formatInTimeZone } from '../../http/time.js';
import { requireOfficeService, serviceName } from './availability-service.js';
import type { AppointmentRow } from './booking-repository.js';
import type { AppointmentView } from './contract.js';
import { appointmentCalendar } from './ical.js';
import { maskDocument } from './id-document.js';
import { APPOINTMENT_QR_PREFIX } from './settings.js';

/** How an appointment is shown outside the hub: masked, localised, in the office's time zone. */

export async function appointmentView(db: HubDb, row: AppointmentRow, locale: KioskLocale): Promise<AppointmentView> {
  const { office, service } = await requireOfficeService(db, row.tenant_id, row.office_code, row.service_code);
  return {
    reference: row.reference,
    qrPayload: `${APPOINTMENT_QR_PREFIX}${row.reference}`,
    office: row.office_code,
    service: row.service_code,
    serviceName: serviceName(service, locale),
    start: formatInTimeZone(row.starts_at, office.time_zone),
    end: formatInTimeZone(row.ends_at, office.time_zone),
    timeZone: office.time_zone,
    status: row.status,
    idDocumentMasked: maskDocument(row.id_number),
  };
}

/** Who the calendar entry is from: the UID's domain part (RFC 5545 suggests one). */
export const CALENDAR_UID_DOMAIN = 'appointments.kiosk-hub';

/** The .ics of an appointment. No name or document in it: calendars get synced to third parties. */
export async function appointmentIcs(db: HubDb, row: AppointmentRow, locale: KioskLocale, now: Date): Promise<string> {
  const { office, service } = await requireOfficeService(db, row.tenant_id, row.office_code, row.service_code);
  return appointmentCalendar({
    uid: `${row.reference}@${row.tenant_id}.${CALENDAR_UID_DOMAIN}`,
    start: new Date(row.starts_at),
    end: new Date(row.ends_at),
    timeZone: office.time_zone,
    summary: `${serviceName(service, locale)} - ${office.name}`,
    location: office.address,
    description: `${row.reference}\n${APPOINTMENT_QR_PREFIX}${row.reference}`,
    stamp: now,
  });
}
