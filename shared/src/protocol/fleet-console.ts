import { z } from 'zod';
import { IsoDateTimeSchema } from '../schemas/common.js';
import { DevicesHealthSchema } from '../schemas/device-health.js';

/**
 * The console's fleet views (issue 7): every kiosk with its status and the reasons for it, and one
 * kiosk's recent health. The hub computes status and reasons in one place (fleet/kiosk-status.ts);
 * the console only translates these machine words.
 */

export const KIOSK_STATUSES = ['online', 'degraded', 'unreachable', 'offline'] as const;
export const KioskStatusSchema = z.enum(KIOSK_STATUSES);
export type KioskStatusName = z.infer<typeof KioskStatusSchema>;

/** Why a kiosk is not simply online. The console has a label for each in every staff language. */
export const KIOSK_STATUS_REASONS = [
  'never-reported',
  'no-heartbeat',
  'missed-heartbeats',
  'paper-out',
  'paper-low',
  'printer-offline',
  'scanner-missing',
  'outbox-backlog',
  'dead-letters',
  'clock-skew',
  'out-of-service',
  'content-expired',
  'maintenance',
] as const;
export const KioskStatusReasonSchema = z.enum(KIOSK_STATUS_REASONS);
export type KioskStatusReason = z.infer<typeof KioskStatusReasonSchema>;

export const OutboxFiguresSchema = z.object({
  depth: z.number().int().nonnegative(),
  oldestAgeSeconds: z.number().nonnegative().nullable(),
  dead: z.number().int().nonnegative(),
});

/** One row of GET /api/fleet/overview. Health and counts only: never anything a citizen typed. */
export const FleetKioskSchema = z.object({
  id: z.string(),
  label: z.string(),
  site: z.string().nullable(),
  group: z.string().nullable(),
  status: KioskStatusSchema,
  reasons: z.array(KioskStatusReasonSchema),
  lastHeartbeatAt: IsoDateTimeSchema.nullable(),
  versions: z.object({ agent: z.string(), content: z.string().nullable(), config: z.number().int().nullable() }).nullable(),
  outbox: OutboxFiguresSchema.nullable(),
});
export type FleetKiosk = z.infer<typeof FleetKioskSchema>;

export const FleetOverviewSchema = z.object({
  /** When the hub judged: "unreachable" is relative to this, not to the browser's clock. */
  checkedAt: IsoDateTimeSchema,
  kiosks: z.array(FleetKioskSchema),
});
export type FleetOverview = z.infer<typeof FleetOverviewSchema>;

/** One received heartbeat, as the kiosk page's health timeline shows it. */
export const HealthSampleSchema = z.object({
  receivedAt: IsoDateTimeSchema,
  devices: DevicesHealthSchema,
  outbox: OutboxFiguresSchema,
  /** The kiosk's own measurement against the hub's previous answer; null until known. */
  clockSkewMs: z.number().int().nullable(),
  maintenance: z.boolean(),
  sessionActive: z.boolean(),
});
export type HealthSample = z.infer<typeof HealthSampleSchema>;

/** GET /api/fleet/devices/:id/health: the kiosk, its verdict and its recent heartbeats (newest first). */
export const KioskHealthSchema = z.object({
  kiosk: FleetKioskSchema.extend({ issuer: z.string(), createdAt: IsoDateTimeSchema, revokedAt: IsoDateTimeSchema.nullable() }),
  checkedAt: IsoDateTimeSchema,
  /** Hub receive time minus kiosk send time of the latest heartbeat (the hub's own measurement). */
  skewMs: z.number().int().nullable(),
  timeline: z.array(HealthSampleSchema),
});
export type KioskHealth = z.infer<typeof KioskHealthSchema>;

export const fleetConsoleApi = {
  overview: '/api/fleet/overview',
  health: '/api/fleet/devices/:id/health',
} as const;
