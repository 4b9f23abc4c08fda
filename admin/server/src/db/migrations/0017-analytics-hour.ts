import { sql, type Kysely } from 'kysely';

/**
 * Kiosk usage counts per hour as well as per day (issue 7, the console's heat map of journeys
 * started per kiosk and hour). `hour` is the UTC hour the kiosk counted the events in (0-23), or
 * -1 when unknown: rows kept before this step, and rows from agents that still send day counts
 * only. -1 rather than NULL because the column is part of the primary key (NULL is not allowed
 * there on PostgreSQL, and would never clash on SQLite, so resends could not add up).
 *
 * SQLite cannot change a primary key in place, so the table is rebuilt: new table, rows copied
 * (plain INSERT ... SELECT, the same on both databases), old table dropped, new one renamed.
 */
const COLUMNS = ['tenant_id', 'device_id', 'day', 'type', 'journey', 'step', 'reason', 'locale', 'modes', 'detail', 'count'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('analytics_counts_hourly')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('hour', 'integer', (c) => c.notNull().check(sql`hour between -1 and 23`))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('journey', 'text', (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('modes', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    // A new constraint name: on PostgreSQL the old table's `analytics_counts_pk` index still exists until the drop below.
    .addPrimaryKeyConstraint('analytics_counts_hour_pk', ['tenant_id', 'device_id', 'day', 'hour', 'type', 'journey', 'step', 'reason', 'locale', 'modes', 'detail'])
    .execute();
  const columns = sql.join(COLUMNS.map((c) => sql.id(c)));
  await sql`insert into ${sql.id('analytics_counts_hourly')} (${columns}, ${sql.id('hour')}) select ${columns}, -1 from ${sql.id('analytics_counts')}`.execute(db);
  await db.schema.dropTable('analytics_counts').execute();
  await db.schema.alterTable('analytics_counts_hourly').renameTo('analytics_counts').execute();
  await db.schema.createIndex('analytics_counts_tenant_day_ix').on('analytics_counts').columns(['tenant_id', 'day', 'type']).execute();
}
