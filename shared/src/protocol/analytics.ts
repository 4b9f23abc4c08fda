import { z } from 'zod';
import { LocaleSchema } from '../schemas/common.js';

/**
 * Usage events the renderer reports to the agent (issue 4, "Analytics events"): what the console's
 * figures are made of. NEVER personal data: no free text typed by the citizen except a no-result
 * FAQ query, and that only after `sanitiseSearchQuery` (no digits, no @, bounded length).
 */

export const JOURNEYS = ['request', 'faq', 'followUp', 'appointments'] as const;
export const JourneySchema = z.enum(JOURNEYS);
export type Journey = z.infer<typeof JourneySchema>;

/** Accessibility modes in use during the journey (issue 8 adds audio, large text, contrast, reach). */
export const AccessibilityModeSchema = z.enum(['audio', 'large-text', 'high-contrast', 'reach']);

const Base = { locale: LocaleSchema, modes: z.array(AccessibilityModeSchema).max(4).default([]) };
const Step = z.string().regex(/^[a-zA-Z0-9._-]{1,40}$/);

export const AnalyticsEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('journey.started'), journey: JourneySchema, ...Base }),
  z.object({ type: z.literal('journey.completed'), journey: JourneySchema, ...Base }),
  /** `step`: the screen the citizen left from; `reason`: how (idle reset, start over, back to home). */
  z.object({ type: z.literal('journey.abandoned'), journey: JourneySchema, step: Step, reason: z.enum(['idle', 'start-over', 'back']), ...Base }),
  z.object({ type: z.literal('faq.no-result'), query: z.string().min(1).max(80), ...Base }),
  z.object({ type: z.literal('faq.feedback'), entryId: z.string().min(1).max(80), useful: z.boolean(), ...Base }),
  z.object({ type: z.literal('satisfaction'), journey: JourneySchema, score: z.number().int().min(1).max(5), ...Base }),
]);
export type AnalyticsEvent = z.infer<typeof AnalyticsEventSchema>;

/**
 * What may be kept of a search that found nothing: lower case, trimmed, at most 80 characters,
 * and nothing at all if it holds a digit or an @ (a phone number, an ID or an e-mail typed into the
 * search box by mistake must never reach a report).
 */
export function sanitiseSearchQuery(query: string): string | null {
  const cleaned = query.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ').slice(0, 80);
  if (cleaned === '' || /[0-9@]/.test(cleaned)) return null;
  return cleaned;
}

/** Fleet paths of this module (relative to the hub root). */
export const ANALYTICS_PATH = '/fleet/v1/analytics';
export const STAFF_CALLS_PATH = '/fleet/v1/staff-calls';

/**
 * What the agent sends the hub: counts, not events. One row per day, hour and combination of what
 * the console's figures group by (journey, step, reason, language, modes, detail); `detail` is the
 * satisfaction score, the sanitised no-result query, or `entryId:yes|no` for FAQ feedback.
 * `day` and `hour` are the agent clock's UTC day and hour: the hub turns them into the
 * municipality's local time (its time zone), so a kiosk never needs to know its zone.
 */
export const AnalyticsCountSchema = z.object({
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /**
   * UTC hour (0-23) the events happened in. Optional: agents from before the per-hour heat map
   * send day counts without it; the hub keeps those as "hour unknown".
   */
  hour: z.number().int().min(0).max(23).optional(),
  type: z.enum(['journey.started', 'journey.completed', 'journey.abandoned', 'faq.no-result', 'faq.feedback', 'satisfaction']),
  // Names only ('' when the type has none): a free text with spaces cannot pass for a step.
  journey: z.string().regex(/^[a-zA-Z0-9._-]{0,40}$/),
  step: z.string().regex(/^[a-zA-Z0-9._-]{0,40}$/),
  reason: z.enum(['', 'idle', 'start-over', 'back']),
  locale: LocaleSchema,
  /** Sorted modes joined with `+`, '' for none. */
  modes: z.string().max(80),
  detail: z.string().max(120),
  count: z.number().int().positive(),
});
export type AnalyticsCount = z.infer<typeof AnalyticsCountSchema>;

/** `batchId` makes a resend harmless: the hub counts each batch once per device. */
export const AnalyticsBatchSchema = z.object({
  batchId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  counts: z.array(AnalyticsCountSchema).min(1).max(500),
});
export type AnalyticsBatch = z.infer<typeof AnalyticsBatchSchema>;
export const AnalyticsBatchAnswerSchema = z.object({ accepted: z.number().int(), replayed: z.boolean() });

/** The UTC day and hour of an instant of the agent's clock: where its events are counted. */
export function countSlotOf(at: Date): { day: string; hour: number } {
  return { day: at.toISOString().slice(0, 10), hour: at.getUTCHours() };
}

/** Turns one event into the row it counts towards (day and hour from `countSlotOf`, the agent's clock). */
export function countKeyOf(event: AnalyticsEvent, slot: { day: string; hour: number }): Omit<AnalyticsCount, 'count'> {
  const modes = [...new Set(event.modes)].sort().join('+');
  const base = { day: slot.day, hour: slot.hour, type: event.type, locale: event.locale, modes, journey: '', step: '', reason: '' as AnalyticsCount['reason'], detail: '' };
  switch (event.type) {
    case 'journey.started':
    case 'journey.completed':
      return { ...base, journey: event.journey };
    case 'journey.abandoned':
      return { ...base, journey: event.journey, step: event.step, reason: event.reason };
    case 'faq.no-result':
      return { ...base, detail: sanitiseSearchQuery(event.query) ?? '' };
    case 'faq.feedback':
      return { ...base, detail: `${event.entryId}:${event.useful ? 'yes' : 'no'}` };
    case 'satisfaction':
      return { ...base, journey: event.journey, detail: String(event.score) };
  }
}

/**
 * "Call staff": the citizen pressed the button. Only where they were (a screen name, never what
 * they typed) and when; the hub keeps it as a kiosk alert the console shows until acknowledged.
 */
export const StaffCallSchema = z.object({
  callId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  screen: Step,
  calledAt: z.iso.datetime({ offset: true }),
});
export type StaffCall = z.infer<typeof StaffCallSchema>;
