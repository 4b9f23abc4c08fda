import type { HubDb } from '../../db/database.js';
import { unauthorised } from '../../http/problems.js';
import { hashPassword, verifyAgainstDecoy, verifyPassword } from '../../security/passwords.js';
import { SESSION_ID_BYTES, randomId, randomToken, sha256Hex } from '../../security/tokens.js';
import {
  deleteExpiredSessions,
  deleteIdleSessionsOfUser,
  deleteSession,
  findSession,
  findUserById,
  findUserByUsername,
  insertSession,
  insertUser,
  touchSession,
} from './repository.js';
import type { UserRow } from './repository.js';

/** Write `last_seen_at` at most this often: a busy console should not write on every click. */
export const SESSION_TOUCH_INTERVAL_MS = 60_000;

export interface SessionPolicy {
  readonly idleMs: number;
  readonly absoluteMs: number;
}

export interface SessionUser {
  readonly userId: string;
  readonly tenantId: string;
  readonly username: string;
  readonly role: UserRow['role'];
}

export async function createUser(
  db: HubDb,
  input: { tenantId: string; username: string; password: string; role: UserRow['role'] },
  now = new Date(),
): Promise<string> {
  const id = randomId('user');
  await insertUser(db, {
    id,
    tenant_id: input.tenantId,
    username: input.username,
    password_hash: await hashPassword(input.password),
    role: input.role,
    created_at: now.toISOString(),
    disabled_at: null,
  });
  return id;
}

const BAD_LOGIN = 'wrong username or password';

/** Checks the password and opens a session; returns the cookie value (shown to nobody else). */
export async function logIn(
  db: HubDb,
  username: string,
  password: string,
  policy: SessionPolicy,
  now = new Date(),
): Promise<{ sessionId: string; user: SessionUser }> {
  const user = await findUserByUsername(db, username);
  if (user === undefined) {
    await verifyAgainstDecoy(password);
    throw unauthorised(BAD_LOGIN);
  }
  const valid = await verifyPassword(user.password_hash, password);
  if (!valid || user.disabled_at !== null) throw unauthorised(BAD_LOGIN);

  const sessionId = randomToken(SESSION_ID_BYTES);
  const at = now.toISOString();
  await deleteExpiredSessions(db, at);
  await deleteIdleSessionsOfUser(db, user.id, new Date(now.getTime() - policy.idleMs).toISOString());
  await insertSession(db, {
    id_hash: sha256Hex(sessionId),
    tenant_id: user.tenant_id,
    user_id: user.id,
    created_at: at,
    last_seen_at: at,
    expires_at: new Date(now.getTime() + policy.absoluteMs).toISOString(),
  });
  return { sessionId, user: { userId: user.id, tenantId: user.tenant_id, username: user.username, role: user.role } };
}

/** The user behind a cookie value, or null when it is unknown, idle too long, expired or disabled. */
export async function resolveSession(
  db: HubDb,
  sessionId: string | undefined,
  policy: SessionPolicy,
  now = new Date(),
): Promise<SessionUser | null> {
  if (sessionId === undefined || sessionId === '') return null;
  const idHash = sha256Hex(sessionId);
  const session = await findSession(db, idHash);
  if (session === undefined) return null;
  const nowMs = now.getTime();
  const lastSeen = Date.parse(session.last_seen_at);
  if (Date.parse(session.expires_at) <= nowMs || lastSeen + policy.idleMs <= nowMs) {
    await deleteSession(db, idHash);
    return null;
  }
  const user = await findUserById(db, session.user_id);
  if (user === undefined || user.disabled_at !== null) return null;
  if (nowMs - lastSeen >= SESSION_TOUCH_INTERVAL_MS) await touchSession(db, idHash, now.toISOString());
  return { userId: user.id, tenantId: user.tenant_id, username: user.username, role: user.role };
}

export async function logOut(db: HubDb, sessionId: string | undefined): Promise<void> {
  if (sessionId === undefined || sessionId === '') return;
  await deleteSession(db, sha256Hex(sessionId));
}
