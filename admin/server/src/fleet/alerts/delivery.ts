import crypto from 'node:crypto';
import { WEBHOOK_EVENT_HEADER, WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER } from '@kiosk/shared';
import type { Alert, WebhookDelivery, WebhookPayload } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import { randomId } from '../../security/tokens.js';
import { SecretUnreadableError, secretContexts } from '../../security/secret-box.js';
import type { SecretBox } from '../../security/secret-box.js';
import { siteScopeOf } from '../../modules/auth/scope.js';
import type { SessionUser } from '../../modules/auth/service.js';
import { requireRole } from '../../modules/workflow/roles.js';
import { ALERT_READERS } from './access.js';
import type { AlertTables } from './tables.js';
import { webhookOf } from './webhook-settings.js';

/**
 * Webhook delivery through a durable outbox: a row is written in the same transaction that opens
 * or resolves the alert, so a crash or a restart loses nothing; the worker POSTs due rows, signed,
 * with a timeout, and retries failures with exponential backoff until it gives up.
 */

const tables = (db: HubDb) => db.withTables<AlertTables>();
type DeliveryRow = AlertTables['fleet_alert_deliveries'];
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface DeliveryPolicy {
  readonly timeoutMs: number;
  /** After this many failed attempts the delivery is 'failed' (kept in the log). */
  readonly maxAttempts: number;
  /** Attempt n waits baseMs * 2^(n-1), at most capMs. */
  readonly backoffBaseMs: number;
  readonly backoffCapMs: number;
  /** Rows per run. */
  readonly batch: number;
}

export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = { timeoutMs: 5_000, maxAttempts: 8, backoffBaseMs: 30_000, backoffCapMs: 60 * 60_000, batch: 50 };

export function backoffMs(attempts: number, policy: DeliveryPolicy): number {
  return Math.min(policy.backoffCapMs, policy.backoffBaseMs * 2 ** Math.max(0, attempts - 1));
}

