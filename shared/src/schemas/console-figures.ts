import { z } from 'zod';

/**
 * The console's figures (hub `/api/figures/console` <-> admin/web): counts only, never personal
 * data. Kiosk usage comes from the agents' analytics counts (per day and hour), cases from the case table.
 */

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');

export const ConsoleFiguresQuerySchema = z.object({
  from: Day,
  to: Day,
  /** A kiosk site (devices.site); absent = every site. */
  site: z.string().min(1).max(100).optional(),
});
export type ConsoleFiguresQuery = z.infer<typeof ConsoleFiguresQuerySchema>;

const Count = z.number().int().nonnegative();

export const ConsoleFiguresSchema = z.object({
  from: z.string(),
  to: z.string(),
  site: z.string().nullable(),
  /** The municipality's time zone (IANA): the hours of `usage` and the days of the range are its local time. */
  timeZone: z.string(),
  /** Every site a kiosk of the municipality stands at (for the filter). */
  sites: z.array(z.string()),
  funnel: z.array(z.object({ journey: z.string(), started: Count, completed: Count, abandoned: Count })),
  /** Where abandoned journeys were left, most first. */
  abandonedSteps: z.array(z.object({ journey: z.string(), step: z.string(), reason: z.string(), count: Count })),
  /**
   * Kiosk use: journeys started per kiosk and hour of the day in the municipality's local time
   * (its time zone); `hours` has 24 counts (index = hour). `hourUnknown`: journeys counted by agents
   * that report days only (before per-hour counts). `journeysStarted` = sum of hours + hourUnknown.
   */
  usage: z.array(
    z.object({ deviceId: z.string(), label: z.string(), site: z.string().nullable(), journeysStarted: Count, hours: z.array(Count).length(24), hourUnknown: Count }),
  ),
  languages: z.array(z.object({ locale: z.string(), count: Count })),
  /** Journeys started per accessibility mode; 'none' when none was on. */
  modes: z.array(z.object({ mode: z.string(), count: Count })),
  faqNoResult: z.array(z.object({ query: z.string(), count: Count })),
  /** Scores 1..5, always five rows. */
  satisfaction: z.array(z.object({ score: z.number().int().min(1).max(5), count: Count })),
  channels: z.array(z.object({ channel: z.string(), count: Count })),
  sla: z.array(
    z.object({
      serviceCode: z.string(),
      name: z.string(),
      closedCount: Count,
      medianDays: z.number().nonnegative().nullable(),
      p90Days: z.number().nonnegative().nullable(),
      slaDays: z.number().int().positive().nullable(),
      withinSlaShare: z.number().min(0).max(1).nullable(),
    }),
  ),
});
export type ConsoleFigures = z.infer<typeof ConsoleFiguresSchema>;

/** The tables the hub exports as CSV: GET /api/figures/console/<table>.csv. */
export const FIGURE_TABLES = ['funnel', 'abandoned-steps', 'usage', 'languages', 'modes', 'faq-no-result', 'satisfaction', 'channels', 'sla'] as const;
export type FigureTable = (typeof FIGURE_TABLES)[number];
export const FigureTableSchema = z.enum(FIGURE_TABLES);
