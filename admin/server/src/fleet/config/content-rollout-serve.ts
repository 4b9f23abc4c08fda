import type { HubDb } from '../../db/database.js';
import type { SecretBox } from '../../security/secret-box.js';
import { currentBundle, toSigned } from '../../modules/content/bundle.js';
import { findBundle } from '../../modules/content/bundle-repository.js';
import type { BundleRow } from '../../modules/content/bundle-repository.js';
import type { SignedBundle } from '../../modules/content/contract.js';
import { reissueBundle, validLongEnough } from '../../modules/content/held-bundle.js';
import type { ContentSettings } from '../../modules/content/settings.js';
import { findRolloutDevice, latestContentRollout, replaceHeldBundleVersion } from './content-rollout-repository.js';
import type { RolloutRow } from './rollout-repository.js';

/**
 * Which signed bundle one kiosk is served (GET /fleet/v1/content/bundle), given the municipality's
 * newest content rollout (content-rollout-service.ts explains the rules):
 * none or completed -> the newest bundle; running -> the newest for kiosks in reached rings, the
 * held one for everyone else; aborted -> the held content (re-issued) for everyone.
 */

/** The held bundle, re-issued under a new version when it nears expiry (kiosks refuse an expired one). */
async function heldBundle(db: HubDb, secrets: SecretBox, rollout: RolloutRow, settings: ContentSettings, now: Date): Promise<BundleRow> {
  const version = rollout.held_bundle_version;
  if (version === null) throw new Error(`content rollout ${rollout.id} has no held bundle version`);
  const held = await findBundle(db, rollout.tenant_id, version);
  if (held === undefined) throw new Error(`held content bundle ${version} of rollout ${rollout.id} is missing`);
  if (validLongEnough(held, settings, now)) return held;
  const renewed = await reissueBundle(db, secrets, held, settings, now);
  if (await replaceHeldBundleVersion(db, rollout.id, version, renewed.version)) return renewed;
  // Another request renewed it first: serve theirs, so all held kiosks agree on one version.
  const again = await latestContentRollout(db, rollout.tenant_id);
  const theirs = again?.id === rollout.id && again.held_bundle_version !== null ? await findBundle(db, rollout.tenant_id, again.held_bundle_version) : undefined;
  return theirs ?? renewed;
}

export async function contentBundleFor(db: HubDb, secrets: SecretBox, tenantId: string, deviceId: string, settings: ContentSettings, now = new Date()): Promise<SignedBundle> {
  const rollout = await latestContentRollout(db, tenantId);
  if (rollout === undefined || rollout.state === 'completed') return currentBundle(db, secrets, tenantId, settings, now);
  if (rollout.state === 'running') {
    const member = await findRolloutDevice(db, rollout.id, deviceId);
    if (member?.state === 'applied') return currentBundle(db, secrets, tenantId, settings, now);
  }
  return toSigned(await heldBundle(db, secrets, rollout, settings, now));
}
