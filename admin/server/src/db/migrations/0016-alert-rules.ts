import type { Kysely } from 'kysely';

/**
 * Alert rules on kiosk status, the alerts they open, and their delivery to a webhook per
 * municipality through a durable outbox (issue 7). Portable types only: datetimes are ISO text,
 * flags are 0/1, JSON is text.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('fleet_alert_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('condition', 'text', (c) => c.notNull())
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('threshold', 'integer')
    .addColumn('site', 'text')
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('fleet_alert_rules_tenant').on('fleet_alert_rules').column('tenant_id').execute();

  // No foreign key to the rule: a deleted rule's alerts stay in the inbox history under its old name.
  await db.schema
    .createTable('fleet_alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('rule_name', 'text', (c) => c.notNull())
    .addColumn('condition', 'text', (c) => c.notNull())
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
    // pending (condition seen, not long enough yet) | open | acknowledged | resolved
    .addColumn('state', 'text', (c) => c.notNull())
    // `<rule>:<device>` while not resolved, null after: at most one live alert per rule and kiosk,
    // even with two hub processes evaluating at once (NULLs never collide).
    .addColumn('active_key', 'text', (c) => c.unique())
    .addColumn('since', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text')
    .addColumn('acknowledged_at', 'text')
    .addColumn('acknowledged_by', 'text')
    .addColumn('resolved_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('fleet_alerts_tenant_state').on('fleet_alerts').columns(['tenant_id', 'state']).execute();

  await db.schema
    .createTable('fleet_alert_webhooks')
    .addColumn('tenant_id', 'text', (c) => c.primaryKey().references('tenants.id'))
    .addColumn('url', 'text', (c) => c.notNull())
    // Kept as given: an HMAC needs the secret itself. Never returned by the API, never logged.
    .addColumn('secret', 'text')
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('fleet_alert_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('alert_id', 'text', (c) => c.notNull().references('fleet_alerts.id'))
    // alert.opened | alert.resolved
    .addColumn('event', 'text', (c) => c.notNull())
    // The JSON body, fixed when enqueued: every retry sends the same bytes.
    .addColumn('payload', 'text', (c) => c.notNull())
    // pending | delivered | failed
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text')
    .addColumn('last_status', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text')
    .execute();
  await db.schema.createIndex('fleet_alert_deliveries_due').on('fleet_alert_deliveries').columns(['state', 'next_attempt_at']).execute();
  await db.schema.createIndex('fleet_alert_deliveries_tenant').on('fleet_alert_deliveries').columns(['tenant_id', 'created_at']).execute();
}
