import { Migrator, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../src/db/migrate.js';
import { staticMigrationProvider } from '../src/db/migrations/index.js';
import { appointmentTables } from '../src/modules/appointments/office-repository.js';
import { DIALECTS, openEmptyDatabase } from './helpers/hub.js';

// Migration 0021 adds appt_services.walk_in. A hub upgraded with services in it keeps handing out
// walk-in turns for all of them (1), as before; a new service may be appointment-only (0).

describe.each(DIALECTS)('migration 0021-service-walk-in (%s)', (dialect) => {
  let cleanup: () => Promise<void> = async () => {};

  afterEach(async () => cleanup());

  it('keeps walk-ins on for existing services and stores appointment-only ones', async () => {
    const empty = await openEmptyDatabase(dialect);
    cleanup = empty.cleanup;
    const db = empty.opened.db;
    expect((await new Migrator({ db, provider: staticMigrationProvider }).migrateTo('0020-encrypt-secrets')).error).toBeUndefined();
    await sql`insert into tenants (id, jurisdiction_id, name, time_zone, default_locale, office_address, contact, created_at)
      values ('t1', 'j1', 'Villa', 'Europe/Madrid', 'es', 'Plaza 1', '', '2025-01-01T00:00:00Z')`.execute(db);
    await sql`insert into appt_offices (tenant_id, code, name, address, time_zone, position, active, created_at)
      values ('t1', 'oac', 'Oficina', 'Plaza 1', 'Europe/Madrid', 0, 1, '2025-01-01T00:00:00Z')`.execute(db);
    await sql`insert into appt_services (tenant_id, office_code, code, names, turn_letter, slot_minutes, capacity, position, active)
      values ('t1', 'oac', 'padron', '{"es":"Padrón"}', 'A', 15, 1, 0, 1)`.execute(db);

    expect(await migrateToLatest(db)).toContain('0021-service-walk-in');

    const t = appointmentTables(db);
    expect(await t.selectFrom('appt_services').select(['code', 'walk_in']).execute()).toEqual([{ code: 'padron', walk_in: 1 }]);
    await t
      .insertInto('appt_services')
      .values({ tenant_id: 't1', office_code: 'oac', code: 'tributos', names: '{}', turn_letter: 'C', slot_minutes: 20, capacity: 1, position: 1, active: 1, walk_in: 0 })
      .execute();
    expect(await t.selectFrom('appt_services').select(['code', 'walk_in']).orderBy('position').execute()).toEqual([
      { code: 'padron', walk_in: 1 },
      { code: 'tributos', walk_in: 0 },
    ]);
  });
});
