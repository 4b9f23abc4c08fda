import { z } from 'zod';
import { DEFAULT_LOCALE, KIOSK_LOCALES } from '../domain/locales.js';
import { brokenRule, IsoDateTimeSchema, LocaleSchema } from '../schemas/common.js';
import { KioskAccessibilitySchema } from './kiosk-accessibility.js';

/**
 * Desired and reported kiosk configuration (issue 6). The hub keeps a desired configuration per
 * kiosk with a version that only ever grows; the kiosk fetches it (ETag = version), validates it
 * with these same schemas, applies it and reports the version it runs (or why it refused one) in
 * its heartbeats. An invalid configuration is refused on both sides and the previous one kept.
 */

/** Receipt printers the agent knows how to drive (paper width and command set follow from it). */
export const PRINTER_PROFILES = ['epson-tm-t20', 'epson-tm-t88', 'star-tsp100', 'generic-80mm', 'generic-58mm'] as const;
export const PrinterProfileSchema = z.enum(PRINTER_PROFILES);
export type PrinterProfile = z.infer<typeof PrinterProfileSchema>;

/** WCAG 2.2.1 / accessibility.md item 12: the warning gives at least 20 s to answer. */
export const MIN_IDLE_WARNING_SECONDS = 20;
export const MAX_IDLE_WARNING_SECONDS = 300;
/** Shorter quiet times rush people who read slowly or listen to the audio mode; longer ones leave data on screen. */
export const MIN_IDLE_TIMEOUT_SECONDS = 30;
export const MAX_IDLE_TIMEOUT_SECONDS = 900;

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const ClockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time as HH:MM (00:00-23:59)');
const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

const IntervalSchema = z
  .object({ from: ClockTimeSchema, to: ClockTimeSchema })
  .strict()
  .refine((i) => minutesOf(i.from) < minutesOf(i.to), { message: 'an opening interval must end after it starts (same day)', ...brokenRule('order') });

/** One day's opening intervals, in order and not overlapping; an empty list means closed all day. */
const DayIntervalsSchema = z
  .array(IntervalSchema)
  .max(6)
  .refine((list) => list.every((interval, i) => i === 0 || minutesOf(list[i - 1]?.to ?? '00:00') <= minutesOf(interval.from)), {
    message: 'opening intervals must be in order and must not overlap',
    ...brokenRule('overlap'),
  });

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** When the kiosk serves citizens; outside these hours it shows its out-of-hours screen. */
export const OpeningHoursSchema = z
  .object({
    timeZone: z.string().min(1).max(64).refine(isTimeZone, { message: 'unknown IANA time zone' }),
    /** Every weekday listed; an empty list is a closed day. */
    week: z
      .object({
        mon: DayIntervalsSchema,
        tue: DayIntervalsSchema,
        wed: DayIntervalsSchema,
        thu: DayIntervalsSchema,
        fri: DayIntervalsSchema,
        sat: DayIntervalsSchema,
        sun: DayIntervalsSchema,
      })
      .strict(),
  })
  .strict();
export type OpeningHours = z.infer<typeof OpeningHoursSchema>;

const ServiceCodesSchema = z.array(z.string().min(1).max(64)).min(1).max(500);

const KioskConfigObject = z
  .object({
    printerProfile: PrinterProfileSchema,
    /** Quiet time before the "are you still there?" warning. */
    idleTimeoutSeconds: z.number().int().min(MIN_IDLE_TIMEOUT_SECONDS).max(MAX_IDLE_TIMEOUT_SECONDS),
    /** How long the warning waits for a touch before the session resets. */
    idleWarningSeconds: z.number().int().min(MIN_IDLE_WARNING_SECONDS).max(MAX_IDLE_WARNING_SECONDS),
    /** Languages offered on the language screen, the default among them. */
    languages: z.array(LocaleSchema).min(1).max(KIOSK_LOCALES.length),
    defaultLanguage: LocaleSchema,
    /** Service codes shown on the home screen, or every service of the catalogue. */
    services: z.union([z.literal('all'), ServiceCodesSchema]),
    /** A maintenance screen instead of the citizen flow (a technician is working on the kiosk). */
    maintenance: z.boolean(),
    /** Null: always open (no out-of-hours screen). */
    openingHours: OpeningHoursSchema.nullable(),
    /** The keypad map, key debounces and panel mounting (kiosk-accessibility.ts); absent: the defaults. */
    accessibility: KioskAccessibilitySchema.optional(),
  })
  .strict();

