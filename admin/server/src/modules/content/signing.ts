import crypto from 'node:crypto';
import type { HubDb } from '../../db/database.js';
import { secretContexts } from '../../security/secret-box.js';
import type { SecretBox } from '../../security/secret-box.js';
import { findSigningKey, insertSigningKeyIfMissing } from './bundle-repository.js';
import type { SigningKeyRow } from './bundle-repository.js';

/**
 * Each municipality's Ed25519 key for content bundles, kept in the database (so every hub process
 * on one PostgreSQL signs alike) and created on first use. Kiosks verify with the public key. The
 * private key (PEM) is stored sealed (security/secret-box.ts, bound to the municipality and the
 * key id) and opened only to sign: a copy of the database signs nothing.
 */

/** The key id: the first hex digits of sha256 over the public key's DER bytes. */
const KEY_ID_HEX_LENGTH = 16;
/** What the error names when the stored private key cannot be opened: never the value. */
const PRIVATE_KEY_WHAT = 'content signing key';

function newKey(secrets: SecretBox, tenantId: string, now: Date): SigningKeyRow {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
  const der = publicKey.export({ type: 'spki', format: 'der' });
  const keyId = crypto.createHash('sha256').update(der).digest('hex').slice(0, KEY_ID_HEX_LENGTH);
  return {
    tenant_id: tenantId,
    key_id: keyId,
    public_key: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    private_key: secrets.seal(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), secretContexts.contentSigningKey(tenantId, keyId)),
    created_at: now.toISOString(),
  };
}

/** The municipality's key as stored (its private key sealed); made on first use. */
export async function signingKeyOf(db: HubDb, secrets: SecretBox, tenantId: string, now = new Date()): Promise<SigningKeyRow> {
  const existing = await findSigningKey(db, tenantId);
  if (existing !== undefined) return existing;
  await insertSigningKeyIfMissing(db, newKey(secrets, tenantId, now));
  // Read back: if another process won the race, its key is the one to use.
  const stored = await findSigningKey(db, tenantId);
  if (stored === undefined) throw new Error(`content signing key of tenant ${tenantId} vanished after insert`);
  return stored;
}

/** Signs with the opened private key; a SecretUnreadableError (503 secret-unreadable) when no key of the ring opens it. */
export function signText(secrets: SecretBox, key: SigningKeyRow, text: string): string {
  const pem = secrets.open(key.private_key, secretContexts.contentSigningKey(key.tenant_id, key.key_id), PRIVATE_KEY_WHAT);
  return crypto.sign(null, Buffer.from(text, 'utf8'), crypto.createPrivateKey(pem)).toString('base64');
}
