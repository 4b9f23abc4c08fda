import type { Receipt } from '@kiosk/hardware';
import type { KioskLocale } from '@kiosk/shared';
import { APPOINTMENT_TICKET_TEXT } from './appointment-ticket-text.js';

/**
 * Appointment and turn tickets, in the filing receipt's layout from @kiosk/hardware: the reference
 * or turn number big, the office, the date and time in the office's time zone, a QR. No personal
 * data: never the name, the document (not even masked), the phone or the e-mail.
 */

export interface TicketPlace {
  /** Who issues it (the municipality). */
  readonly issuer: string;
  readonly officeName: string;
  readonly officeAddress: string;
  readonly timeZone: string;
}

export interface AppointmentTicketInput {
  readonly reference: string;
  /** `CITA:<reference>`: what the kiosk's scanner reads at check-in. */
  readonly qrPayload: string;
  readonly serviceName: string;
  /** ISO 8601 with the office's offset. */
  readonly start: string;
  readonly place: TicketPlace;
  readonly locale: KioskLocale;
  readonly kioskId: string;
}

export function buildAppointmentTicket(input: AppointmentTicketInput): Receipt {
  const text = APPOINTMENT_TICKET_TEXT[input.locale];
  return {
    issuer: input.place.issuer,
    office: input.place.officeName,
    documentType: text.appointmentTitle,
    reference: input.reference,
    qrPayload: input.qrPayload,
    // The receipt's one date line carries the appointment's time, in the office's zone.
    issuedAt: input.start,
    timeZone: input.place.timeZone,
    locale: input.locale,
    whatNext: `${input.serviceName}. ${text.appointmentWhatNext}`,
    statusUrl: input.place.officeAddress,
    contact: text.changeNotice,
    privacyNotice: text.noPersonalData,
    maskedId: null,
    kioskId: input.kioskId,
    serial: input.reference,
    labels: { reference: text.referenceLabel, date: text.appointmentDateLabel, status: text.addressLabel, kiosk: text.kioskLabel },
  };
}

export interface TurnTicketInput {
  readonly label: string;
  readonly serviceName: string;
  readonly issuedAt: string;
  readonly peopleAhead: number;
  readonly estimatedWaitMinutes: number;
  /** Where a phone can follow the turn's place in the queue (the hub's public turn status). */
  readonly statusUrl: string;
  readonly place: TicketPlace;
  readonly locale: KioskLocale;
  readonly kioskId: string;
}

export function buildTurnTicket(input: TurnTicketInput): Receipt {
  const text = APPOINTMENT_TICKET_TEXT[input.locale];
  return {
    issuer: input.place.issuer,
    office: input.place.officeName,
    documentType: text.turnTitle,
    reference: input.label,
    qrPayload: input.statusUrl,
    issuedAt: input.issuedAt,
    timeZone: input.place.timeZone,
    locale: input.locale,
    whatNext: `${input.serviceName}. ${text.turnWhatNext(input.peopleAhead, input.estimatedWaitMinutes)}`,
    statusUrl: input.place.officeAddress,
    contact: input.place.officeName,
    privacyNotice: text.noPersonalData,
    maskedId: null,
    kioskId: input.kioskId,
    serial: input.label,
    labels: { reference: text.turnLabel, date: text.issuedLabel, status: text.addressLabel, kiosk: text.kioskLabel },
  };
}
