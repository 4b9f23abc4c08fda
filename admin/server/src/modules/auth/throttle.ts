import type { HubDb } from '../../db/database.js';
import { isUniqueViolation } from '../../db/database.js';
import { HubProblem } from '../../http/problems.js';

/**
 * Failed sign-ins and second-factor codes, counted in the database so every hub process behind a
 * load balancer sees the same numbers. After `maxFailures` inside `windowMs`, the key is locked
 * for `lockMs`; a success clears the count.
 */
export interface ThrottleRule {
  readonly maxFailures: number;
  readonly windowMs: number;
  readonly lockMs: number;
}

const FIFTEEN_MINUTES = 15 * 60 * 1000;

/** Per username: slows guessing one account's password, locks only briefly (a locked-out admin is a denial of service too). */
export const LOGIN_RULE: ThrottleRule = { maxFailures: 5, windowMs: FIFTEEN_MINUTES, lockMs: FIFTEEN_MINUTES };
/** Per client address: slows spraying one password over many usernames. */
export const ADDRESS_RULE: ThrottleRule = { maxFailures: 30, windowMs: FIFTEEN_MINUTES, lockMs: FIFTEEN_MINUTES };
/** Per user: a 6-digit code must not be guessable within a window of three steps. */
export const TOTP_RULE: ThrottleRule = { maxFailures: 5, windowMs: FIFTEEN_MINUTES, lockMs: FIFTEEN_MINUTES };

export const loginKey = (username: string) => `login:${username.toLowerCase()}`;
export const addressKey = (ip: string) => `ip:${ip}`;
export const totpKey = (userId: string) => `totp:${userId}`;

export function tooManyAttempts(): HubProblem {
  return new HubProblem(429, 'too-many-attempts', 'too many failed attempts: wait 15 minutes and try again');
}

/** Throws 429 when any of the keys is locked now. */
export async function assertNotLocked(db: HubDb, keys: readonly string[], now: Date): Promise<void> {
  const rows = await db.selectFrom('auth_throttle').select(['locked_until']).where('key', 'in', [...keys]).execute();
  const at = now.toISOString();
  if (rows.some((row) => row.locked_until !== null && row.locked_until > at)) throw tooManyAttempts();
}

/** Counts one failure; returns true when this failure locked the key. */
export async function recordFailure(db: HubDb, key: string, rule: ThrottleRule, now: Date): Promise<boolean> {
  try {
    return await countFailure(db, key, rule, now);
  } catch (error) {
    // Two first failures at once both tried to insert: the second one now finds the row.
    if (!isUniqueViolation(error)) throw error;
    return countFailure(db, key, rule, now);
  }
}

async function countFailure(db: HubDb, key: string, rule: ThrottleRule, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('auth_throttle').selectAll().where('key', '=', key).executeTakeFirst();
    const at = now.toISOString();
    const windowOver = row === undefined || Date.parse(row.window_started_at) + rule.windowMs <= now.getTime();
    const failures = windowOver ? 1 : row.failures + 1;
    const lockedUntil = failures >= rule.maxFailures ? new Date(now.getTime() + rule.lockMs).toISOString() : null;
    const values = { failures, window_started_at: windowOver ? at : row.window_started_at, locked_until: lockedUntil };
    if (row === undefined) await trx.insertInto('auth_throttle').values({ key, ...values }).execute();
    else await trx.updateTable('auth_throttle').set(values).where('key', '=', key).execute();
    return lockedUntil !== null;
  });
}

export async function clearFailures(db: HubDb, key: string): Promise<void> {
  await db.deleteFrom('auth_throttle').where('key', '=', key).execute();
}
