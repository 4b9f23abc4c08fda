import type { Kysely } from 'kysely';

/**
 * Walk-in turns per service ("walk-in turn when the service allows it"). `appt_services.walk_in`:
 * 1 the kiosk of the office hands out turns without appointment for the service, 0 the service is
 * by appointment only (e.g. tax inspection). Every service of an upgraded hub keeps 1, which is how
 * it behaved before. Integer 0/1 like the other flags: the same column and code on SQLite and
 * PostgreSQL (SQLite adds a NOT NULL column only with a default, which this one has).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('appt_services').addColumn('walk_in', 'integer', (c) => c.notNull().defaultTo(1)).execute();
}

/** Back to before 0021 (the step-by-step migration tests walk down past it). */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('appt_services').dropColumn('walk_in').execute();
}
