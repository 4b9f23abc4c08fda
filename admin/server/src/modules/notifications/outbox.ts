import type { KioskLocale } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import { randomId } from '../../security/tokens.js';
import { claimRow, consentOf, insertOutboxRow, listDueRows, markCancelled, markFailed, markSent } from './outbox-repository.js';
import type { OutboxRow } from './outbox-repository.js';
import { DEFAULT_OUTBOX_POLICY } from './settings.js';
import type { OutboxPolicy } from './settings.js';
import type { NotificationChannel } from './tables.js';
import { renderNotification } from './templates.js';
import type { NotificationParams } from './templates.js';
import { DeliveryError } from './transport.js';
import type { NotificationTransports } from './transport.js';

const EMAIL_PATTERN = /^[^\s@<>(),;:"]{1,64}@[^\s@<>(),;:"]{1,255}\.[^\s@<>(),;:"]{2,}$/;
const PHONE_PATTERN = /^\+?[0-9]{6,15}$/;

export interface NotificationRequest {
  readonly tenantId: string;
  readonly channel: NotificationChannel;
  /** An e-mail address or a phone number, per channel. */
  readonly recipient: string;
  /** The citizen's recorded consent for this channel. Without it nothing is queued. */
  readonly consent: boolean;
  readonly locale: KioskLocale;
  readonly params: NotificationParams;
  /** The case it is about: sending re-checks that case's consent, and erasure removes it. */
  readonly requestId?: string | null;
  /** The same key twice queues once (e.g. `appointment-reminder:<ref>`). */
  readonly dedupeKey?: string | null;
  readonly at: Date;
}

export type EnqueueResult =
  | { readonly queued: true; readonly id: string }
  | { readonly queued: false; readonly reason: 'no-consent' | 'invalid-recipient' | 'duplicate' };

/** Spaces, dots and dashes people type in phone numbers go; what is left must be digits. */
export function normaliseRecipient(channel: NotificationChannel, recipient: string): string | null {
  const trimmed = recipient.trim();
  if (channel === 'email') return EMAIL_PATTERN.test(trimmed) ? trimmed : null;
  const phone = trimmed.replace(/[\s().-]/g, '');
  return PHONE_PATTERN.test(phone) ? phone : null;
}

/**
 * Queues one message for the outbox runner, in the caller's transaction if it passes one (so a
 * status change and its notification commit together). The appointments module calls this for
 * confirmations and day-before reminders.
 */
export async function enqueueNotification(db: HubDb, request: NotificationRequest): Promise<EnqueueResult> {
  if (!request.consent) return { queued: false, reason: 'no-consent' };
  const recipient = normaliseRecipient(request.channel, request.recipient);
  if (recipient === null) return { queued: false, reason: 'invalid-recipient' };
  const message = renderNotification(request.locale, request.channel, request.params);
  const id = randomId('ntf');
  const at = request.at.toISOString();
  const inserted = await insertOutboxRow(db, {
    id,
    tenant_id: request.tenantId,
    kind: request.params.kind,
    channel: request.channel,
    recipient,
    locale: request.locale,
    subject: message.subject,
    body: message.body,
    request_id: request.requestId ?? null,
    dedupe_key: request.dedupeKey ?? null,
    state: 'pending',
    attempts: 0,
    next_attempt_at: at,
    last_error: null,
    created_at: at,
    sent_at: null,
  });
  return inserted ? { queued: true, id } : { queued: false, reason: 'duplicate' };
}

/** Exponential: base, 2x base, 4x base... after the 1st, 2nd, 3rd failure, never above the cap. */
export function retryDelayMs(failedAttempts: number, policy: OutboxPolicy): number {
  const exponent = Math.max(0, failedAttempts - 1);
  return Math.min(policy.retryCapMs, policy.retryBaseMs * 2 ** Math.min(exponent, 30));
}

export interface OutboxRunResult {
  sent: number;
  retrying: number;
  dead: number;
  cancelled: number;
}

async function sendOne(db: HubDb, row: OutboxRow, transports: NotificationTransports, now: Date, policy: OutboxPolicy): Promise<keyof OutboxRunResult | null> {
  const leaseUntil = new Date(now.getTime() + policy.leaseMs).toISOString();
  if (!(await claimRow(db, row, leaseUntil))) return null;
  const attempts = row.attempts + 1;
  const transport = transports[row.channel];
  try {
    if (transport === undefined) throw new DeliveryError('no transport', false);
    await transport.send({ id: row.id, to: row.recipient, subject: row.subject, body: row.body, locale: row.locale });
    await markSent(db, row.id, now.toISOString());
    return 'sent';
  } catch (error) {
    const failure = error instanceof DeliveryError ? error : new DeliveryError('internal', false);
    const giveUp = failure.permanent || attempts >= policy.maxAttempts;
    const next = giveUp ? null : new Date(now.getTime() + retryDelayMs(attempts, policy)).toISOString();
    await markFailed(db, row.id, failure.code, next);
    return giveUp ? 'dead' : 'retrying';
  }
}

/**
 * Sends what is due at `now`, one message at a time, and schedules retries. Messages about a case
 * whose citizen withdrew consent are cancelled, not sent. Channels with no transport wait.
 * The hub's scheduler calls this every few seconds; tests call it directly with their own clock.
 */
export async function runNotificationOutbox(
  db: HubDb,
  transports: NotificationTransports,
  now: Date,
  policy: OutboxPolicy = DEFAULT_OUTBOX_POLICY,
): Promise<OutboxRunResult> {
  const result: OutboxRunResult = { sent: 0, retrying: 0, dead: 0, cancelled: 0 };
  const channels = (Object.keys(transports) as NotificationChannel[]).filter((c) => transports[c] !== undefined);
  const due = await listDueRows(db, channels, now.toISOString(), policy.batchSize);
  for (const row of due) {
    if (row.request_id !== null) {
      const consent = await consentOf(db, row.tenant_id, [row.request_id]);
      if (consent.get(row.request_id) !== true) {
        await markCancelled(db, row.id);
        result.cancelled += 1;
        continue;
      }
    }
    const outcome = await sendOne(db, row, transports, now, policy);
    if (outcome !== null) result[outcome] += 1;
  }
  return result;
}