/** `sha256=` + hex HMAC-SHA256 of `<timestamp>.<body>`: what the receiver recomputes to trust the call. */
export function signature(secret: string, timestamp: string, body: string): string {
  return `sha256=${crypto.createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}

/** Call inside the transaction that changes the alert. Nothing is queued without an enabled webhook. */
export async function enqueueDelivery(db: HubDb, event: WebhookPayload['event'], alert: Alert, tenantId: string, now: Date): Promise<void> {
  const webhook = await webhookOf(db, tenantId);
  if (webhook === undefined || webhook.enabled !== 1) return;
  const id = randomId('delivery');
  const { acknowledgedBy: _who, ...shown } = alert;
  const payload: WebhookPayload = { event, deliveryId: id, tenant: tenantId, alert: shown };
  const at = now.toISOString();
  await tables(db)
    .insertInto('fleet_alert_deliveries')
    .values({ id, tenant_id: tenantId, alert_id: alert.id, event, payload: JSON.stringify(payload), state: 'pending', attempts: 0, next_attempt_at: at, last_status: null, last_error: null, created_at: at, delivered_at: null })
    .execute();
}

type Attempt = { ok: true; status: number } | { ok: false; status: number | null; error: string };

async function post(fetchImpl: FetchLike, url: string, secret: string, row: DeliveryRow, now: Date, timeoutMs: number): Promise<Attempt> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  try {
    const response = await fetchImpl(url, {
      method: 'POST',
      // Never follow a redirect: the receiver is the URL staff configured, not wherever it points.
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'kiosk-hub-alerts/1',
        [WEBHOOK_EVENT_HEADER]: row.event,
        [WEBHOOK_TIMESTAMP_HEADER]: timestamp,
        [WEBHOOK_SIGNATURE_HEADER]: signature(secret, timestamp, row.payload),
      },
      body: row.payload,
    });
    await response.arrayBuffer().catch(() => undefined);
    if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status };
    return { ok: false, status: response.status, error: `http-${response.status}` };
  } catch (error) {
    const name = (error as { name?: string }).name;
    return { ok: false, status: null, error: name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'network' };
  }
}

function openSecret(secrets: SecretBox, sealed: string, tenantId: string): string | null {
  try {
    return secrets.open(sealed, secretContexts.webhookSecret(tenantId), 'alert webhook secret');
  } catch (error) {
    if (error instanceof SecretUnreadableError) return null;
    throw error;
  }
}

export interface DeliveryRun {
  readonly delivered: number;
  readonly retrying: number;
  readonly failed: number;
}

/**
 * Claims each due row before sending (next_attempt_at moved past the timeout, only if nobody else
 * moved it), so two hub processes never post the same delivery at once.
 */
export async function deliverDueWebhooks(db: HubDb, now: Date, options: { secrets: SecretBox; fetch?: FetchLike; policy?: DeliveryPolicy }): Promise<DeliveryRun> {
  const policy = options.policy ?? DEFAULT_DELIVERY_POLICY;
  const fetchImpl = options.fetch ?? ((url, init) => fetch(url, init));
  const at = now.toISOString();
  const due = await tables(db).selectFrom('fleet_alert_deliveries').selectAll().where('state', '=', 'pending').where('next_attempt_at', '<=', at).orderBy('next_attempt_at').limit(policy.batch).execute();
  let delivered = 0;
  let retrying = 0;
  let failed = 0;
  for (const row of due) {
    const lease = new Date(now.getTime() + policy.timeoutMs * 2).toISOString();
    const claim = await tables(db)
      .updateTable('fleet_alert_deliveries')
      .set({ next_attempt_at: lease })
      .where('id', '=', row.id)
      .where('state', '=', 'pending')
      .where('next_attempt_at', '=', row.next_attempt_at)
      .executeTakeFirst();
    if (Number(claim.numUpdatedRows) !== 1) continue;
    const webhook = await webhookOf(db, row.tenant_id);
    const attempts = row.attempts + 1;
    let result: Attempt;
    if (webhook === undefined || webhook.enabled !== 1 || webhook.secret === null) result = { ok: false, status: null, error: 'webhook-removed' };
    else {
      const secret = openSecret(options.secrets, webhook.secret, row.tenant_id);
      // No key, no delivery: never an unsigned POST. Retried with backoff, so restoring the key lets it through.
      result = secret === null ? { ok: false, status: null, error: 'secret-unreadable' } : await post(fetchImpl, webhook.url, secret, row, now, policy.timeoutMs);
    }
    const update = tables(db).updateTable('fleet_alert_deliveries').where('id', '=', row.id);
    if (result.ok) {
      await update.set({ state: 'delivered', attempts, last_status: result.status, last_error: null, next_attempt_at: null, delivered_at: at }).execute();
      delivered += 1;
    } else if (attempts >= policy.maxAttempts || result.error === 'webhook-removed') {
      await update.set({ state: 'failed', attempts, last_status: result.status, last_error: result.error, next_attempt_at: null }).execute();
      failed += 1;
    } else {
      const next = new Date(now.getTime() + backoffMs(attempts, policy)).toISOString();
      await update.set({ attempts, last_status: result.status, last_error: result.error, next_attempt_at: next }).execute();
      retrying += 1;
    }
  }
  return { delivered, retrying, failed };
}

/** The console's delivery log: the latest deliveries of the municipality, newest first. */
export async function listDeliveries(db: HubDb, user: SessionUser, limit = 50): Promise<WebhookDelivery[]> {
  requireRole(user, ALERT_READERS, 'see the webhook delivery log');
  const site = siteScopeOf(user);
  let query = tables(db).selectFrom('fleet_alert_deliveries').selectAll().where('tenant_id', '=', user.tenantId);
  // A staff member scoped to one site sees only deliveries about that site's kiosks.
  if (site !== null) {
    query = query.where('alert_id', 'in', (eb) =>
      eb.selectFrom('fleet_alerts').innerJoin('devices', 'devices.id', 'fleet_alerts.device_id').select('fleet_alerts.id').where('devices.site', '=', site),
    );
  }
  const rows = await query.orderBy('created_at', 'desc').orderBy('id').limit(limit).execute();
  return rows.map((row) => ({
    id: row.id,
    event: row.event,
    alertId: row.alert_id,
    state: row.state,
    attempts: Number(row.attempts),
    lastStatus: row.last_status === null ? null : Number(row.last_status),
    lastError: row.last_error,
    createdAt: row.created_at,
    nextAttemptAt: row.state === 'pending' ? row.next_attempt_at : null,
    deliveredAt: row.delivered_at,
  }));
}
