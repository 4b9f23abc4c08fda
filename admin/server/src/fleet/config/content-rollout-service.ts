import type { RolloutInput } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import type { SecretBox } from '../../security/secret-box.js';
import { isUniqueViolation } from '../../db/database.js';
import { HubProblem } from '../../http/problems.js';
import { randomId } from '../../security/tokens.js';
import { currentBundle } from '../../modules/content/bundle.js';
import { findBundle, latestBundle, newestBundleBefore } from '../../modules/content/bundle-repository.js';
import type { BundleRow } from '../../modules/content/bundle-repository.js';
import { reissueBundle, validLongEnough } from '../../modules/content/held-bundle.js';
import { currentRevision } from '../../modules/content/repository.js';
import type { ContentSettings } from '../../modules/content/settings.js';
import { recordAudit } from '../../modules/workflow/audit.js';
import type { Actor } from '../../modules/workflow/audit.js';
import { kioskStatus } from '../kiosk-status.js';
import type { KioskStatusPolicy } from '../kiosk-status.js';
import { latestContentRollout, markReachedRestored, replaceHeldBundleVersion, setContentRevision } from './content-rollout-repository.js';
import { assignRings } from './rollout-rings.js';
import type { RingDeviceFacts } from './rollout-rings.js';
import { insertRollout, newRolloutRows, updateRolloutDevice } from './rollout-repository.js';
import type { RolloutDeviceRow, RolloutRow } from './rollout-repository.js';

/**
 * Content rollouts in rings (issue 7). Published content is per municipality, so a content rollout
 * does not write anything per kiosk: it decides which bundle each kiosk is SERVED
 * (content-rollout-serve.ts). Kiosks in rings reached get the newest bundle; every other kiosk of
 * the municipality (rings not reached yet, kiosks outside the target, kiosks enrolled meanwhile)
 * keeps the "held" bundle: the content kiosks had before the publication being rolled out.
 *
 * Content published while the rollout runs: reached kiosks get it too (they are served the newest
 * bundle), held kiosks keep the held version; the rollout's rings still judge "has at least the
 * version it was given". After an abort the municipality stays on the held content (re-issued as a
 * new version, see held-bundle.ts) until staff start the next content rollout: otherwise the very
 * next check of every kiosk would hand out the content that was just stopped.
 */

const RUNNING = (): HubProblem => new HubProblem(409, 'content-rollout-running', 'a content rollout is already running in this municipality: let it finish or abort it before starting another');

/** What kiosks keep while the new rollout runs: see the module comment and the cases below. */
async function heldSource(db: HubDb, tenantId: string, previous: RolloutRow | undefined, revision: number): Promise<BundleRow> {
  if (previous?.state === 'aborted' && previous.held_bundle_version !== null) {
    // Kiosks are pinned to the aborted rollout's held content: that is what they run, so it is what they keep.
    const pinned = await findBundle(db, tenantId, previous.held_bundle_version);
    if (pinned !== undefined) return pinned;
  }
  if (previous?.state === 'completed' && previous.content_revision === revision) {
    throw new HubProblem(409, 'nothing-to-roll-out', 'every kiosk already has the published content: publish a change first, then start a content rollout');
  }
  const before = await newestBundleBefore(db, tenantId, revision);
  if (before === undefined) throw new HubProblem(409, 'nothing-to-hold', 'the kiosks have no earlier content to keep while this one rolls out: publish it directly');
  return before;
}

/** Marks a ring's kiosks reached: from now on they are served the newest bundle, whose version they must report. */
export async function reachContentRing(db: HubDb, secrets: SecretBox, rollout: RolloutRow, devices: readonly RolloutDeviceRow[], settings: ContentSettings, now: Date): Promise<void> {
  if (devices.length === 0) return;
  const newest = await currentBundle(db, secrets, rollout.tenant_id, settings, now);
  for (const device of devices) {
    await updateRolloutDevice(db, rollout.id, device.device_id, { state: 'applied', previous_version: rollout.held_bundle_version, target_version: newest.manifest.version });
  }
}

