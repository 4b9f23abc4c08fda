import type { HubDb } from '../../db/database.js';
import type { NotificationTables } from '../notifications/tables.js';

/**
 * Stand-in until notifications/outbox.ts offers it (see the hand-over report): cancels a queued,
 * not yet sent message by its dedupe key, blanking its personal parts as markCancelled does.
 * A cancelled or moved appointment must not get the reminder of its old time.
 */
export async function cancelPendingByDedupeKey(db: HubDb, tenantId: string, dedupeKeys: readonly string[]): Promise<number> {
  if (dedupeKeys.length === 0) return 0;
  const result = await db
    .withTables<NotificationTables>()
    .updateTable('notification_outbox')
    .set({ state: 'cancelled', recipient: '', subject: '', body: '' })
    .where('tenant_id', '=', tenantId)
    .where('dedupe_key', 'in', [...dedupeKeys])
    .where('state', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * The channel a queued message went (or goes) out on, found by its dedupe key: a rescheduled
 * appointment is notified again on the channel its citizen consented to at booking.
 */
export async function findChannelByDedupeKey(db: HubDb, tenantId: string, dedupeKey: string): Promise<NotificationTables['notification_outbox']['channel'] | undefined> {
  const row = await db
    .withTables<NotificationTables>()
    .selectFrom('notification_outbox')
    .select('channel')
    .where('tenant_id', '=', tenantId)
    .where('dedupe_key', '=', dedupeKey)
    .executeTakeFirst();
  return row?.channel;
}
