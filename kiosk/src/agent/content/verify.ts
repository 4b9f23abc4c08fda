import crypto from 'node:crypto';
import { canonicalJson } from '@kiosk/shared';
import { ContentRefusal } from './manifest.js';
import type { BundleFile, BundleManifest, SignedBundle } from './manifest.js';

/** A public key the kiosk trusts, with the id the hub gives it (sha256 of the DER, hex prefix). */
export interface TrustedKey {
  readonly keyId: string;
  readonly publicKeyPem: string;
}

/** The hub's key id rule (admin/server/src/modules/content/signing.ts): first 16 hex of sha256(DER). */
const KEY_ID_HEX_LENGTH = 16;

export function keyIdOf(publicKeyPem: string): string {
  const der = crypto.createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  return crypto.createHash('sha256').update(der).digest('hex').slice(0, KEY_ID_HEX_LENGTH);
}

/** Throws `unknown-key` or `bad-signature`; the signature covers canonicalJson(manifest) as UTF-8. */
export function verifySignature(bundle: SignedBundle, key: TrustedKey): void {
  if (bundle.signature.keyId !== key.keyId) {
    throw new ContentRefusal('unknown-key', `bundle signed with key ${bundle.signature.keyId}, this kiosk trusts ${key.keyId}`);
  }
  let valid = false;
  try {
    valid = crypto.verify(null, Buffer.from(canonicalJson(bundle.manifest), 'utf8'), crypto.createPublicKey(key.publicKeyPem), Buffer.from(bundle.signature.value, 'base64'));
  } catch {
    valid = false; // an unreadable signature is as bad as a wrong one
  }
  if (!valid) throw new ContentRefusal('bad-signature', `the signature of bundle version ${bundle.manifest.version} does not verify with key ${key.keyId}`);
}

/** A digest of the manifest, to tell "the same version again" from "a different bundle with the same number". */
export function manifestDigest(manifest: BundleManifest): string {
  return crypto.createHash('sha256').update(canonicalJson(manifest), 'utf8').digest('hex');
}

/** Throws `bad-size` or `bad-hash` when the downloaded bytes are not the file the manifest names. */
export function verifyFile(file: BundleFile, bytes: Buffer): void {
  if (bytes.length !== file.size) throw new ContentRefusal('bad-size', `${file.path}: expected ${file.size} bytes, got ${bytes.length}`);
  const actual = crypto.createHash('sha256').update(bytes).digest('hex');
  if (actual !== file.sha256) throw new ContentRefusal('bad-hash', `${file.path}: sha256 ${actual} does not match the manifest's ${file.sha256}`);
}
