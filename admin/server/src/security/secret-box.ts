import crypto from 'node:crypto';
import { HubProblem } from '../http/problems.js';

/**
 * Secrets the hub must read back (an admin's TOTP seed, a webhook's HMAC key, a CRM's api_key, a
 * content-signing private key) are stored sealed:
 * AES-256-GCM under a key of the hub's key ring, as `enc:v1:<key id>:<iv>:<ciphertext+tag>`
 * (base64url). The key id says which key sealed a value, so keys rotate: the first key of the
 * ring seals, every key opens. Each value is bound to its place (`context`, e.g. the column and
 * the user id) as associated data, so a sealed value copied to another row does not open.
 */

export const SEALED_PREFIX = 'enc:v1:';
export const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;

export interface SecretKey {
  readonly id: string;
  readonly key: Buffer;
}

/** A stored secret this hub cannot open: its key is missing or wrong. Never a silent fallback. */
export class SecretUnreadableError extends HubProblem {
  override name = 'SecretUnreadableError';
  constructor(
    readonly keyId: string | null,
    what: string,
    reason: 'unknown-key' | 'wrong-key' | 'not-sealed' | 'malformed',
  ) {
    const why = {
      'unknown-key': `it was encrypted with key "${keyId ?? ''}", which this hub does not have`,
      'wrong-key': `key "${keyId ?? ''}" of this hub does not fit it (another key under the same id, or the value was altered)`,
      'not-sealed': 'it is stored unencrypted, which this hub never writes',
      malformed: 'the stored value is damaged',
    }[reason];
    super(503, 'secret-unreadable', `the hub cannot read the stored ${what}: ${why}. Restore the hub's secret keys (SECRET_KEYS, SECRET_KEYS_FILE or DATA_DIR/secret-keys)`);
  }
}

export interface SecretBox {
  /** The key new values are sealed with. */
  readonly currentKeyId: string;
  seal(plaintext: string, context: string): string;
  /** The plaintext, or SecretUnreadableError (never the sealed text, never null). `what` names it in the error. */
  open(sealed: string, context: string, what: string): string;
  /** The key id a sealed value names, or null when the value is not sealed. */
  keyIdOf(value: string): string | null;
}

export function isSealed(value: string): boolean {
  return value.startsWith(SEALED_PREFIX);
}

export function createSecretBox(keys: readonly SecretKey[]): SecretBox {
  const [current] = keys;
  if (current === undefined) throw new Error('a secret box needs at least one key');
  for (const key of keys) {
    if (!KEY_ID_PATTERN.test(key.id)) throw new Error(`secret key id "${key.id}" must be 1-40 letters, digits, - or _`);
    if (key.key.length !== KEY_BYTES) throw new Error(`secret key "${key.id}" must be ${KEY_BYTES} bytes`);
  }
  const byId = new Map(keys.map((key) => [key.id, key.key]));
  if (byId.size !== keys.length) throw new Error('two secret keys have the same id');

  const keyIdOf = (value: string): string | null => (isSealed(value) ? (value.slice(SEALED_PREFIX.length).split(':')[0] ?? null) : null);

  return {
    currentKeyId: current.id,
    keyIdOf,
    seal(plaintext, context) {
      const iv = crypto.randomBytes(IV_BYTES);
      const cipher = crypto.createCipheriv('aes-256-gcm', current.key, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return `${SEALED_PREFIX}${current.id}:${iv.toString('base64url')}:${body.toString('base64url')}`;
    },
    open(sealed, context, what) {
      if (!isSealed(sealed)) throw new SecretUnreadableError(null, what, 'not-sealed');
      const [keyId, ivText, bodyText, ...rest] = sealed.slice(SEALED_PREFIX.length).split(':');
      if (keyId === undefined || ivText === undefined || bodyText === undefined || rest.length > 0) throw new SecretUnreadableError(null, what, 'malformed');
      const key = byId.get(keyId);
      if (key === undefined) throw new SecretUnreadableError(keyId, what, 'unknown-key');
      const iv = Buffer.from(ivText, 'base64url');
      const body = Buffer.from(bodyText, 'base64url');
      if (iv.length !== IV_BYTES || body.length < TAG_BYTES) throw new SecretUnreadableError(keyId, what, 'malformed');
      try {
        const decipher = crypto.createDecipheriv('aes-256-gcm', key, iv);
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
        return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretUnreadableError(keyId, what, 'wrong-key');
      }
    },
  };
}

/** Where each sealed secret lives: the associated data that binds a value to its row. */
export const secretContexts = {
  totpSecret: (userId: string) => `users.totp_secret:${userId}`,
  pendingTotpSecret: (userId: string) => `sessions.pending_totp_secret:${userId}`,
  webhookSecret: (tenantId: string) => `fleet_alert_webhooks.secret:${tenantId}`,
  forwardingApiKey: (tenantId: string) => `forwarding_settings.api_key:${tenantId}`,
  contentSigningKey: (tenantId: string, keyId: string) => `content_signing_keys.private_key:${tenantId}:${keyId}`,
} as const;
