import { ENROLMENT_TTL_SECONDS } from '@kiosk/shared';
import type { RateLimit } from './rate-limiter.js';

export interface EnrolmentSettings {
  /** How long a code may be approved (issue 6: 10 minutes). */
  readonly ttlMs: number;
  /** The poll interval the kiosk is told; polling faster earns `slow_down` (+5 s, RFC 8628). */
  readonly intervalSeconds: number;
  /** New codes per client address: a kiosk needs one every 10 minutes, a flood needs many. */
  readonly startLimit: RateLimit;
  /** Unknown codes typed per staff user before a pause: guessing 2^40 codes must stay hopeless. */
  readonly wrongCodeLimit: RateLimit;
  readonly now: () => Date;
}

export const DEFAULT_ENROLMENT_SETTINGS: EnrolmentSettings = {
  ttlMs: ENROLMENT_TTL_SECONDS * 1000,
  intervalSeconds: 5,
  startLimit: { max: 5, windowMs: 60_000 },
  wrongCodeLimit: { max: 5, windowMs: 15 * 60_000 },
  now: () => new Date(),
};

/** RFC 8628 section 3.5: a client told to slow down adds 5 seconds to its interval. */
export const SLOW_DOWN_STEP_SECONDS = 5;
/** A poll this much early still counts as on time: timers and networks are not exact. */
export const POLL_TOLERANCE_MS = 1_000;
