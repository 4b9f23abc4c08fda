import { z } from 'zod';
import { IsoDateTimeSchema, LocaleSchema } from '../schemas/common.js';

/**
 * The appointments part of the KioskClient contract (renderer <-> agent). Every answer is either
 * `{ ok: true, ... }` or `{ ok: false, problem }`: a refusal from the hub (already used, too
 * early...) is an expected outcome the screen explains, not an error. Thrown errors stay for
 * broken transports and bugs.
 */

/** Why the hub (or the network) said no, as a code the renderer turns into plain words. */
export const AppointmentProblemSchema = z.enum([
  /** The hub cannot be reached (or answered 5xx): booking and check-in need it. */
  'offline',
  /** No appointment matches (or the reference and document number do not belong together). */
  'not-found',
  /** The scanned or typed code is not an appointment code. */
  'invalid-code',
  'already-used',
  'cancelled',
  'wrong-office',
  'too-early',
  'expired',
  /** The chosen time was taken meanwhile or is no longer bookable: pick another. */
  'slot-taken',
  'invalid-id-document',
  /** The phone number or e-mail address was refused. */
  'invalid-contact',
  /** The service is by appointment only: no walk-in turn for it (book an appointment instead). */
  'walk-in-not-offered',
  /** Anything else the hub refused. */
  'refused',
]);
export type AppointmentProblem = z.infer<typeof AppointmentProblemSchema>;

export const AppointmentRefusalSchema = z.object({ ok: z.literal(false), problem: AppointmentProblemSchema });

const Code = z.string().min(1).max(64);
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const KioskOfficeServiceSchema = z.object({
  code: z.string(),
  name: z.string(),
  slotMinutes: z.number().int(),
  /** Whether this kiosk hands out walk-in turns for it (only at the kiosk's own office, and only if the service allows them). */
  walkIn: z.boolean(),
});
export const KioskOfficeSchema = z.object({
  code: z.string(),
  name: z.string(),
  address: z.string(),
  timeZone: z.string(),
  services: z.array(KioskOfficeServiceSchema),
});
export type KioskOffice = z.infer<typeof KioskOfficeSchema>;

export const AppointmentSlotSchema = z.object({ start: z.string(), end: z.string(), available: z.number().int() });
export type AppointmentSlot = z.infer<typeof AppointmentSlotSchema>;

/** An appointment as the citizen may see it: no name, the document masked. */
export const KioskAppointmentSchema = z.object({
  reference: z.string(),
  qrPayload: z.string(),
  office: z.string(),
  service: z.string(),
  serviceName: z.string(),
  start: z.string(),
  end: z.string(),
  timeZone: z.string(),
  status: z.enum(['booked', 'cancelled', 'checked-in']),
  idDocumentMasked: z.string(),
});
export type KioskAppointment = z.infer<typeof KioskAppointmentSchema>;

export const KioskTurnSchema = z.object({
  label: z.string(),
  officeCode: z.string(),
  serviceCode: z.string(),
  kind: z.enum(['appointment', 'walk-in']),
  peopleAhead: z.number().int(),
  estimatedWaitMinutes: z.number().int(),
  issuedAt: z.string(),
});
export type KioskTurn = z.infer<typeof KioskTurnSchema>;

/** Same shape as ReceiptOutcomeSchema (kiosk-client.ts); repeated here to avoid an import cycle. */
const TicketOutcomeSchema = z.object({
  state: z.enum(['printed', 'failed', 'unknown', 'skipped']),
  reason: z.string().nullable(),
  warning: z.string().nullable().default(null),
});

export const IdDocumentKindSchema = z.enum(['dni', 'nie', 'passport']);
export type IdDocumentKind = z.infer<typeof IdDocumentKindSchema>;
const DocumentNumber = z.string().trim().min(1).max(40);

export const ContactPreferenceSchema = z.discriminatedUnion('channel', [
  z.object({ channel: z.literal('ticket') }),
  z.object({ channel: z.literal('sms'), phone: z.string().trim().min(6).max(20), consent: z.literal(true) }),
  z.object({ channel: z.literal('email'), email: z.string().trim().min(3).max(254), consent: z.literal(true) }),
]);
export type ContactPreference = z.infer<typeof ContactPreferenceSchema>;

const ok = <T extends z.ZodRawShape>(shape: T) => z.object({ ok: z.literal(true), ...shape });
const answer = <T extends z.ZodRawShape>(shape: T) => z.discriminatedUnion('ok', [ok(shape), AppointmentRefusalSchema]);

