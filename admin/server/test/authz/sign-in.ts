import { Secret, TOTP } from 'otpauth';
import { SecondFactorChallengeSchema } from '@kiosk/shared';
import { CONSOLE_HEADERS } from '../helpers/hub.js';
import type { TestHub } from '../helpers/hub.js';

/**
 * Staff sign-in for hub tests, second factor included: password, then (when the hub answers 202)
 * enrolment or a code computed from the secret the caller keeps in `totp`.
 */

export const TOTP_PERIOD_MS = 30_000;

export function totpCode(secret: string, at: number = Date.now()): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: TOTP_PERIOD_MS / 1000 }).generate({ timestamp: at });
}

export function cookieOf(setCookie: string | string[] | undefined): string {
  const header = Array.isArray(setCookie) ? setCookie.join(', ') : (setCookie ?? '');
  const cookie = /(__Host-session=[^;]+);/.exec(header)?.[1];
  if (cookie === undefined) throw new Error(`no session cookie in "${header}"`);
  return cookie;
}

export interface SignedIn {
  /** Headers for the user's calls: CSRF header and the full session's cookie. */
  readonly headers: Record<string, string>;
  /** The TOTP secret (enrolled now or before). */
  readonly secret: string | null;
}

export async function signInWithSecondFactor(hub: TestHub, username: string, password: string, known: { secret?: string | null; at?: number } = {}): Promise<SignedIn> {
  const login = await hub.app.inject({ method: 'POST', url: '/api/auth/login', headers: CONSOLE_HEADERS, payload: { username, password } });
  if (login.statusCode === 200) return { headers: { ...CONSOLE_HEADERS, cookie: cookieOf(login.headers['set-cookie']) }, secret: known.secret ?? null };
  if (login.statusCode !== 202) throw new Error(`login of ${username} failed: ${login.statusCode} ${login.body}`);
  const pending = { ...CONSOLE_HEADERS, cookie: cookieOf(login.headers['set-cookie']) };
  const challenge = SecondFactorChallengeSchema.parse((await hub.app.inject({ method: 'GET', url: '/api/auth/second-factor', headers: pending })).json());
  const secret = challenge.mode === 'enrol' ? challenge.secret : known.secret;
  if (secret === undefined || secret === null) throw new Error(`${username} must enter a code but the test knows no secret`);
  const answer = await hub.app.inject({ method: 'POST', url: '/api/auth/second-factor', headers: pending, payload: { code: totpCode(secret, known.at) } });
  if (answer.statusCode !== 200) throw new Error(`second factor of ${username} failed: ${answer.statusCode} ${answer.body}`);
  return { headers: { ...CONSOLE_HEADERS, cookie: cookieOf(answer.headers['set-cookie']) }, secret };
}
