import { z } from 'zod';
import { brokenRule, IsoDateTimeSchema } from '../schemas/common.js';
import { FLEET_BASE_PATH } from './fleet.js';

/**
 * Remote jobs (platform.md, "Fleet scale"): staff queue a command for kiosks, the hub rings the
 * kiosk's WebSocket doorbell (or the kiosk polls), the kiosk runs each job at most once and
 * reports its state. The job table on the hub is the truth; the doorbell only says "look".
 */

/** The allow-list: a kiosk rejects anything else, the hub refuses to queue anything else. */
export const JOB_TYPES = [
  'reload-content',
  'apply-config',
  'restart-renderer',
  'reprint-last',
  'print-test-page',
  'screenshot',
  'upload-logs',
  'maintenance-on',
  'maintenance-off',
] as const;
export const JobTypeSchema = z.enum(JOB_TYPES);
export type JobType = z.infer<typeof JobTypeSchema>;

/** These interrupt a citizen: the kiosk holds them until no session is active. */
export const DISRUPTIVE_JOB_TYPES: ReadonlySet<string> = new Set<JobType>(['restart-renderer', 'maintenance-on', 'apply-config', 'reload-content']);

/** Screenshots can show a citizen's data: only admins may ask for one (platform.md). */
export const ADMIN_ONLY_JOB_TYPES: ReadonlySet<string> = new Set<JobType>(['screenshot']);

export const JOB_STATES = ['queued', 'delivered', 'in-progress', 'succeeded', 'failed', 'timed-out', 'expired', 'cancelled', 'rejected'] as const;
export const JobStateSchema = z.enum(JOB_STATES);
export type JobState = z.infer<typeof JobStateSchema>;
export const FINAL_JOB_STATES: ReadonlySet<JobState> = new Set<JobState>(['succeeded', 'failed', 'timed-out', 'expired', 'cancelled', 'rejected']);

/** Most lines one upload-logs job sends, and the longest line (the ring buffer truncates to it). */
export const MAX_LOG_UPLOAD_LINES = 1000;
export const MAX_LOG_LINE_CHARS = 500;

export const UploadLogsParamsSchema = z
  .object({ from: IsoDateTimeSchema, to: IsoDateTimeSchema })
  .strict()
  .refine((p) => Date.parse(p.from) <= Date.parse(p.to), { message: 'from must not be after to', ...brokenRule('order') });
const NoJobParams = z.object({}).strict();

/** Each type's params; the hub checks them when a job is created, the kiosk again before running it. */
export const JOB_PARAMS_SCHEMAS: Readonly<Record<JobType, z.ZodType<Record<string, unknown>>>> = {
  'reload-content': NoJobParams,
  'apply-config': NoJobParams,
  'restart-renderer': NoJobParams,
  'reprint-last': NoJobParams,
  'print-test-page': NoJobParams,
  screenshot: NoJobParams,
  'upload-logs': UploadLogsParamsSchema,
  'maintenance-on': NoJobParams,
  'maintenance-off': NoJobParams,
};

/** A small JSON object of identifiers, counts and codes: never what a citizen typed. */
export const JobResultSchema = z.record(z.string(), z.union([z.string().max(500), z.number(), z.boolean(), z.null()]));
export type JobResult = z.infer<typeof JobResultSchema>;

// ---- staff API (/api/fleet/jobs) ----

export const JobCreateSchema = z
  .object({
    type: JobTypeSchema,
    params: z.record(z.string(), z.unknown()).default({}),
    deviceIds: z.array(z.string().min(1).max(80)).min(1).max(1000).optional(),
    site: z.string().min(1).max(100).optional(),
    group: z.string().min(1).max(100).optional(),
    /** Not picked up by then: expired. Default one day. */
    expiresInSeconds: z.number().int().min(10).max(30 * 24 * 3600).optional(),
    /** Started but not finished within this: timed out. Default 10 minutes. */
    timeoutSeconds: z.number().int().min(5).max(24 * 3600).optional(),
  })
  .strict()
  .refine((body) => [body.deviceIds, body.site, body.group].filter((t) => t !== undefined).length === 1, {
    message: 'target exactly one of deviceIds, site or group',
  });
