import { z } from 'zod';
import { brokenRule } from './common.js';

/**
 * The console's appointments API (hub `/api/appointments/...` <-> admin/web): calendar settings,
 * the day's bookings and the turn queue. Moved here from the hub's contract.ts so both sides parse
 * the same shapes. No citizen names or documents: the console's day board does not need them.
 */

const Code = z.string().min(1).max(64).regex(/^[a-z0-9][a-z0-9-]*$/, 'a lower-case code');
export const CalendarDaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');

/** No control characters: names end up on screens and printed tickets. */
export const PlainTextSchema = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((text) => ![...text].some((c) => c.charCodeAt(0) < 0x20 || c === '\u007f' || c === '<' || c === '>'), { message: 'no control characters or angle brackets', ...brokenRule('characters') });

export const CallNextBodySchema = z.object({ desk: z.string().min(1).max(32), services: z.array(Code).max(50).default([]) });
export const CallNextAnswerSchema = z.object({ turn: z.object({ turnId: z.string(), label: z.string(), serviceCode: z.string(), deskCode: z.string() }).nullable() });
export type CallNextAnswer = z.infer<typeof CallNextAnswerSchema>;

export const HolidayBodySchema = z.object({ day: CalendarDaySchema, name: PlainTextSchema(120) });
export const ServiceSlotsBodySchema = z.object({
  slotMinutes: z.number().int().min(5).max(480),
  capacity: z.number().int().min(1).max(100),
  /** Walk-in turns at the office's kiosk for this service; absent keeps what the service has. */
  walkIn: z.boolean().optional(),
});
const Clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time HH:MM');
export const OfficeHoursSchema = z.object({ weekday: z.number().int().min(1).max(7), opensAt: Clock, closesAt: Clock });
export type OfficeHours = z.infer<typeof OfficeHoursSchema>;
export const OpeningHoursBodySchema = z.object({
  hours: z
    .array(OfficeHoursSchema)
    .max(50)
    .refine((hours) => hours.every((h) => h.opensAt < h.closesAt), { message: 'each interval must open before it closes', ...brokenRule('order') })
    .refine(
      (hours) => hours.every((h, i) => hours.every((o, j) => i === j || o.weekday !== h.weekday || o.closesAt <= h.opensAt || o.opensAt >= h.closesAt)),
      { message: 'intervals of one day must not overlap', ...brokenRule('overlap') },
    ),
});
export const DeskBodySchema = z.object({ label: PlainTextSchema(60), active: z.boolean() });
export const OkSchema = z.object({ ok: z.literal(true) });

/** GET /api/appointments/offices: what the console's office picker lists. */
export const StaffOfficeListSchema = z.object({ offices: z.array(z.object({ code: z.string(), name: z.string() })) });
export type StaffOfficeList = z.infer<typeof StaffOfficeListSchema>;

/** GET /api/appointments/offices/:office/settings: everything that shapes the office's calendar. */
export const OfficeSettingsSchema = z.object({
  office: z.object({ code: z.string(), name: z.string(), address: z.string(), timeZone: z.string() }),
  hours: z.array(OfficeHoursSchema),
  /** From today (office time) on, in date order. */
  holidays: z.array(z.object({ day: z.string(), name: z.string() })),
  desks: z.array(z.object({ code: z.string(), label: z.string(), active: z.boolean() })),
  /** `walkIn`: whether the office's kiosk hands out turns without appointment for the service. */
  services: z.array(z.object({ code: z.string(), name: z.string(), turnLetter: z.string(), slotMinutes: z.number().int(), capacity: z.number().int(), walkIn: z.boolean() })),
});
export type OfficeSettings = z.infer<typeof OfficeSettingsSchema>;

/**
 * A booking's state as the counter sees it: `no-show` is a booking never checked in whose
 * check-in window has closed; `served` is one whose turn a desk has finished.
 */
export const BookingStateSchema = z.enum(['booked', 'checked-in', 'called', 'served', 'no-show', 'cancelled']);
export type BookingState = z.infer<typeof BookingStateSchema>;

export const TurnOnBoardSchema = z.object({
  turnId: z.string(),
  label: z.string(),
  serviceCode: z.string(),
  kind: z.enum(['appointment', 'walk-in']),
  issuedAt: z.string(),
  deskCode: z.string().nullable(),
});

/** GET /api/appointments/offices/:office/day: the day's bookings, the waiting queue and who is at a desk. */
export const OfficeDaySchema = z.object({
  office: z.string(),
  day: z.string(),
  timeZone: z.string(),
  bookings: z.array(
    z.object({
      reference: z.string(),
      service: z.string(),
      serviceName: z.string(),
      /** Office-local ISO times. */
      start: z.string(),
      end: z.string(),
      state: BookingStateSchema,
      turnLabel: z.string().nullable(),
    }),
  ),
  waiting: z.array(TurnOnBoardSchema),
  called: z.array(TurnOnBoardSchema),
});
export type OfficeDay = z.infer<typeof OfficeDaySchema>;
