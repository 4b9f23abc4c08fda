/**
 * The numbers and addresses this module runs on, with named defaults. `loadNotificationSettings`
 * takes the environment as an argument (the hub reads process.env in one place only).
 */

/** Figures cover the cases closed in this many days before now. */
export const DEFAULT_FIGURES_WINDOW_DAYS = 90;
/** Below this many closed cases a service shows no figures: too few to mean much, and too few to stay anonymous. */
export const DEFAULT_FIGURES_MIN_SAMPLE = 5;
/** Personal fields of a closed case are kept this long unless the tenant set its own period. */
export const DEFAULT_RETENTION_DAYS = 730;
/** Shortest and longest retention a tenant may set. */
export const MIN_RETENTION_DAYS = 1;
export const MAX_RETENTION_DAYS = 3650;
/** Closed cases anonymised per tenant per run, so one run never holds a long transaction. */
export const DEFAULT_RETENTION_BATCH = 500;
/** A notification is given up ("dead") after this many failed attempts. */
export const DEFAULT_MAX_ATTEMPTS = 6;
/** First retry waits this long; each next one doubles, up to the cap. */
export const DEFAULT_RETRY_BASE_MS = 60_000;
export const DEFAULT_RETRY_CAP_MS = 6 * 60 * 60 * 1000;
/** A claimed notification is retried after this long if its sender died mid-send. */
export const DEFAULT_SEND_LEASE_MS = 5 * 60 * 1000;
/** Notifications sent per runner call. */
export const DEFAULT_OUTBOX_BATCH = 50;
/** Deadline of one SMTP or webhook delivery. */
export const DEFAULT_SEND_TIMEOUT_MS = 15_000;

export interface OutboxPolicy {
  readonly maxAttempts: number;
  readonly retryBaseMs: number;
  readonly retryCapMs: number;
  readonly leaseMs: number;
  readonly batchSize: number;
}

export const DEFAULT_OUTBOX_POLICY: OutboxPolicy = {
  maxAttempts: DEFAULT_MAX_ATTEMPTS,
  retryBaseMs: DEFAULT_RETRY_BASE_MS,
  retryCapMs: DEFAULT_RETRY_CAP_MS,
  leaseMs: DEFAULT_SEND_LEASE_MS,
  batchSize: DEFAULT_OUTBOX_BATCH,
};

export interface SmtpSettings {
  /** smtp://user:pass@host:port or smtps://... */
  readonly url: string;
  readonly from: string;
  readonly timeoutMs: number;
}

export interface SmsWebhookSettings {
  readonly url: string;
  /** Sent as `Authorization: Bearer <token>` when set. */
  readonly token: string | null;
  readonly timeoutMs: number;
}

export interface NotificationSettings {
  readonly smtp: SmtpSettings | null;
  readonly sms: SmsWebhookSettings | null;
  readonly outbox: OutboxPolicy;
}

export class NotificationSettingsError extends Error {
  override name = 'NotificationSettingsError';
}

type Env = Readonly<Record<string, string | undefined>>;

function positiveInt(env: Env, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) throw new NotificationSettingsError(`${name} must be a positive integer, got "${value}"`);
  return parsed;
}

function url(env: Env, name: string, schemes: readonly string[]): string | null {
  const value = env[name];
  if (value === undefined || value === '') return null;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new NotificationSettingsError(`${name} is not a URL`);
  }
  if (!schemes.includes(parsed.protocol)) throw new NotificationSettingsError(`${name} must start with ${schemes.join(' or ')}`);
  return value;
}

/** NOTIFY_SMTP_URL + NOTIFY_FROM enable e-mail; NOTIFY_SMS_WEBHOOK_URL (+ _TOKEN) enables SMS. */
export function loadNotificationSettings(env: Env): NotificationSettings {
  const timeoutMs = positiveInt(env, 'NOTIFY_SEND_TIMEOUT_MS', DEFAULT_SEND_TIMEOUT_MS);
  const smtpUrl = url(env, 'NOTIFY_SMTP_URL', ['smtp:', 'smtps:']);
  const from = env['NOTIFY_FROM'] ?? '';
  if (smtpUrl !== null && from === '') throw new NotificationSettingsError('NOTIFY_FROM is required when NOTIFY_SMTP_URL is set');
  const smsUrl = url(env, 'NOTIFY_SMS_WEBHOOK_URL', ['http:', 'https:']);
  return {
    smtp: smtpUrl === null ? null : { url: smtpUrl, from, timeoutMs },
    sms: smsUrl === null ? null : { url: smsUrl, token: env['NOTIFY_SMS_WEBHOOK_TOKEN'] || null, timeoutMs },
    outbox: {
      maxAttempts: positiveInt(env, 'NOTIFY_MAX_ATTEMPTS', DEFAULT_MAX_ATTEMPTS),
      retryBaseMs: positiveInt(env, 'NOTIFY_RETRY_BASE_MS', DEFAULT_RETRY_BASE_MS),
      retryCapMs: positiveInt(env, 'NOTIFY_RETRY_CAP_MS', DEFAULT_RETRY_CAP_MS),
      leaseMs: positiveInt(env, 'NOTIFY_SEND_LEASE_MS', DEFAULT_SEND_LEASE_MS),
      batchSize: positiveInt(env, 'NOTIFY_OUTBOX_BATCH', DEFAULT_OUTBOX_BATCH),
    },
  };
}
