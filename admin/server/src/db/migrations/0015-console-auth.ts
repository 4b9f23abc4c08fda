import type { Kysely } from 'kysely';

/**
 * Console sign-in hardening (issue 7): a TOTP second factor per user, a site scope per user, a
 * session stage (a password alone opens only a "second-factor" session for admins), and the
 * counters that rate-limit failed sign-ins and codes across every hub process.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // One column per statement: SQLite's ALTER TABLE adds a single column at a time.
  // Base32 TOTP secret, set once enrolment is confirmed; never sent back to any client.
  await db.schema.alterTable('users').addColumn('totp_secret', 'text').execute();
  // The last accepted TOTP time step: a code at or before it is a replay.
  await db.schema.alterTable('users').addColumn('totp_last_step', 'integer').execute();
  // null = every site of the tenant.
  await db.schema.alterTable('users').addColumn('site_id', 'text').execute();

  // 'full' or 'second-factor' (password checked, code still due). Existing sessions stay full.
  await db.schema.alterTable('sessions').addColumn('stage', 'text', (c) => c.notNull().defaultTo('full')).execute();
  // The secret offered during enrolment, until the first good code makes it the user's.
  await db.schema.alterTable('sessions').addColumn('pending_totp_secret', 'text').execute();

  await db.schema
    .createTable('auth_throttle')
    // 'login:<username>', 'ip:<address>' or 'totp:<user id>'.
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_started_at', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('auth_throttle').execute();
  await db.schema.alterTable('sessions').dropColumn('pending_totp_secret').execute();
  await db.schema.alterTable('sessions').dropColumn('stage').execute();
  await db.schema.alterTable('users').dropColumn('site_id').execute();
  await db.schema.alterTable('users').dropColumn('totp_last_step').execute();
  await db.schema.alterTable('users').dropColumn('totp_secret').execute();
}
