import { sql, type Kysely } from 'kysely';

/**
 * The console's roles (issue 7) take the names staff use: the office manager who keeps content
 * and calendars is a content `editor`, the fleet role is an `operator`, the read-only analyst is a
 * `viewer`. Same rights as before under the new names; `down` restores the old ones.
 */
const RENAMES: ReadonlyArray<readonly [string, string]> = [
  ['manager', 'editor'],
  ['fleet', 'operator'],
  ['analyst', 'viewer'],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [from, to] of RENAMES) await sql`update users set role = ${to} where role = ${from}`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [from, to] of RENAMES) await sql`update users set role = ${from} where role = ${to}`.execute(db);
}
