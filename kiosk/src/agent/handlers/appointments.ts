import type { AppointmentProblem, KioskLocale, KioskOffice, Municipality, ReceiptOutcome } from '@kiosk/shared';
import type { AppointmentsHubClient, HubAnswer, HubAppointment, HubOffice, HubTurn } from '../sync/appointments-client.js';
import { buildAppointmentTicket, buildTurnTicket, type TicketPlace } from '../printing/appointment-tickets.js';
import type { ReceiptPrinter } from '../printing/receipt-printer.js';
import type { KioskHandlers } from './dispatch.js';

/**
 * The agent side of the `appointments.*` KioskClient methods: each asks the hub (booking and
 * check-in cannot work offline: there is no pretending), prints the ticket, and answers
 * `{ ok: true, ... }` or `{ ok: false, problem }` for the screen to explain. Names, document
 * numbers, phones and e-mails pass through to the hub and are never logged or kept here.
 */

export interface AppointmentDeps {
  readonly hub: AppointmentsHubClient;
  readonly printer: ReceiptPrinter;
  readonly municipality: () => Municipality;
  readonly kioskId: string;
  /** The office this kiosk stands in (KIOSK_OFFICE); null: the first office the hub lists. */
  readonly officeCode: string | null;
  /** The hub's public base URL (turn tickets' QR opens the turn's place in the queue). */
  readonly publicBaseUrl: () => string;
  /** Only problem codes and method names, never values. */
  readonly log?: (message: string, fields?: Record<string, unknown>) => void;
}

type AppointmentMethod =
  | 'appointments.offices'
  | 'appointments.slots'
  | 'appointments.book'
  | 'appointments.checkIn'
  | 'appointments.find'
  | 'appointments.cancel'
  | 'appointments.reschedule'
  | 'appointments.walkIn';

const refusal = (problem: AppointmentProblem) => ({ ok: false as const, problem });

function hereOf(offices: readonly HubOffice[], configured: string | null): HubOffice | null {
  return (configured === null ? offices[0] : offices.find((office) => office.code === configured)) ?? null;
}

function toKioskOffice(office: HubOffice, here: HubOffice | null): KioskOffice {
  return {
    code: office.code,
    name: office.name,
    address: office.address,
    timeZone: office.timeZone,
    // Walk-in turns are for here and now: only the services of the office the kiosk stands in, and
    // only those the hub says take them (the others are by appointment only).
    services: office.services.map((service) => ({ code: service.code, name: service.name, slotMinutes: service.slotMinutes, walkIn: office.code === here?.code && service.walkIn })),
  };
}

