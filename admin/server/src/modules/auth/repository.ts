import type { HubDb } from '../../db/database.js';
import type { SessionsTable, UsersTable } from '../../db/schema.js';

export type UserRow = UsersTable;
export type SessionRow = SessionsTable;

export async function findUserByUsername(db: HubDb, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function findUserById(db: HubDb, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function countTenantUsers(db: HubDb, tenantId: string): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('tenant_id', '=', tenantId)
    .executeTakeFirstOrThrow();
  // PostgreSQL returns count(*) as a bigint string, SQLite as a number.
  return Number(row.n);
}

export async function insertUser(db: HubDb, user: UserRow): Promise<void> {
  await db.insertInto('users').values(user).execute();
}

export async function insertSession(db: HubDb, session: SessionRow): Promise<void> {
  await db.insertInto('sessions').values(session).execute();
}

export async function findSession(db: HubDb, idHash: string): Promise<SessionRow | undefined> {
  return db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
}

export async function touchSession(db: HubDb, idHash: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id_hash', '=', idHash).execute();
}

export async function deleteSession(db: HubDb, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

/** Sessions past their absolute end; idle ones are caught at use and on the user's next login. */
export async function deleteExpiredSessions(db: HubDb, now: string): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}

export async function deleteIdleSessionsOfUser(db: HubDb, userId: string, idleBefore: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).where('last_seen_at', '<', idleBefore).execute();
}

export async function deleteSessionsOfUser(db: HubDb, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export async function updateSession(db: HubDb, idHash: string, changes: Partial<Pick<SessionRow, 'stage' | 'pending_totp_secret' | 'last_seen_at'>>): Promise<void> {
  await db.updateTable('sessions').set(changes).where('id_hash', '=', idHash).execute();
}

export async function updateUser(
  db: HubDb,
  id: string,
  changes: Partial<Pick<UserRow, 'role' | 'site_id' | 'disabled_at' | 'password_hash' | 'totp_secret' | 'totp_last_step'>>,
): Promise<void> {
  await db.updateTable('users').set(changes).where('id', '=', id).execute();
}

/** Accepts a TOTP step only if it is newer than the last accepted one (compare-and-set: two tabs cannot both use one code). */
export async function claimTotpStep(db: HubDb, userId: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
