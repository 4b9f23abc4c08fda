import { Migrator, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../src/db/migrate.js';
import { staticMigrationProvider } from '../src/db/migrations/index.js';
import type { IntakeTables } from '../src/fleet/analytics/tables.js';
import { DIALECTS, openEmptyDatabase } from './helpers/hub.js';

// Migration 0017 rebuilds analytics_counts with an `hour` in its primary key. A hub upgraded with
// counts already in it keeps every one of them, as "hour unknown" (-1), and afterwards takes the
// same combination once per hour.

const KEY = { tenant_id: 't1', device_id: 'd1', type: 'journey.started', journey: 'request', step: '', reason: '', locale: 'es', modes: '', detail: '' };

describe.each(DIALECTS)('migration 0017-analytics-hour (%s)', (dialect) => {
  let cleanup: () => Promise<void> = async () => {};

  afterEach(async () => cleanup());

  it('keeps the counts of before as hour unknown, and then counts per hour', async () => {
    const empty = await openEmptyDatabase(dialect);
    cleanup = empty.cleanup;
    const db = empty.opened.db;
    const before = await new Migrator({ db, provider: staticMigrationProvider }).migrateTo('0016-alert-rules');
    expect(before.error).toBeUndefined();
    await sql`insert into tenants (id, jurisdiction_id, name, time_zone, default_locale, office_address, contact, created_at)
      values ('t1', 'j1', 'Villa', 'Europe/Madrid', 'es', 'Plaza 1', '', '2025-01-01T00:00:00Z')`.execute(db);
    await sql`insert into analytics_counts (tenant_id, device_id, day, type, journey, step, reason, locale, modes, detail, count)
      values ('t1', 'd1', '2025-03-01', 'journey.started', 'request', '', '', 'es', '', '', 5),
             ('t1', 'd1', '2025-03-02', 'journey.started', 'request', '', '', 'es', '', '', 2)`.execute(db);

    expect(await migrateToLatest(db)).toContain('0017-analytics-hour');

    const t = db.withTables<IntakeTables>();
    const rows = await t.selectFrom('analytics_counts').select(['day', 'hour', 'count']).orderBy('day').execute();
    expect(rows.map((r) => [r.day, Number(r.hour), Number(r.count)])).toEqual([
      ['2025-03-01', -1, 5],
      ['2025-03-02', -1, 2],
    ]);
    // The same combination on the same day, now per hour: separate rows, not a clash.
    await t.insertInto('analytics_counts').values([{ ...KEY, day: '2025-03-01', hour: 9, count: 1 }, { ...KEY, day: '2025-03-01', hour: 10, count: 1 }]).execute();
    // The same hour twice is still one key.
    await expect(t.insertInto('analytics_counts').values({ ...KEY, day: '2025-03-01', hour: 9, count: 1 }).execute()).rejects.toThrow();
    // Hours outside 0-23 (and -1) are refused by the table itself.
    await expect(t.insertInto('analytics_counts').values({ ...KEY, day: '2025-03-01', hour: 24, count: 1 }).execute()).rejects.toThrow();
    expect(await t.selectFrom('analytics_counts').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).toEqual({ n: dialect === 'postgres' ? '4' : 4 });
  });
});