function checkLanguages(config: { languages: readonly string[]; defaultLanguage: string; services: 'all' | readonly string[] }, ctx: z.RefinementCtx): void {
  if (new Set(config.languages).size !== config.languages.length) {
    ctx.addIssue({ code: 'custom', path: ['languages'], message: 'each language may be listed once' });
  }
  if (!config.languages.includes(config.defaultLanguage)) {
    ctx.addIssue({ code: 'custom', path: ['languages'], message: 'the languages offered must include the default language' });
  }
  if (config.services !== 'all' && new Set(config.services).size !== config.services.length) {
    ctx.addIssue({ code: 'custom', path: ['services'], message: 'each service may be listed once' });
  }
}

export const KioskConfigSchema = KioskConfigObject.superRefine(checkLanguages);
export type KioskConfig = z.infer<typeof KioskConfigSchema>;

/** A rollout's change: any top-level fields, each replaced whole; the result must still be valid. */
export const KioskConfigPatchSchema = KioskConfigObject.partial().refine((patch) => Object.keys(patch).length > 0, {
  message: 'a configuration patch must change at least one field',
});
export type KioskConfigPatch = z.infer<typeof KioskConfigPatchSchema>;

/** What a kiosk runs before the hub ever set anything (desired version 0). */
export const DEFAULT_KIOSK_CONFIG: KioskConfig = {
  printerProfile: 'epson-tm-t20',
  idleTimeoutSeconds: 90,
  idleWarningSeconds: 30,
  languages: [...KIOSK_LOCALES],
  defaultLanguage: DEFAULT_LOCALE,
  services: 'all',
  maintenance: false,
  openingHours: null,
};

/** GET /fleet/v1/config (ETag: the version in quotes; If-None-Match -> 304). */
export const DesiredConfigSchema = z.object({
  /** 0 = nothing set yet: the defaults. Never goes down. */
  version: z.number().int().nonnegative(),
  config: KioskConfigSchema,
});
export type DesiredConfig = z.infer<typeof DesiredConfigSchema>;

/** What the agent runs, as the renderer sees it (kiosk.describe, 'config.changed'). */
export const AppliedKioskConfigSchema = z.object({
  /** Null while the built-in defaults apply. */
  version: z.number().int().nonnegative().nullable(),
  config: KioskConfigSchema,
});
export type AppliedKioskConfig = z.infer<typeof AppliedKioskConfigSchema>;

/** What a kiosk says about its configuration in every heartbeat. */
export const ConfigReportSchema = z.object({
  /** The version it runs; null while it runs the built-in defaults. */
  appliedVersion: z.number().int().nonnegative().nullable(),
  /** The last version it refused and why (kept until a later version applies). */
  error: z.object({ version: z.number().int().nonnegative(), message: z.string().max(500) }).nullable(),
});
export type ConfigReport = z.infer<typeof ConfigReportSchema>;

/** One field where the kiosk runs something else than the hub wants. */
export const ConfigDeltaSchema = z.object({ field: z.string(), desired: z.unknown(), reported: z.unknown() });

/** The console's view of one kiosk (GET/PUT /api/fleet/devices/:id/config). */
export const DeviceConfigViewSchema = z.object({
  deviceId: z.string(),
  desired: DesiredConfigSchema.extend({ updatedAt: IsoDateTimeSchema.nullable() }),
  reported: ConfigReportSchema.extend({ receivedAt: IsoDateTimeSchema }).nullable(),
  /** Whether the kiosk runs the desired version. */
  inSync: z.boolean(),
  /** Field by field, when the reported version's configuration is known; empty when in sync. */
  delta: z.array(ConfigDeltaSchema),
});
export type DeviceConfigView = z.infer<typeof DeviceConfigViewSchema>;

/** Staff API paths (the kiosk's own is fleetRoutes.config). */
export const deviceConfigApi = {
  device: '/api/fleet/devices/:id/config',
  rollouts: '/api/fleet/rollouts',
  rollout: '/api/fleet/rollouts/:id',
  abort: '/api/fleet/rollouts/:id/abort',
} as const;