export function appointmentHandlers(deps: AppointmentDeps): Pick<KioskHandlers, AppointmentMethod> {
  const log = deps.log ?? (() => {});

  async function offices(locale: KioskLocale): Promise<HubAnswer<HubOffice[]>> {
    const answer = await deps.hub.offices(locale);
    return answer.ok ? { ok: true, value: answer.value.offices } : answer;
  }

  function placeOf(office: HubOffice): TicketPlace {
    return { issuer: deps.municipality().name, officeName: office.name, officeAddress: office.address || office.name, timeZone: office.timeZone };
  }

  async function print(method: string, build: () => Parameters<ReceiptPrinter['print']>[0]): Promise<ReceiptOutcome> {
    try {
      return await deps.printer.print(build());
    } catch (error) {
      // The booking or turn stands even without paper: the screen shows the code and says so.
      log('appointments: ticket not printed', { method, error: (error as Error).name });
      return { state: 'failed', reason: 'invalid-ticket', warning: null };
    }
  }

  async function printAppointment(appointment: HubAppointment, locale: KioskLocale, method: string): Promise<ReceiptOutcome> {
    const list = await offices(locale);
    const office = list.ok ? list.value.find((o) => o.code === appointment.office) : undefined;
    const place: TicketPlace = office ? placeOf(office) : { issuer: deps.municipality().name, officeName: appointment.office, officeAddress: appointment.office, timeZone: appointment.timeZone };
    return print(method, () =>
      buildAppointmentTicket({ reference: appointment.reference, qrPayload: appointment.qrPayload, serviceName: appointment.serviceName, start: appointment.start, place, locale, kioskId: deps.kioskId }),
    );
  }

  async function printTurn(turn: HubTurn, office: HubOffice, locale: KioskLocale, method: string): Promise<ReceiptOutcome> {
    const serviceName = office.services.find((s) => s.code === turn.serviceCode)?.name ?? turn.serviceCode;
    const statusUrl = `${deps.publicBaseUrl().replace(/\/$/, '')}/public/v1/appointments/turns/${encodeURIComponent(turn.turnId)}`;
    return print(method, () =>
      buildTurnTicket({
        label: turn.label,
        serviceName,
        issuedAt: turn.issuedAt,
        peopleAhead: turn.peopleAhead,
        estimatedWaitMinutes: turn.estimatedWaitMinutes,
        statusUrl,
        place: placeOf(office),
        locale,
        kioskId: deps.kioskId,
      }),
    );
  }

  const turnView = (turn: HubTurn) => ({
    label: turn.label,
    officeCode: turn.officeCode,
    serviceCode: turn.serviceCode,
    kind: turn.kind,
    peopleAhead: turn.peopleAhead,
    estimatedWaitMinutes: turn.estimatedWaitMinutes,
    issuedAt: turn.issuedAt,
  });

  /** The kiosk's own office, for check-in and walk-ins. */
  async function here(locale: KioskLocale): Promise<HubAnswer<HubOffice>> {
    const list = await offices(locale);
    if (!list.ok) return list;
    const office = hereOf(list.value, deps.officeCode);
    if (office === null) {
      log('appointments: this kiosk\'s office is not among the hub\'s offices', { office: deps.officeCode });
      return { ok: false, problem: 'refused' };
    }
    return { ok: true, value: office };
  }

  return {
    'appointments.offices': async ({ locale }) => {
      const list = await offices(locale);
      if (!list.ok) return refusal(list.problem);
      const office = hereOf(list.value, deps.officeCode);
      return { ok: true, offices: list.value.map((o) => toKioskOffice(o, office)), here: office?.code ?? null };
    },

    'appointments.slots': async (query) => {
      const answer = await deps.hub.slots(query);
      return answer.ok ? { ok: true, timeZone: answer.value.timeZone, slots: answer.value.slots } : refusal(answer.problem);
    },

    'appointments.book': async (params) => {
      const contact = params.contact;
      const answer = await deps.hub.book({
        office: params.office,
        service: params.service,
        start: params.start,
        name: params.name,
        idDocument: params.idDocument,
        ...(contact.channel === 'sms' ? { phone: contact.phone } : {}),
        ...(contact.channel === 'email' ? { email: contact.email } : {}),
        locale: params.locale,
        notificationChannel: contact.channel === 'ticket' ? 'none' : contact.channel,
        consent: contact.channel !== 'ticket',
      });
      if (!answer.ok) {
        log('appointments: booking refused', { problem: answer.problem });
        return refusal(answer.problem);
      }
      const ticket = await printAppointment(answer.value, params.locale, 'book');
      return { ok: true, appointment: answer.value, ticket };
    },

    'appointments.checkIn': async ({ code, locale }) => {
      const office = await here(locale);
      if (!office.ok) return refusal(office.problem);
      const answer = await deps.hub.checkIn(office.value.code, code);
      if (!answer.ok) {
        log('appointments: check-in refused', { problem: answer.problem });
        return refusal(answer.problem);
      }
      const ticket = await printTurn(answer.value.turn, office.value, locale, 'checkIn');
      return { ok: true, turn: turnView(answer.value.turn), ticket };
    },

    'appointments.find': async ({ reference, idDocumentNumber, locale }) => {
      const answer = await deps.hub.lookup(reference, idDocumentNumber, locale);
      return answer.ok ? { ok: true, appointment: answer.value } : refusal(answer.problem);
    },

    'appointments.cancel': async ({ reference, idDocumentNumber, locale }) => {
      const answer = await deps.hub.cancel(reference, idDocumentNumber, locale);
      return answer.ok ? { ok: true, appointment: answer.value } : refusal(answer.problem);
    },

    'appointments.reschedule': async ({ reference, idDocumentNumber, start, locale }) => {
      const answer = await deps.hub.reschedule(reference, idDocumentNumber, start, locale);
      if (!answer.ok) return refusal(answer.problem);
      const ticket = await printAppointment(answer.value, locale, 'reschedule');
      return { ok: true, appointment: answer.value, ticket };
    },

    'appointments.walkIn': async ({ service, locale }) => {
      const office = await here(locale);
      if (!office.ok) return refusal(office.problem);
      const offered = office.value.services.find((s) => s.code === service);
      if (offered === undefined) return refusal('refused');
      if (!offered.walkIn) return refusal('walk-in-not-offered');
      const answer = await deps.hub.walkIn(office.value.code, service);
      if (!answer.ok) {
        log('appointments: walk-in refused', { problem: answer.problem });
        return refusal(answer.problem);
      }
      const ticket = await printTurn(answer.value, office.value, locale, 'walkIn');
      return { ok: true, turn: turnView(answer.value), ticket };
    },
  };
}
