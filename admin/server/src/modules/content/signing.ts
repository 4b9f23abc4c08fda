import crypto from 'node:crypto';
import type { HubDb } from '../../db/database.js';
import { findSigningKey, insertSigningKeyIfMissing } from './bundle-repository.js';
import type { SigningKeyRow } from './bundle-repository.js';

/**
 * Each municipality's Ed25519 key for content bundles, kept in the database (so every hub process
 * on one PostgreSQL signs alike) and created on first use. Kiosks verify with the public key.
 */

/** The key id: the first hex digits of sha256 over the public key's DER bytes. */
const KEY_ID_HEX_LENGTH = 16;

function newKey(tenantId: string, now: Date): SigningKeyRow {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return {
    tenant_id: tenantId,
    key_id: crypto.createHash('sha256').update(der).digest('hex').slice(0, KEY_ID_HEX_LENGTH),
    public_key: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    created_at: now.toISOString(),
  };
}

export async function signingKeyOf(db: HubDb, tenantId: string, now = new Date()): Promise<SigningKeyRow> {
  const existing = await findSigningKey(db, tenantId);
  if (existing !== undefined) return existing;
  await insertSigningKeyIfMissing(db, newKey(tenantId, now));
  // Read back: if another process won the race, its key is the one to use.
  const stored = await findSigningKey(db, tenantId);
  if (stored === undefined) throw new Error(`content signing key of tenant ${tenantId} vanished after insert`);
  return stored;
}

export function signText(key: SigningKeyRow, text: string): string {
  return crypto.sign(null, Buffer.from(text, 'utf8'), crypto.createPrivateKey(key.private_key)).toString('base64');
}
