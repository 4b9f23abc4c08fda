import type { WebhookInputSchema, WebhookView } from '@kiosk/shared';
import type { z } from 'zod';
import type { HubDb } from '../../db/database.js';
import { badRequest, notFound } from '../../http/problems.js';
import type { SessionUser } from '../../modules/auth/service.js';
import { secretContexts } from '../../security/secret-box.js';
import type { SecretBox } from '../../security/secret-box.js';
import { recordAudit } from '../../modules/workflow/audit.js';
import type { Actor } from '../../modules/workflow/audit.js';
import { requireRole } from '../../modules/workflow/roles.js';
import { ALERT_EDITORS, ALERT_READERS } from './access.js';
import type { AlertTables } from './tables.js';

/** One webhook per municipality: where alerts are POSTed, and the secret that signs them. */

const tables = (db: HubDb) => db.withTables<AlertTables>();
export type WebhookRow = AlertTables['fleet_alert_webhooks'];

export async function webhookOf(db: HubDb, tenantId: string): Promise<WebhookRow | undefined> {
  return tables(db).selectFrom('fleet_alert_webhooks').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
}

/** The secret never leaves the hub again: only whether there is one. */
function view(row: WebhookRow | undefined): WebhookView {
  if (row === undefined) return { url: null, hasSecret: false, enabled: false, updatedAt: null };
  return { url: row.url, hasSecret: row.secret !== null, enabled: row.enabled === 1, updatedAt: row.updated_at };
}

export async function readWebhook(db: HubDb, user: SessionUser): Promise<WebhookView> {
  requireRole(user, ALERT_READERS, 'see the alert webhook');
  return view(await webhookOf(db, user.tenantId));
}

/** The host only in the audit trail: a URL's path or query may carry a token of the receiver. */
const hostOf = (url: string) => new URL(url).host;

/** The secret is stored sealed (secrets); an unchanged one is kept as stored, never opened here. */
export async function saveWebhook(db: HubDb, secrets: SecretBox, actor: Actor, input: z.output<typeof WebhookInputSchema>, now: Date): Promise<WebhookView> {
  requireRole(actor.user, ALERT_EDITORS, 'change the alert webhook');
  const tenantId = actor.user.tenantId;
  const current = await webhookOf(db, tenantId);
  const secret = input.secret !== null && input.secret !== undefined ? secrets.seal(input.secret, secretContexts.webhookSecret(tenantId)) : (current?.secret ?? null);
  if (secret === null) throw badRequest('webhook-secret-missing', 'a new webhook needs a secret (16 characters or more) to sign its deliveries');
  const at = now.toISOString();
  const row: WebhookRow = { tenant_id: tenantId, url: input.url, secret, enabled: input.enabled ? 1 : 0, updated_by: actor.user.userId, updated_at: at };
  await db.transaction().execute(async (trx) => {
    await tables(trx)
      .insertInto('fleet_alert_webhooks')
      .values(row)
      .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ url: row.url, secret: row.secret, enabled: row.enabled, updated_by: row.updated_by, updated_at: at }))
      .execute();
    await recordAudit(trx, actor, {
      action: 'alert-webhook.saved',
      targetType: 'alert-webhook',
      targetId: tenantId,
      details: { host: hostOf(input.url), enabled: input.enabled, secretChanged: input.secret !== null && input.secret !== undefined },
      at: now,
    });
  });
  return view(row);
}

/** Removing the webhook: pending deliveries fail at their next attempt (no address any more). */
export async function removeWebhook(db: HubDb, actor: Actor, now: Date): Promise<void> {
  requireRole(actor.user, ALERT_EDITORS, 'change the alert webhook');
  const tenantId = actor.user.tenantId;
  if ((await webhookOf(db, tenantId)) === undefined) throw notFound('webhook-not-found', 'this municipality has no alert webhook');
  await db.transaction().execute(async (trx) => {
    await tables(trx).deleteFrom('fleet_alert_webhooks').where('tenant_id', '=', tenantId).execute();
    await recordAudit(trx, actor, { action: 'alert-webhook.removed', targetType: 'alert-webhook', targetId: tenantId, details: {}, at: now });
  });
}
