import { createHash } from 'node:crypto';
import type { Ring } from '@kiosk/shared';

/**
 * Pure rules of a rollout in rings (platform.md: a canary kiosk, 10 %, 50 %, 100 %, automatic
 * abort on failure rate or lost heartbeats).
 */

/**
 * Splits the target kiosks into rings. Sizes are cumulative: `{ percent: 50 }` means "half of
 * the target has it by the end of this ring", `{ devices: n }` adds n kiosks. The order is a
 * shuffle seeded by the rollout id, so the canary is not always the same kiosk, yet a re-run of
 * the same rollout gives the same rings. Rings that add nobody come out empty.
 */
export function assignRings(deviceIds: readonly string[], rings: readonly Ring[], seed: string): string[][] {
  const order = [...deviceIds].sort((a, b) => {
    const ha = createHash('sha256').update(`${seed}:${a}`).digest('hex');
    const hb = createHash('sha256').update(`${seed}:${b}`).digest('hex');
    return ha < hb ? -1 : ha > hb ? 1 : 0;
  });
  const result: string[][] = [];
  let covered = 0;
  for (const ring of rings) {
    const wanted = 'devices' in ring ? covered + ring.devices : Math.ceil((order.length * ring.percent) / 100);
    const until = Math.min(order.length, Math.max(covered, wanted));
    result.push(order.slice(covered, until));
    covered = until;
  }
  return result;
}

export interface RingDeviceFacts {
  /** The kiosk runs the rollout's version (or a later one). */
  readonly reported: boolean;
  /** It refused the version, went unreachable, or the patch could not apply to its configuration. */
  readonly failed: boolean;
  /** When it failed because its heartbeat reports refusing the version: which one, and why. */
  readonly refusal?: { readonly version: string; readonly reason: string };
}

export type RingVerdict =
  | { readonly kind: 'abort'; readonly failureRate: number }
  | { readonly kind: 'advance' }
  | { readonly kind: 'wait' };

/**
 * Pure: what to do with the ring being rolled out. Failures are judged first (a bad config must
 * not spread because the soak time happened to end), then: move on once every kiosk has answered
 * one way or the other, or once the soak time is over.
 */
export function judgeRing(facts: readonly RingDeviceFacts[], input: { readonly maxFailureRate: number; readonly soakElapsed: boolean }): RingVerdict {
  if (facts.length === 0) return { kind: 'advance' };
  const failed = facts.filter((f) => f.failed).length;
  const failureRate = failed / facts.length;
  if (failureRate > input.maxFailureRate) return { kind: 'abort', failureRate };
  if (facts.every((f) => f.reported || f.failed) || input.soakElapsed) return { kind: 'advance' };
  return { kind: 'wait' };
}