export const AppointmentOfficesAnswerSchema = answer({ offices: z.array(KioskOfficeSchema), here: z.string().nullable() });
export const AppointmentSlotsAnswerSchema = answer({ timeZone: z.string(), slots: z.array(AppointmentSlotSchema) });
export const AppointmentBookedAnswerSchema = answer({ appointment: KioskAppointmentSchema, ticket: TicketOutcomeSchema });
export const AppointmentFoundAnswerSchema = answer({ appointment: KioskAppointmentSchema });
export const TurnIssuedAnswerSchema = answer({ turn: KioskTurnSchema, ticket: TicketOutcomeSchema });

export type AppointmentOfficesAnswer = z.infer<typeof AppointmentOfficesAnswerSchema>;
export type AppointmentSlotsAnswer = z.infer<typeof AppointmentSlotsAnswerSchema>;
export type AppointmentBookedAnswer = z.infer<typeof AppointmentBookedAnswerSchema>;
export type AppointmentFoundAnswer = z.infer<typeof AppointmentFoundAnswerSchema>;
export type TurnIssuedAnswer = z.infer<typeof TurnIssuedAnswerSchema>;

export const CheckInCodeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('qr'), payload: z.string().min(1).max(512) }),
  z.object({ kind: z.literal('reference'), reference: z.string().min(1).max(40) }),
  z.object({ kind: z.literal('id-document'), number: DocumentNumber }),
]);
export type CheckInCode = z.infer<typeof CheckInCodeSchema>;

export const AppointmentSlotsParamsSchema = z.object({ office: Code, service: Code, from: Day, to: Day }).strict();
export const AppointmentBookParamsSchema = z
  .object({
    office: Code,
    service: Code,
    start: IsoDateTimeSchema,
    name: z.string().trim().min(1).max(120),
    idDocument: z.object({ kind: IdDocumentKindSchema, number: DocumentNumber }),
    contact: ContactPreferenceSchema,
    locale: LocaleSchema,
  })
  .strict();
export type AppointmentBookParams = z.infer<typeof AppointmentBookParamsSchema>;
export const AppointmentOwnershipParamsSchema = z.object({ reference: z.string().min(1).max(40), idDocumentNumber: DocumentNumber, locale: LocaleSchema }).strict();
export type AppointmentOwnershipParams = z.infer<typeof AppointmentOwnershipParamsSchema>;
export const AppointmentRescheduleParamsSchema = AppointmentOwnershipParamsSchema.extend({ start: IsoDateTimeSchema }).strict();
export type AppointmentRescheduleParams = z.infer<typeof AppointmentRescheduleParamsSchema>;
export const AppointmentCheckInParamsSchema = z.object({ code: CheckInCodeSchema, locale: LocaleSchema }).strict();
export type AppointmentCheckInParams = z.infer<typeof AppointmentCheckInParamsSchema>;
export const AppointmentWalkInParamsSchema = z.object({ service: Code, locale: LocaleSchema }).strict();
export type AppointmentWalkInParams = z.infer<typeof AppointmentWalkInParamsSchema>;

/** Spread into `kioskMethods` (kiosk-client.ts). */
export const appointmentKioskMethods = {
  /** Offices and their services in `locale`; `here` is the kiosk's own office (check-in, walk-ins). */
  'appointments.offices': { params: z.object({ locale: LocaleSchema }).strict(), result: AppointmentOfficesAnswerSchema },
  'appointments.slots': { params: AppointmentSlotsParamsSchema, result: AppointmentSlotsAnswerSchema },
  /** Books and prints the appointment ticket (reference, QR `CITA:<reference>`, office, time). */
  'appointments.book': { params: AppointmentBookParamsSchema, result: AppointmentBookedAnswerSchema },
  /** Checks in at the kiosk's office and prints the turn ticket. */
  'appointments.checkIn': { params: AppointmentCheckInParamsSchema, result: TurnIssuedAnswerSchema },
  /** An appointment by reference + the document number it was booked with. */
  'appointments.find': { params: AppointmentOwnershipParamsSchema, result: AppointmentFoundAnswerSchema },
  'appointments.cancel': { params: AppointmentOwnershipParamsSchema, result: AppointmentFoundAnswerSchema },
  /** Moves it and prints a new ticket. */
  'appointments.reschedule': { params: AppointmentRescheduleParamsSchema, result: AppointmentBookedAnswerSchema },
  /** A walk-in turn at the kiosk's office, printed. */
  'appointments.walkIn': { params: AppointmentWalkInParamsSchema, result: TurnIssuedAnswerSchema },
} as const;