/** A ring's size: a number of kiosks, or a cumulative share of the target (100 = everyone). */
export const RingSchema = z.union([
  z.object({ devices: z.number().int().min(1).max(100_000) }).strict(),
  z.object({ percent: z.number().min(0.1).max(100) }).strict(),
]);
export type Ring = z.infer<typeof RingSchema>;

/** platform.md: a canary kiosk, then 10 %, 50 %, 100 %. */
export const DEFAULT_RINGS: readonly Ring[] = [{ devices: 1 }, { percent: 10 }, { percent: 50 }, { percent: 100 }];

export const RolloutTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }).strict(),
  z.object({ kind: z.literal('site'), site: z.string().min(1).max(120) }).strict(),
  z.object({ kind: z.literal('group'), group: z.string().min(1).max(120) }).strict(),
]);
export type RolloutTarget = z.infer<typeof RolloutTargetSchema>;

/**
 * What a rollout carries: a configuration patch per kiosk, or the municipality's published content
 * (the newest signed bundle reaches ring after ring; kiosks not reached keep the held version).
 */
export const RolloutKindSchema = z.enum(['config', 'content']);
export type RolloutKind = z.infer<typeof RolloutKindSchema>;

export const RolloutInputSchema = z
  .object({
    /** Optional for callers written before content rollouts: absent means 'config'. */
    kind: RolloutKindSchema.default('config'),
    /** Required for a configuration rollout; a content rollout has none. */
    configPatch: KioskConfigPatchSchema.optional(),
    target: RolloutTargetSchema,
    rings: z.array(RingSchema).min(1).max(10).default([...DEFAULT_RINGS]),
    /** Abort when more than this share of a ring fails (reports a config error or goes unreachable). */
    maxFailureRate: z.number().min(0).max(1).default(0.2),
    /** Move on after this long even when some kiosks of the ring have not reported yet. */
    ringSoakMs: z.number().int().min(0).max(7 * 24 * 3_600_000).default(30 * 60_000),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.kind === 'config' && input.configPatch === undefined) ctx.addIssue({ code: 'custom', path: ['configPatch'], message: 'a configuration rollout needs a configPatch' });
    if (input.kind === 'content' && input.configPatch !== undefined) ctx.addIssue({ code: 'custom', path: ['configPatch'], message: 'a content rollout carries no configPatch' });
  });
export type RolloutInput = z.infer<typeof RolloutInputSchema>;

export const RolloutStateSchema = z.enum(['running', 'completed', 'aborted']);

export const RolloutViewSchema = z.object({
  id: z.string(),
  kind: RolloutKindSchema,
  state: RolloutStateSchema,
  target: RolloutTargetSchema,
  configPatch: KioskConfigObject.partial(),
  maxFailureRate: z.number(),
  ringSoakMs: z.number().int(),
  /** Index into rings of the ring being rolled out (or the last one, once finished). */
  currentRing: z.number().int(),
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
  abortReason: z.string().nullable(),
  /**
   * Content rollouts only (null for config): the bundle version kiosks not reached are served (a
   * re-issue of the held content after an abort or near expiry), and the content revision rolled out.
   */
  content: z.object({ heldBundleVersion: z.number().int(), revision: z.number().int() }).nullable(),
  rings: z.array(
    z.object({
      ring: RingSchema,
      devices: z.number().int(),
      /** applied: desired config set; reported: the kiosk runs it; failed: config error or unreachable. */
      state: z.enum(['waiting', 'in-progress', 'done', 'aborted', 'skipped']),
      reported: z.number().int(),
      failed: z.number().int(),
      restored: z.number().int(),
      /**
       * Kiosks counted failed because their heartbeat says they REFUSED the version (a refused
       * configuration, or a content bundle they would not apply): which version and why. Kiosks
       * failed for going quiet are not listed. Absent from older hubs.
       */
      refusals: z.array(z.object({ deviceId: z.string(), version: z.string(), reason: z.string() })).default([]),
    }),
  ),
});
export type RolloutView = z.infer<typeof RolloutViewSchema>;

/** GET /api/fleet/rollouts: the municipality's rollouts, newest first, each as its full view. */
export const RolloutListSchema = z.object({ rollouts: z.array(RolloutViewSchema) });
export type RolloutList = z.infer<typeof RolloutListSchema>;
