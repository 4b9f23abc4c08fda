import { z } from 'zod';
import {
  AppointmentSlotSchema,
  FLEET_BASE_PATH,
  KioskAppointmentSchema,
  PROTOCOL_VERSION,
  PROTOCOL_VERSION_HEADER,
  type AppointmentProblem,
  type KioskAppointment,
  type KioskLocale,
} from '@kiosk/shared';
import type { HubClientOptions } from './hub-client.js';

/**
 * The hub's kiosk appointments API (`/fleet/v1/appointments`, admin/server/src/modules/appointments/
 * kiosk-routes.ts). Every call resolves: with the hub's answer, or with the problem that stopped it
 * (a refusal code mapped to what the citizen can be told, or `offline`). Nothing is logged here:
 * bodies carry names and document numbers.
 */

/** `walkIn`: false for a service by appointment only; a hub older than the flag sends none (walk-ins as before). */
const ServiceSchema = z.object({ code: z.string(), name: z.string(), turnLetter: z.string(), slotMinutes: z.number(), capacity: z.number(), walkIn: z.boolean().default(true) });
export const HubOfficeListSchema = z.object({
  offices: z.array(z.object({ code: z.string(), name: z.string(), address: z.string(), timeZone: z.string(), services: z.array(ServiceSchema) })),
});
export type HubOffice = z.infer<typeof HubOfficeListSchema>['offices'][number];
export const HubSlotListSchema = z.object({ timeZone: z.string(), slots: z.array(AppointmentSlotSchema) });
/** The hub answers an appointment exactly as the renderer receives it (no name, document masked). */
export const HubAppointmentSchema = KioskAppointmentSchema;
export type HubAppointment = KioskAppointment;
export const HubTurnSchema = z.object({
  turnId: z.string(),
  label: z.string(),
  officeCode: z.string(),
  serviceCode: z.string(),
  kind: z.enum(['appointment', 'walk-in']),
  status: z.string(),
  deskCode: z.string().nullable(),
  peopleAhead: z.number().int(),
  estimatedWaitMinutes: z.number().int(),
  issuedAt: z.string(),
});
export type HubTurn = z.infer<typeof HubTurnSchema>;
const HubCheckInSchema = z.object({ appointmentReference: z.string(), turn: HubTurnSchema });

export type HubAnswer<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: AppointmentProblem };

/** The hub's refusal codes (check-in-service.ts, booking-service.ts, availability-service.ts, turn-service.ts) -> the kiosk's. */
const PROBLEM_OF_CODE: Readonly<Record<string, AppointmentProblem>> = {
  'appointment-already-used': 'already-used',
  'appointment-cancelled': 'cancelled',
  'appointment-wrong-office': 'wrong-office',
  'appointment-too-early': 'too-early',
  'appointment-expired': 'expired',
  'unknown-appointment': 'not-found',
  'invalid-code': 'invalid-code',
  'invalid-id-document': 'invalid-id-document',
  'slot-full': 'slot-taken',
  'slot-busy': 'slot-taken',
  'not-a-slot': 'slot-taken',
  'slot-in-past': 'slot-taken',
  'slot-too-far': 'slot-taken',
  'appointment-changed': 'slot-taken',
  // The service became appointment-only between the kiosk's listing and the citizen's choice.
  'walk-in-not-offered': 'walk-in-not-offered',
};

export function problemOf(status: number, code: string | null, message: string): AppointmentProblem {
  // 401: this kiosk's credential was refused; 429/5xx: the hub cannot serve now. Either way the
  // citizen hears "the system is not answering", which is true from where they stand.
  if (status >= 500 || status === 401 || status === 429 || status === 408) return 'offline';
  if (code !== null && PROBLEM_OF_CODE[code] !== undefined) return PROBLEM_OF_CODE[code];
  if (status === 400 && /phone|email|consent/i.test(message)) return 'invalid-contact';
  return 'refused';
}

export class AppointmentsHubClient {
  constructor(private readonly options: HubClientOptions) {}

  private async call<T>(method: 'GET' | 'POST', path: string, schema: z.ZodType<T>, body?: unknown): Promise<HubAnswer<T>> {
    let response: Response;
    try {
      response = await fetch(`${this.options.baseUrl}${FLEET_BASE_PATH}/appointments${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.options.token}`,
          [PROTOCOL_VERSION_HEADER]: String(PROTOCOL_VERSION),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch {
      return { ok: false, problem: 'offline' };
    }
    const text = await response.text().catch(() => '');
    const json = safeJson(text);
    if (!response.ok) {
      const error = (json as { error?: { code?: unknown; message?: unknown } } | null)?.error;
      return {
        ok: false,
        problem: problemOf(response.status, typeof error?.code === 'string' ? error.code : null, typeof error?.message === 'string' ? error.message : ''),
      };
    }
    const parsed = schema.safeParse(json);
    // An answer we cannot read is a hub we cannot use right now.
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problem: 'offline' };
  }

  offices(locale: KioskLocale) {
    return this.call('GET', `/offices?locale=${encodeURIComponent(locale)}`, HubOfficeListSchema);
  }

  slots(query: { office: string; service: string; from: string; to: string }) {
    const search = new URLSearchParams(query).toString();
    return this.call('GET', `/slots?${search}`, HubSlotListSchema);
  }

  book(body: {
    office: string;
    service: string;
    start: string;
    name: string;
    idDocument: { kind: 'dni' | 'nie' | 'passport'; number: string };
    phone?: string;
    email?: string;
    locale: KioskLocale;
    notificationChannel: 'email' | 'sms' | 'none';
    consent: boolean;
  }) {
    return this.call('POST', '', HubAppointmentSchema, body);
  }

  lookup(reference: string, idDocumentNumber: string, locale: KioskLocale) {
    return this.call('POST', `/${encodeURIComponent(reference)}/lookup`, HubAppointmentSchema, { idDocumentNumber, locale });
  }

  cancel(reference: string, idDocumentNumber: string, locale: KioskLocale) {
    return this.call('POST', `/${encodeURIComponent(reference)}/cancel`, HubAppointmentSchema, { idDocumentNumber, locale });
  }

  reschedule(reference: string, idDocumentNumber: string, start: string, locale: KioskLocale) {
    return this.call('POST', `/${encodeURIComponent(reference)}/reschedule`, HubAppointmentSchema, { idDocumentNumber, start, locale });
  }

  checkIn(office: string, code: { kind: 'qr'; payload: string } | { kind: 'reference'; reference: string } | { kind: 'id-document'; number: string }) {
    return this.call('POST', '/check-in', HubCheckInSchema, { office, code });
  }

  walkIn(office: string, service: string) {
    return this.call('POST', '/walk-in', HubTurnSchema, { office, service });
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
