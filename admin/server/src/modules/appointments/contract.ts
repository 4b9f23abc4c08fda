import { z } from 'zod';
import { IsoDateTimeSchema, LocaleSchema } from '@kiosk/shared';

/**
 * The appointments API's wire shapes (zod). Local to the hub for now; the kiosk and the console
 * need them too, so they are proposed for @kiosk/shared (see the module README).
 */

const Code = z.string().min(1).max(64).regex(/^[a-z0-9][a-z0-9-]*$/, 'a lower-case code');
export const DaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
/** No control characters: names end up on screens and printed tickets. */
const PlainText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((text) => ![...text].some((c) => c.charCodeAt(0) < 0x20 || c === '\u007f' || c === '<' || c === '>'), 'no control characters or angle brackets');

export const OfficeServiceSchema = z.object({
  code: z.string(),
  name: z.string(),
  turnLetter: z.string(),
  slotMinutes: z.number().int(),
  capacity: z.number().int(),
});
export const OfficeListSchema = z.object({
  offices: z.array(z.object({ code: z.string(), name: z.string(), address: z.string(), timeZone: z.string(), services: z.array(OfficeServiceSchema) })),
});

export const SlotQuerySchema = z.object({ office: Code, service: Code, from: DaySchema, to: DaySchema });
export const SlotListSchema = z.object({
  office: z.string(),
  service: z.string(),
  timeZone: z.string(),
  slots: z.array(z.object({ start: z.string(), end: z.string(), available: z.number().int() })),
});

export const IdDocumentSchema = z.object({
  kind: z.enum(['dni', 'nie', 'passport']),
  number: z.string().trim().min(1).max(40),
});

export const BookingBodySchema = z.object({
  office: Code,
  service: Code,
  start: IsoDateTimeSchema,
  name: PlainText(120),
  idDocument: IdDocumentSchema,
  phone: z.string().trim().regex(/^\+?[0-9][0-9 ]{5,19}$/, 'a phone number of digits').optional(),
  email: z.email().max(254).optional(),
  locale: LocaleSchema.default('es'),
  /** Where the confirmation and the day-before reminder go; default: e-mail if given, else SMS. */
  notificationChannel: z.enum(['email', 'sms', 'none']).optional(),
  /** The citizen's consent to those messages; without it none is sent. */
  consent: z.boolean().default(false),
}).superRefine((body, ctx) => {
  if (body.notificationChannel === 'email' && body.email === undefined) ctx.addIssue({ code: 'custom', path: ['email'], message: 'the e-mail channel needs an e-mail address' });
  if (body.notificationChannel === 'sms' && body.phone === undefined) ctx.addIssue({ code: 'custom', path: ['phone'], message: 'the SMS channel needs a phone number' });
  if ((body.notificationChannel === 'email' || body.notificationChannel === 'sms') && !body.consent) {
    ctx.addIssue({ code: 'custom', path: ['consent'], message: 'messages by e-mail or SMS need the citizen\'s consent' });
  }
});
export type BookingBody = z.infer<typeof BookingBodySchema>;

/** What the citizen gets back: never the name or the full document number. */
export const AppointmentSchema = z.object({
  reference: z.string(),
  /** What the appointment's QR code holds. */
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
export type AppointmentView = z.infer<typeof AppointmentSchema>;

export const ReferenceParamsSchema = z.object({ reference: z.string().min(1).max(40) });
export const OwnershipBodySchema = z.object({ idDocumentNumber: z.string().trim().min(1).max(40) });
export const RescheduleBodySchema = OwnershipBodySchema.extend({ start: IsoDateTimeSchema });

export const CheckInBodySchema = z.object({
  office: Code,
  code: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('qr'), payload: z.string().min(1).max(512) }),
    z.object({ kind: z.literal('reference'), reference: z.string().min(1).max(40) }),
    z.object({ kind: z.literal('id-document'), number: z.string().trim().min(1).max(40), day: DaySchema.optional() }),
  ]),
});

export const TurnSchema = z.object({
  turnId: z.string(),
  label: z.string(),
  officeCode: z.string(),
  serviceCode: z.string(),
  kind: z.enum(['appointment', 'walk-in']),
  status: z.enum(['waiting', 'called', 'done']),
  deskCode: z.string().nullable(),
  peopleAhead: z.number().int(),
  estimatedWaitMinutes: z.number().int(),
  issuedAt: z.string(),
});
export const CheckInAnswerSchema = z.object({ appointmentReference: z.string(), turn: TurnSchema });
export const WalkInBodySchema = z.object({ office: Code, service: Code });
export const TurnParamsSchema = z.object({ turnId: z.string().min(1).max(64) });

export const TodayQuerySchema = z.object({ office: Code, day: DaySchema.optional(), locale: LocaleSchema.optional() });
export const TodayListSchema = z.object({
  office: z.string(),
  day: z.string(),
  appointments: z.array(
    z.object({
      reference: z.string(),
      service: z.string(),
      serviceName: z.string(),
      start: z.string(),
      end: z.string(),
      status: z.enum(['booked', 'cancelled', 'checked-in']),
      /** Counter staff need the name to greet the citizen; the document stays masked. */
      name: z.string(),
      idDocumentMasked: z.string(),
      channel: z.string(),
    }),
  ),
});

export const OfficeParamsSchema = z.object({ office: Code });
export const CallNextBodySchema = z.object({ desk: z.string().min(1).max(32), services: z.array(Code).max(50).default([]) });
export const CallNextAnswerSchema = z.object({ turn: z.object({ turnId: z.string(), label: z.string(), serviceCode: z.string(), deskCode: z.string() }).nullable() });
export const QueueSchema = z.object({ office: z.string(), waiting: z.array(z.object({ turnId: z.string(), label: z.string(), serviceCode: z.string(), kind: z.string(), issuedAt: z.string() })) });

export const HolidayBodySchema = z.object({ day: DaySchema, name: PlainText(120) });
export const ServiceSlotsParamsSchema = z.object({ office: Code, service: Code });
export const ServiceSlotsBodySchema = z.object({ slotMinutes: z.number().int().min(5).max(480), capacity: z.number().int().min(1).max(100) });
const Clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time HH:MM');
export const OpeningHoursBodySchema = z.object({
  hours: z
    .array(z.object({ weekday: z.number().int().min(1).max(7), opensAt: Clock, closesAt: Clock }))
    .max(50)
    .refine((hours) => hours.every((h) => h.opensAt < h.closesAt), 'each interval must open before it closes')
    .refine(
      (hours) => hours.every((h, i) => hours.every((o, j) => i === j || o.weekday !== h.weekday || o.closesAt <= h.opensAt || o.opensAt >= h.closesAt)),
      'intervals of one day must not overlap',
    ),
});
export const OkSchema = z.object({ ok: z.literal(true) });
