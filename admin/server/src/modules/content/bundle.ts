import crypto from 'node:crypto';
import { KIOSK_LOCALES, canonicalJson } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import type { SecretBox } from '../../security/secret-box.js';
import { isUniqueViolation } from '../../db/database.js';
import { tenantLocale } from '../catalog/service.js';
import { requireTenant } from '../tenants/service.js';
import { findFile, insertBundle, insertFileIfMissing, latestBundle } from './bundle-repository.js';
import type { BundleRow, FileRow } from './bundle-repository.js';
import type { BundleLocaleFile, BundleManifest, SignedBundle } from './contract.js';
import { publishedEntries } from './published.js';
import type { PublishedEntry } from './published.js';
import { currentRevision } from './repository.js';
import type { ContentSettings } from './settings.js';
import { signText, signingKeyOf } from './signing.js';
import { pickText } from './texts.js';

/**
 * The signed content bundle kiosks download: a manifest (monotonic version, validity, files by
 * sha256) signed with the municipality's Ed25519 key, and one JSON file per kiosk language. A new
 * version is made only when published content changed or the current one nears expiry.
 */

/** Versions tried before giving up when other processes keep taking the next version number. */
const BUNDLE_INSERT_ATTEMPTS = 5;

export const bundlePath = (locale: string) => `content/${locale}.json`;

function localeFile(entries: readonly PublishedEntry[], locale: string, fallback: string): BundleLocaleFile {
  const file: BundleLocaleFile = { locale: locale as BundleLocaleFile['locale'], entries: [] };
  for (const entry of entries) {
    const base = { id: entry.id, serviceCode: entry.serviceCode, version: entry.version };
    if (entry.kind === 'faq') {
      const picked = pickText(entry.translations, locale, fallback);
      if (picked !== null) file.entries.push({ ...base, kind: 'faq', locale: picked.locale as BundleLocaleFile['locale'], text: picked.text });
    } else {
      const picked = pickText(entry.translations, locale, fallback);
      if (picked !== null) file.entries.push({ ...base, kind: 'procedure', locale: picked.locale as BundleLocaleFile['locale'], text: picked.text });
    }
  }
  return file;
}

export function toSigned(row: BundleRow): SignedBundle {
  return {
    manifest: JSON.parse(row.manifest) as BundleManifest,
    signature: { algorithm: 'Ed25519', keyId: row.key_id, value: row.signature },
  };
}

function fresh(row: BundleRow, revision: number, settings: ContentSettings, now: Date): boolean {
  return row.revision === revision && Date.parse(row.expires_at) - now.getTime() > settings.bundleRenewBeforeMs;
}

async function buildBundle(db: HubDb, secrets: SecretBox, tenantId: string, version: number, revision: number, settings: ContentSettings, now: Date): Promise<BundleRow> {
  const [tenant, entries, key] = await Promise.all([requireTenant(db, tenantId), publishedEntries(db, tenantId), signingKeyOf(db, secrets, tenantId, now)]);
  const fallback = tenantLocale(tenant.default_locale);
  const at = now.toISOString();
  const files: BundleManifest['files'] = [];
  for (const locale of KIOSK_LOCALES) {
    const body = canonicalJson(localeFile(entries, locale, fallback));
    const bytes = Buffer.from(body, 'utf8');
    const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
    const row: FileRow = { tenant_id: tenantId, sha256, body, size: bytes.length, created_at: at };
    await insertFileIfMissing(db, row);
    files.push({ path: bundlePath(locale), sha256, size: bytes.length });
  }
  const manifest: BundleManifest = { version, createdAt: at, expiresAt: new Date(now.getTime() + settings.bundleLifetimeMs).toISOString(), files };
  const text = canonicalJson(manifest);
  return { tenant_id: tenantId, version, revision, created_at: at, expires_at: manifest.expiresAt, manifest: text, signature: signText(secrets, key, text), key_id: key.key_id };
}

/**
 * The current signed bundle of a municipality, made (and stored) when none fits. Signing opens the
 * sealed private key: a 503 secret-unreadable when no key of the hub's ring opens it.
 */
export async function currentBundle(db: HubDb, secrets: SecretBox, tenantId: string, settings: ContentSettings, now = new Date()): Promise<SignedBundle> {
  for (let attempt = 0; attempt < BUNDLE_INSERT_ATTEMPTS; attempt += 1) {
    const revision = await currentRevision(db, tenantId);
    const latest = await latestBundle(db, tenantId);
    if (latest !== undefined && fresh(latest, revision, settings, now)) return toSigned(latest);
    const row = await buildBundle(db, secrets, tenantId, (latest?.version ?? 0) + 1, revision, settings, now);
    try {
      await insertBundle(db, row);
      return toSigned(row);
    } catch (error) {
      // Another request made this version first; look again (it is probably the one we want).
      if (!isUniqueViolation(error)) throw error;
    }
  }
  throw new Error(`could not store a new content bundle for tenant ${tenantId}: the version kept being taken`);
}

/** One file of any bundle of this municipality, by its sha256. */
export async function bundleFile(db: HubDb, tenantId: string, sha256: string): Promise<FileRow | undefined> {
  return findFile(db, tenantId, sha256);
}

export const bundleEtag = (bundle: SignedBundle) => `"content-${bundle.manifest.version}"`;
