import { Migrator, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { isUniqueViolation } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { staticMigrationProvider } from '../src/db/migrations/index.js';
import type { DeviceConfigTables } from '../src/fleet/config/tables.js';
import { DIALECTS, openEmptyDatabase } from './helpers/hub.js';

// Migration 0018 adds the rollout kind, held bundle version and content revision to fleet_rollouts.
// A hub upgraded with configuration rollouts in it keeps them as kind 'config'; the partial unique
// index admits one running content rollout per municipality, and any number of other rollouts.

const row = (id: string, kind: 'config' | 'content', state: 'running' | 'completed' | 'aborted') => ({
  id,
  tenant_id: 't1',
  kind,
  state,
  plan: '{}',
  current_ring: 0,
  ring_started_at: '2025-03-01T10:00:00Z',
  abort_reason: null,
  created_by: 'u1',
  created_at: '2025-03-01T10:00:00Z',
  updated_at: '2025-03-01T10:00:00Z',
  held_bundle_version: kind === 'content' ? 1 : null,
  content_revision: kind === 'content' ? 2 : null,
});

describe.each(DIALECTS)('migration 0018-content-rollouts (%s)', (dialect) => {
  let cleanup: () => Promise<void> = async () => {};

  afterEach(async () => cleanup());

  it('keeps earlier rollouts as configuration rollouts and lets one content rollout run per municipality', async () => {
    const empty = await openEmptyDatabase(dialect);
    cleanup = empty.cleanup;
    const db = empty.opened.db;
    expect((await new Migrator({ db, provider: staticMigrationProvider }).migrateTo('0017-analytics-hour')).error).toBeUndefined();
    await sql`insert into tenants (id, jurisdiction_id, name, time_zone, default_locale, office_address, contact, created_at)
      values ('t1', 'j1', 'Villa', 'Europe/Madrid', 'es', 'Plaza 1', '', '2025-01-01T00:00:00Z')`.execute(db);
    await sql`insert into fleet_rollouts (id, tenant_id, state, plan, current_ring, ring_started_at, abort_reason, created_by, created_at, updated_at)
      values ('old', 't1', 'running', '{}', 0, '2025-03-01T10:00:00Z', null, 'u1', '2025-03-01T10:00:00Z', '2025-03-01T10:00:00Z')`.execute(db);

    expect(await migrateToLatest(db)).toContain('0018-content-rollouts');

    const t = db.withTables<DeviceConfigTables>();
    expect(await t.selectFrom('fleet_rollouts').select(['kind', 'held_bundle_version', 'content_revision']).where('id', '=', 'old').executeTakeFirst()).toEqual({
      kind: 'config',
      held_bundle_version: null,
      content_revision: null,
    });
    await t.insertInto('fleet_rollouts').values([row('c1', 'content', 'running'), row('c0', 'content', 'completed'), row('cfg', 'config', 'running')]).execute();
    const second = await t.insertInto('fleet_rollouts').values(row('c2', 'content', 'running')).execute().catch((error: unknown) => error);
    expect(isUniqueViolation(second)).toBe(true);
    // Once the first is no longer running, another may start.
    await t.updateTable('fleet_rollouts').set({ state: 'aborted' }).where('id', '=', 'c1').execute();
    await t.insertInto('fleet_rollouts').values(row('c2', 'content', 'running')).execute();
  });
});
