import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * At-rest protection of what citizens typed while it waits in the outbox (issue 6): AES-256-GCM
 * with a key kept in its own file (mode 0600), never in the database file, so a copied or
 * discarded SQLite file (or its WAL) does not give the data away.
 *
 * Stored form, versioned so the scheme can change: `v1:<keyId>:<iv>:<tag>:<ciphertext>` (base64url;
 * iv 12 random bytes per value; keyId = first 8 hex of SHA-256(key), to say WHICH key is missing).
 * The row's identity goes in as associated data, so a value copied onto another row fails to open.
 */
export const ENCRYPTED_PREFIX = 'v1:';
const KEY_BYTES = 32;
const IV_BYTES = 12;

/** The outbox cannot be read with the key at hand; the rows are kept untouched. */
export class OutboxKeyError extends Error {
  override name = 'OutboxKeyError';
}

export function isEncrypted(value: string): boolean {
  return value.startsWith(ENCRYPTED_PREFIX);
}

export class PayloadCipher {
  readonly keyId: string;

  constructor(private readonly key: Buffer) {
    if (key.length !== KEY_BYTES) throw new OutboxKeyError(`the outbox key must be ${KEY_BYTES} bytes, got ${key.length}`);
    this.keyId = keyIdOf(key);
  }

  encrypt(plaintext: string, associatedData: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `${ENCRYPTED_PREFIX}${this.keyId}:${iv.toString('base64url')}:${cipher.getAuthTag().toString('base64url')}:${body.toString('base64url')}`;
  }

  decrypt(stored: string, associatedData: string): string {
    const parts = stored.split(':');
    if (parts[0] !== 'v1' || parts.length !== 5) throw new OutboxKeyError(`an outbox value has an unknown format ("${stored.slice(0, 3)}...")`);
    const [, keyId, iv, tag, body] = parts as [string, string, string, string, string];
    if (keyId !== this.keyId) {
      throw new OutboxKeyError(`an outbox row was encrypted with key ${keyId} but the key file holds key ${this.keyId}: restore the right key file (the rows are kept)`);
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(associatedData, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new OutboxKeyError(`an outbox row (${associatedData}) failed its integrity check: it was altered or belongs elsewhere; it is kept for inspection`);
    }
  }
}

export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/**
 * Reads the key file, or creates it (32 random bytes, base64, mode 0600, directory 0700) when
 * `mayCreate`. The caller allows creating only when nothing encrypted exists yet: a new key
 * would make existing rows unreadable, so a missing key then is an error that names the file.
 */
export function loadOutboxKey(file: string, mayCreate: boolean): PayloadCipher {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new OutboxKeyError(`cannot read the outbox key file ${file}: ${(error as Error).message}`);
    if (!mayCreate) {
      throw new OutboxKeyError(`the outbox key file ${file} is missing but the store holds requests encrypted with it: restore the file (KIOSK_STORE_KEY_FILE); the requests are kept`);
    }
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const key = randomBytes(KEY_BYTES);
    // 'wx': if two processes race, the second fails instead of replacing the first one's key.
    writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    return new PayloadCipher(key);
  }
  // The key must not be readable by other users; tighten a file someone copied in loosely.
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== KEY_BYTES) throw new OutboxKeyError(`the outbox key file ${file} does not hold a ${KEY_BYTES}-byte base64 key`);
  return new PayloadCipher(key);
}