/** Starts a content rollout; the caller checked the role and found the target's kiosks. Returns its id. */
export async function startContentRollout(db: HubDb, secrets: SecretBox, actor: Actor, plan: RolloutInput, deviceIds: readonly string[], settings: ContentSettings, now: Date): Promise<string> {
  const tenantId = actor.user.tenantId;
  const previous = await latestContentRollout(db, tenantId);
  if (previous?.state === 'running') throw RUNNING();
  const revision = await currentRevision(db, tenantId);
  const source = await heldSource(db, tenantId, previous, revision);
  const id = randomId('rollout');
  const rings = assignRings(deviceIds, plan.rings, id);
  const at = now.toISOString();
  try {
    await db.transaction().execute(async (trx) => {
      // Kiosks may have taken the new content already (they check every few minutes): serve them the
      // held content under a new version, since they refuse a lower one. Not needed when it is still the latest.
      const latest = await latestBundle(trx, tenantId);
      const held = latest?.version === source.version && validLongEnough(source, settings, now) ? source : await reissueBundle(trx, secrets, source, settings, now);
      const { row, devices } = newRolloutRows({ id, tenantId, kind: 'content', plan, rings, createdBy: actor.user.userId, at, heldBundleVersion: held.version, contentRevision: revision });
      await insertRollout(trx, row, devices);
      await recordAudit(trx, actor, {
        action: 'rollout.created',
        targetType: 'rollout',
        targetId: id,
        details: { kind: 'content', target: plan.target.kind, devices: deviceIds.length, revision, heldVersion: held.version },
        at: now,
      });
      await reachContentRing(trx, secrets, row, devices.filter((d) => d.ring === row.current_ring), settings, now);
    });
  } catch (error) {
    // Two starts at once: the partial unique index of migration 0018 let only one in.
    if (isUniqueViolation(error) && (await latestContentRollout(db, tenantId))?.state === 'running') throw RUNNING();
    throw error;
  }
  return id;
}

/**
 * Abort (by staff or by the failure threshold): every reached kiosk goes back to the held content.
 * They run a newer version than the held one and would refuse it, so the held content is re-issued
 * as a NEW signed version (held-bundle.ts) and that becomes what the whole municipality is served.
 * The caller marks the rollout aborted in the same transaction. Returns how many kiosks go back.
 */
export async function restoreHeldContent(db: HubDb, secrets: SecretBox, rollout: RolloutRow, settings: ContentSettings, now: Date): Promise<number> {
  if (rollout.held_bundle_version === null) throw new Error(`content rollout ${rollout.id} has no held bundle version`);
  const held = await findBundle(db, rollout.tenant_id, rollout.held_bundle_version);
  if (held === undefined) throw new Error(`held content bundle ${rollout.held_bundle_version} of rollout ${rollout.id} is missing`);
  const reissued = await reissueBundle(db, secrets, held, settings, now);
  await replaceHeldBundleVersion(db, rollout.id, held.version, reissued.version);
  return markReachedRestored(db, rollout.id);
}

/** The last ring is done: every kiosk now gets the newest bundle, including content published meanwhile. */
export async function completeContentRollout(db: HubDb, rollout: RolloutRow): Promise<void> {
  await setContentRevision(db, rollout.id, await currentRevision(db, rollout.tenant_id));
}

/** Facts about one ring kiosk of a content rollout: the bundle version its heartbeat reports. */
export function contentFactsOf(device: RolloutDeviceRow, latest: Parameters<typeof kioskStatus>[0], now: Date, policy?: KioskStatusPolicy): RingDeviceFacts {
  if ((device.state !== 'applied' && device.state !== 'restored') || device.target_version === null) return { reported: false, failed: false };
  // The agent reports the bundle version it runs as a string (null before its first bundle).
  const running = Number(latest?.heartbeat.versions.content ?? Number.NaN);
  if (Number.isInteger(running) && running >= device.target_version) return { reported: true, failed: false };
  // It refused the version it was given (or a later one) and kept its old bundle: failed, like a refused config.
  // A refusal without a readable version, or of an older bundle, says nothing about this target.
  const refused = latest?.heartbeat.content.error ?? null;
  if (refused !== null && refused.version !== null) {
    const version = Number(refused.version);
    if (Number.isInteger(version) && version >= device.target_version) return { reported: false, failed: true, refusal: { version: refused.version, reason: refused.reason } };
  }
  // Otherwise (an older agent reports no refusals) only a kiosk gone quiet counts as failed.
  const status = kioskStatus(latest, now, policy).status;
  return { reported: false, failed: status === 'unreachable' || status === 'offline' };
}
