import type { HubDb } from '../../db/database.js';
import { HubProblem, unauthorised } from '../../http/problems.js';
import { secretContexts } from '../../security/secret-box.js';
import type { SecretBox } from '../../security/secret-box.js';
import { auditAuth } from './audit.js';
import { claimTotpStep, deleteSession, updateSession, updateUser } from './repository.js';
import { liveSession, openSession, sessionUserOf } from './service.js';
import type { SessionPolicy, SessionUser } from './service.js';
import { TOTP_RULE, assertNotLocked, clearFailures, recordFailure, totpKey } from './throttle.js';
import { matchTotpStep, newTotpSecret, totpUri } from './totp.js';

export type SecondFactorChallenge = { mode: 'enrol'; secret: string; uri: string } | { mode: 'code' };

const NO_PENDING = 'sign in with your password first: no second-factor step is open';

/**
 * What the half-signed-in user must do: enter a code, or (no secret yet) enrol. The enrolment
 * secret lives on the pending session only; it becomes the user's with the first good code.
 * Both are stored sealed (secrets): a copy of the database gives nobody a working authenticator.
 */
export async function secondFactorChallenge(db: HubDb, secrets: SecretBox, sessionId: string | undefined, policy: SessionPolicy, now = new Date()): Promise<SecondFactorChallenge> {
  const live = await liveSession(db, sessionId, 'second-factor', policy, now);
  if (live === null) throw unauthorised(NO_PENDING);
  if (live.user.totp_secret !== null) return { mode: 'code' };
  const context = secretContexts.pendingTotpSecret(live.user.id);
  const pending = live.session.pending_totp_secret;
  let secret: string;
  if (pending === null) {
    secret = newTotpSecret();
    await updateSession(db, live.session.id_hash, { pending_totp_secret: secrets.seal(secret, context) });
  } else {
    secret = secrets.open(pending, context, 'second-factor enrolment secret');
  }
  return { mode: 'enrol', secret, uri: totpUri(secret, live.user.username) };
}

/**
 * Checks a code against the enrolled (or pending) secret. A good code ends the pending session and
 * opens a full one under a new id; a wrong or replayed one counts toward the lock, and the lock
 * also ends the pending session (the password must be entered again).
 */
export async function completeSecondFactor(
  db: HubDb,
  secrets: SecretBox,
  sessionId: string | undefined,
  code: string,
  context: { policy: SessionPolicy; ip: string },
  now = new Date(),
): Promise<{ sessionId: string; user: SessionUser }> {
  const live = await liveSession(db, sessionId, 'second-factor', context.policy, now);
  if (live === null) throw unauthorised(NO_PENDING);
  const { session, user } = live;
  const actor = sessionUserOf(user);
  await assertNotLocked(db, [totpKey(user.id)], now);
  const enrolling = user.totp_secret === null;
  // A secret no key opens is a clear 503 (SecretUnreadableError), never a way around the code.
  const secret =
    user.totp_secret !== null
      ? secrets.open(user.totp_secret, secretContexts.totpSecret(user.id), 'second-factor secret')
      : session.pending_totp_secret !== null
        ? secrets.open(session.pending_totp_secret, secretContexts.pendingTotpSecret(user.id), 'second-factor enrolment secret')
        : null;
  if (secret === null) throw new HubProblem(409, 'enrolment-not-started', 'ask for the enrolment secret first (GET /api/auth/second-factor)');

  const step = matchTotpStep(secret, code, now);
  if (step === null || !(await claimTotpStep(db, user.id, step))) {
    const locked = await recordFailure(db, totpKey(user.id), TOTP_RULE, now);
    await auditAuth(db, actor, context.ip, 'auth.second-factor-failed', { reason: step === null ? 'wrong-code' : 'replayed-code', locked }, now);
    if (locked) await deleteSession(db, session.id_hash);
    throw new HubProblem(401, 'wrong-code', 'that code is wrong or was already used: enter the current code from your app');
  }
  await clearFailures(db, totpKey(user.id));
  if (enrolling) {
    await updateUser(db, user.id, { totp_secret: secrets.seal(secret, secretContexts.totpSecret(user.id)) });
    await auditAuth(db, actor, context.ip, 'auth.second-factor-enrolled', {}, now);
  }
  await deleteSession(db, session.id_hash);
  const fullSessionId = await openSession(db, user, 'full', context.policy, now);
  return { sessionId: fullSessionId, user: actor };
}
