import { z } from 'zod';
import { CaseAcceptedSchema, CaseSubmissionSchema } from '../schemas/case-submission.js';
import { DevicesHealthSchema } from '../schemas/device-health.js';
import { IsoDateTimeSchema } from '../schemas/common.js';

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
} as const;

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
});
export type Heartbeat = z.infer<typeof HeartbeatSchema>;

export const HeartbeatAnswerSchema = z.object({ serverTime: IsoDateTimeSchema });

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