export type JobCreate = z.input<typeof JobCreateSchema>;

export const JobViewSchema = z.object({
  id: z.string(),
  deviceId: z.string(),
  type: z.string(),
  params: z.record(z.string(), z.unknown()),
  state: JobStateSchema,
  disruptive: z.boolean(),
  createdBy: z.string(),
  createdAt: IsoDateTimeSchema,
  deliveredAt: IsoDateTimeSchema.nullable(),
  startedAt: IsoDateTimeSchema.nullable(),
  finishedAt: IsoDateTimeSchema.nullable(),
  expiresAt: IsoDateTimeSchema,
  timeoutSeconds: z.number().int(),
  result: JobResultSchema.nullable(),
  error: z.string().nullable(),
  rolloutId: z.string().nullable(),
});
export type JobView = z.infer<typeof JobViewSchema>;

export const JobListSchema = z.object({ jobs: z.array(JobViewSchema) });
export const JobsCreatedSchema = z.object({ jobs: z.array(JobViewSchema) });

export const JobLogsViewSchema = z.object({ jobId: z.string(), uploadedAt: IsoDateTimeSchema, lines: z.array(z.string()) });

// ---- kiosk API (/fleet/v1/jobs, /fleet/v1/doorbell) ----

export const jobRoutes = {
  /** This device's jobs that are waiting for it (queued ones become delivered). */
  list: { method: 'GET', path: `${FLEET_BASE_PATH}/jobs` },
  /** Report a state; a repeated report is harmless, an impossible one is 409. */
  state: { method: 'POST', path: `${FLEET_BASE_PATH}/jobs/:id/state` },
  /** The upload-logs job's lines. */
  logs: { method: 'POST', path: `${FLEET_BASE_PATH}/jobs/:id/logs` },
  /** WebSocket: the hub rings, the kiosk then polls `list`. */
  doorbell: { method: 'GET', path: `${FLEET_BASE_PATH}/doorbell` },
} as const;

/** What a kiosk receives. `type` is a plain string: a newer hub may know types this kiosk does not. */
export const KioskJobSchema = z.object({
  id: z.string(),
  type: z.string(),
  params: z.record(z.string(), z.unknown()),
  disruptive: z.boolean(),
  createdAt: IsoDateTimeSchema,
  expiresAt: IsoDateTimeSchema,
});
export type KioskJob = z.infer<typeof KioskJobSchema>;
export const KioskJobListSchema = z.object({ jobs: z.array(KioskJobSchema) });

export const JobStateReportSchema = z
  .object({
    state: z.enum(['in-progress', 'succeeded', 'failed', 'rejected']),
    result: JobResultSchema.optional(),
    error: z.string().max(500).optional(),
  })
  .strict();
export type JobStateReport = z.infer<typeof JobStateReportSchema>;
export const JobStateAnswerSchema = z.object({ id: z.string(), state: JobStateSchema });

export const JobLogUploadSchema = z
  .object({ lines: z.array(z.string().max(MAX_LOG_LINE_CHARS)).max(MAX_LOG_UPLOAD_LINES) })
  .strict();
export type JobLogUpload = z.infer<typeof JobLogUploadSchema>;

/**
 * The only messages on the doorbell: "you have jobs", "your configuration changed" and "your content
 * bundle changed". A kiosk ignores a ring it does not know (an older agent fails this schema on 'content').
 */
export const DoorbellMessageSchema = z.object({ ring: z.enum(['jobs', 'config', 'content']) });
export type DoorbellMessage = z.infer<typeof DoorbellMessageSchema>;

/** WebSocket close codes (4000-4999 are the application's). */
export const DOORBELL_CLOSE = {
  /** The device's credential was revoked: do not reconnect with it. */
  revoked: 4001,
  /** The hub is shutting down: reconnect (to another hub process) after a jittered pause. */
  goingAway: 1001,
} as const;
