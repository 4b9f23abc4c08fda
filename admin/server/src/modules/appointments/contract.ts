import { z } from 'zod';
import { CalendarDaySchema, IsoDateTimeSchema, LocaleSchema, PlainTextSchema } from '@kiosk/shared';

/** The console's bodies and answers live in @kiosk/shared (schemas/console-appointments.ts). */
export { CallNextAnswerSchema, CallNextBodySchema, DeskBodySchema, HolidayBodySchema, OkSchema, OpeningHoursBodySchema, ServiceSlotsBodySchema } from '@kiosk/shared';

/**
 * The appointments API's wire shapes (zod) that only the hub parses; the kiosk's live in
 * shared/src/protocol/kiosk-appointments.ts, the console's in shared/src/schemas/console-appointments.ts.
 */

const Code = z.string().min(1).max(64).regex(/^[a-z0-9][a-z0-9-]*$/, 'a lower-case code');
export const DaySchema = CalendarDaySchema;
const PlainText = PlainTextSchema;

export const OfficeServiceSchema = z.object({
  code: z.string(),
  name: z.string(),
  turnLetter: z.string(),
  slotMinutes: z.number().int(),
  capacity: z.number().int(),
  /** false: by appointment only, no walk-in turns (POST /walk-in answers 409 walk-in-not-offered). */
  walkIn: z.boolean(),
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
export const HolidayParamsSchema = z.object({ office: Code, day: DaySchema });
export const DeskParamsSchema = z.object({ office: Code, desk: z.string().min(1).max(32) });
export const DayQuerySchema = z.object({ day: DaySchema.optional(), locale: LocaleSchema.optional() });
export const QueueSchema = z.object({ office: z.string(), waiting: z.array(z.object({ turnId: z.string(), label: z.string(), serviceCode: z.string(), kind: z.string(), issuedAt: z.string() })) });
export const ServiceSlotsParamsSchema = z.object({ office: Code, service: Code });
