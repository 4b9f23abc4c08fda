import { z } from 'zod';
import { CaseAcceptedSchema, CaseSubmissionSchema } from '../schemas/case-submission.js';
import { DevicesHealthSchema } from '../schemas/device-health.js';
import { IsoDateTimeSchema } from '../schemas/common.js';
import { ConfigReportSchema } from './device-config.js';

/**
 * The fleet protocol: what a kiosk agent and the hub say over HTTPS.
 * Durable operations are REST; authentication is the device's own credential, sent as
 * `Authorization: Bearer <deviceId>.<secret>`; every request carries `X-Protocol-Version`.
 */

export const FLEET_BASE_PATH = '/fleet/v1';
export const PROTOCOL_VERSION_HEADER = 'x-protocol-version';
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

export const fleetRoutes = {
  /** File one case. Requires Idempotency-Key; a replay returns the stored answer. */
  submitCase: {
    method: 'POST',
    path: `${FLEET_BASE_PATH}/requests`,
    body: CaseSubmissionSchema,
    reply: CaseAcceptedSchema,
  },
  /** The service catalogue for the kiosk's tenant, localised (`?locale=`). */
  catalog: { method: 'GET', path: `${FLEET_BASE_PATH}/catalog` },
  /** Periodic health report (issue 6 completes it). */
  heartbeat: { method: 'POST', path: `${FLEET_BASE_PATH}/heartbeat` },
  /** The kiosk's desired configuration (DesiredConfigSchema); ETag = version, If-None-Match -> 304. */
  config: { method: 'GET', path: `${FLEET_BASE_PATH}/config` },
} as const;

/**
 * The last content bundle the kiosk REFUSED (bad signature, older than the applied one, malformed,
 * oversized file...) while it kept serving the previous one; null when the last bundle it fetched
 * applied. Kept by the agent until a bundle applies, so a content rollout can count the kiosk as
 * failed instead of waiting for a version that will never come. `version` is the refused bundle's
 * version as `versions.content` spells it (null when the answer was too broken to read one);
 * `reason` is short and machine-ish: the refusal code, then a detail (`older-version: ...`). Never personal.
 */
export const ContentReportSchema = z.object({
  error: z.object({ version: z.string().min(1).max(40).nullable(), reason: z.string().min(1).max(300) }).nullable(),
});
export type ContentReport = z.infer<typeof ContentReportSchema>;

export const HeartbeatSchema = z.object({
  sentAt: IsoDateTimeSchema,
  versions: z.object({ agent: z.string(), protocol: z.number().int(), content: z.string().nullable() }),
  devices: DevicesHealthSchema,
  outbox: z.object({
    depth: z.number().int().nonnegative(),
    oldestAgeSeconds: z.number().nonnegative().nullable(),
    dead: z.number().int().nonnegative(),
  }),
  /** A boolean only: never what is on screen. */
  sessionActive: z.boolean(),
  /** The Electron shell's own state (crash recovery); null in browser mode. */
  shell: z
    .object({ state: z.enum(['running', 'recovering', 'out-of-service']), reason: z.string().nullable(), since: IsoDateTimeSchema })
    .nullable()
    .default(null),
  // Issue 6 additions: each has a default, so a heartbeat from an older agent still validates.
  /** Kiosk clock minus hub clock, measured against the previous answer's serverTime; null until known. */
  clockSkewMs: z.number().int().nullable().default(null),
  /** Free and total space where the agent keeps its data (a full disk stops the outbox). */
  disk: z.object({ freeBytes: z.number().int().nonnegative(), totalBytes: z.number().int().nonnegative() }).nullable().default(null),
  /** Which desired configuration version the kiosk runs, and the last one it refused. */
  config: ConfigReportSchema.default({ appliedVersion: null, error: null }),
  /** The kiosk shows its maintenance screen (by configuration or a remote job). */
  maintenance: z.boolean().default(false),
  /** The last content bundle it refused (the version it runs is `versions.content`); absent from older agents. */
  content: ContentReportSchema.default({ error: null }),
});
export type Heartbeat = z.infer<typeof HeartbeatSchema>;
/** What an agent may send: the fields added later are optional. */
export type HeartbeatInput = z.input<typeof HeartbeatSchema>;

export const HeartbeatAnswerSchema = z.object({
  serverTime: IsoDateTimeSchema,
  /** The desired configuration version; when it differs from the applied one, GET the config. */
  desiredConfigVersion: z.number().int().nonnegative().default(0),
});
export type HeartbeatAnswer = z.infer<typeof HeartbeatAnswerSchema>;

/** Why the hub refused a fleet call; `retryable` tells the sender whether to try again later. */
export const FleetErrorCodeSchema = z.enum([
  'unauthorised',
  'version-mismatch',
  'invalid',
  'unknown-service',
  'idempotency-key-missing',
  'idempotency-key-reused',
  'in-flight',
  'duplicate-reference',
  'internal',
]);
export type FleetErrorCode = z.infer<typeof FleetErrorCodeSchema>;
