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
import type { SessionRow, UserRow } from './repository.js';
import { ADDRESS_RULE, LOGIN_RULE, addressKey, assertNotLocked, clearFailures, loginKey, recordFailure } from './throttle.js';

/** Write `last_seen_at` at most this often: a busy console should not write on every click. */
export const SESSION_TOUCH_INTERVAL_MS = 60_000;

export interface SessionPolicy {
  readonly idleMs: number;
  readonly absoluteMs: number;
}

/** Whether admins must pass a TOTP second factor ('off' only for test hubs and SSO-fronted installs). */
export type AdminSecondFactor = 'required' | 'off';

export interface SessionUser {
  readonly userId: string;
  readonly tenantId: string;
  readonly username: string;
  readonly role: UserRow['role'];
  /** The one site the user works on; null or absent = every site of the tenant. */
  readonly siteId?: string | null;
}

export function sessionUserOf(user: UserRow): SessionUser {
  return { userId: user.id, tenantId: user.tenant_id, username: user.username, role: user.role, siteId: user.site_id };
}

export async function createUser(
  db: HubDb,
  input: { tenantId: string; username: string; password: string; role: UserRow['role']; siteId?: string | null },
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
    totp_secret: null,
    totp_last_step: null,
    site_id: input.siteId ?? null,
  });
  return id;
}

const BAD_LOGIN = 'wrong username or password';

/** The user needs a TOTP code after the password: every admin (unless switched off), and anyone who enrolled. */
export function needsSecondFactor(user: UserRow, adminSecondFactor: AdminSecondFactor): boolean {
  return user.totp_secret !== null || (user.role === 'admin' && adminSecondFactor === 'required');
}

export interface LoginOptions {
  readonly policy: SessionPolicy;
  readonly adminSecondFactor: AdminSecondFactor;
  /** The client's address, for the per-address throttle. */
  readonly ip: string;
}

export interface LoginResult {
  readonly sessionId: string;
  readonly user: SessionUser;
  /** 'full': signed in. 'enrol' / 'code': the session is only good for the second-factor step. */
  readonly next: 'full' | 'enrol' | 'code';
}

/**
 * Checks the password and opens a session; returns the cookie value (shown to nobody else). A
 * user who owes a second factor gets a 'second-factor' session, which no staff route accepts.
 */
export async function logIn(db: HubDb, username: string, password: string, options: LoginOptions, now = new Date()): Promise<LoginResult> {
  await assertNotLocked(db, [loginKey(username), addressKey(options.ip)], now);
  const user = await findUserByUsername(db, username);
  const valid = user === undefined ? (await verifyAgainstDecoy(password), false) : await verifyPassword(user.password_hash, password);
  if (!valid || user === undefined || user.disabled_at !== null) {
    await recordFailure(db, loginKey(username), LOGIN_RULE, now);
    await recordFailure(db, addressKey(options.ip), ADDRESS_RULE, now);
    throw unauthorised(BAD_LOGIN);
  }
  await clearFailures(db, loginKey(username));

  const next = needsSecondFactor(user, options.adminSecondFactor) ? (user.totp_secret === null ? 'enrol' : 'code') : 'full';
  const sessionId = await openSession(db, user, next === 'full' ? 'full' : 'second-factor', options.policy, now);
  return { sessionId, user: sessionUserOf(user), next };
}

/** A new session row; the id is fresh each time (a new one after the second factor, against fixation). */
export async function openSession(db: HubDb, user: UserRow, stage: SessionRow['stage'], policy: SessionPolicy, now: Date): Promise<string> {
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
    stage,
    pending_totp_secret: null,
  });
  return sessionId;
}

/** A live session of a live user, at the given stage; expired or idle ones are deleted. */
export async function liveSession(
  db: HubDb,
  sessionId: string | undefined,
  stage: SessionRow['stage'],
  policy: SessionPolicy,
  now = new Date(),
): Promise<{ session: SessionRow; user: UserRow } | null> {
  if (sessionId === undefined || sessionId === '') return null;
  const idHash = sha256Hex(sessionId);
  const session = await findSession(db, idHash);
  if (session === undefined || session.stage !== stage) return null;
  const nowMs = now.getTime();
  const lastSeen = Date.parse(session.last_seen_at);
  if (Date.parse(session.expires_at) <= nowMs || lastSeen + policy.idleMs <= nowMs) {
    await deleteSession(db, idHash);
    return null;
  }
  const user = await findUserById(db, session.user_id);
  if (user === undefined || user.disabled_at !== null) return null;
  if (nowMs - lastSeen >= SESSION_TOUCH_INTERVAL_MS) await touchSession(db, idHash, now.toISOString());
  return { session, user };
}

/** The user behind a cookie value, or null when it is unknown, idle too long, expired, disabled or still owes a second factor. */
export async function resolveSession(db: HubDb, sessionId: string | undefined, policy: SessionPolicy, now = new Date()): Promise<SessionUser | null> {
  const live = await liveSession(db, sessionId, 'full', policy, now);
  return live === null ? null : sessionUserOf(live.user);
}

export async function logOut(db: HubDb, sessionId: string | undefined): Promise<void> {
  if (sessionId === undefined || sessionId === '') return;
  await deleteSession(db, sha256Hex(sessionId));
}
