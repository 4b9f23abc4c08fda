import { canonicalJson } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import type { SecretBox } from '../../security/secret-box.js';
import { isUniqueViolation } from '../../db/database.js';
import { insertBundle, latestBundle } from './bundle-repository.js';
import type { BundleRow } from './bundle-repository.js';
import type { BundleManifest } from './contract.js';
import type { ContentSettings } from './settings.js';
import { signText, signingKeyOf } from './signing.js';

/**
 * Old content under a NEW bundle version (content rollouts, fleet/config/content-rollout-*.ts).
 *
 * Kiosk agents refuse a bundle whose version is lower than the one they run (kiosk/src/agent/
 * content/updater.ts, 'older-version'), and an expired one. So a kiosk that already took newer
 * content cannot be sent back by serving the old bundle row: the old content's files are put in a
 * fresh manifest with the next version number of the municipality, a new validity period, and a
 * new signature. The files are content-addressed and already stored, so nothing else is copied.
 * The row keeps the source's content revision: currentBundle() sees it as stale (unless nothing was
 * published since) and makes a newer version for kiosks that should have the newest content.
 */

const REISSUE_ATTEMPTS = 5;

/** True while the row is valid for longer than the renewal margin (the same rule as currentBundle). */
export function validLongEnough(row: BundleRow, settings: ContentSettings, now: Date): boolean {
  return Date.parse(row.expires_at) - now.getTime() > settings.bundleRenewBeforeMs;
}

export async function reissueBundle(db: HubDb, secrets: SecretBox, source: BundleRow, settings: ContentSettings, now: Date): Promise<BundleRow> {
  const sourceManifest = JSON.parse(source.manifest) as BundleManifest;
  const key = await signingKeyOf(db, secrets, source.tenant_id, now);
  const at = now.toISOString();
  for (let attempt = 0; attempt < REISSUE_ATTEMPTS; attempt += 1) {
    const version = ((await latestBundle(db, source.tenant_id))?.version ?? 0) + 1;
    const manifest: BundleManifest = { version, createdAt: at, expiresAt: new Date(now.getTime() + settings.bundleLifetimeMs).toISOString(), files: sourceManifest.files };
    const text = canonicalJson(manifest);
    const row: BundleRow = { tenant_id: source.tenant_id, version, revision: source.revision, created_at: at, expires_at: manifest.expiresAt, manifest: text, signature: signText(secrets, key, text), key_id: key.key_id };
    try {
      await insertBundle(db, row);
      return row;
    } catch (error) {
      // Another process took this version number meanwhile: take the next one.
      if (!isUniqueViolation(error)) throw error;
    }
  }
  throw new Error(`could not re-issue content bundle ${source.version} of tenant ${source.tenant_id}: the version kept being taken`);
}
