import { SqliteAdapter, sql } from 'kysely';
import type { Kysely } from 'kysely';
import { isSealed, secretContexts } from './secret-box.js';
import type { SecretBox } from './secret-box.js';

/**
 * The columns that hold sealed secrets, walked as a whole: migrations 0020 and 0022 seal the
 * plaintext rows an older hub left (each its own columns), and every start reseals values of a
 * retired key with the current one (key rotation) and reports values no key opens. Each column is
 * a few rows (admins, open sign-ins, and per municipality one webhook, one CRM target, one
 * content-signing key), so they are read whole.
 */

interface SecretColumns {
  users: { id: string; totp_secret: string | null };
  sessions: { id_hash: string; user_id: string; pending_totp_secret: string | null };
  fleet_alert_webhooks: { tenant_id: string; secret: string | null };
  forwarding_settings: { tenant_id: string; api_key: string };
  content_signing_keys: { tenant_id: string; key_id: string; private_key: string };
}

/** A sealed column, as StoredSecret.where names it. */
export type SecretColumn =
  | 'users.totp_secret'
  | 'sessions.pending_totp_secret'
  | 'fleet_alert_webhooks.secret'
  | 'forwarding_settings.api_key'
  | 'content_signing_keys.private_key';

/** The columns migration 0020 sealed (issue 7). */
export const SEALED_BY_0020: readonly SecretColumn[] = ['users.totp_secret', 'sessions.pending_totp_secret', 'fleet_alert_webhooks.secret'];
/** The columns migration 0022 sealed: the CRM api_key and the content-signing private keys. */
export const SEALED_BY_0022: readonly SecretColumn[] = ['forwarding_settings.api_key', 'content_signing_keys.private_key'];

export interface StoredSecret {
  /** e.g. "users.totp_secret" */
  readonly where: SecretColumn;
  readonly value: string;
  readonly context: string;
  /** What it is, for error messages: never the value. */
  readonly what: string;
  write(db: Kysely<SecretColumns>, value: string): Promise<void>;
}

async function storedSecrets(anyDb: Kysely<unknown>, columns?: readonly SecretColumn[]): Promise<StoredSecret[]> {
  const db = anyDb as unknown as Kysely<SecretColumns>;
  const found: StoredSecret[] = [];
  const wanted = (column: SecretColumn) => columns === undefined || columns.includes(column);
  if (wanted('users.totp_secret')) for (const row of await db.selectFrom('users').select(['id', 'totp_secret']).where('totp_secret', 'is not', null).execute()) {
    if (row.totp_secret === null) continue;
    found.push({
      where: 'users.totp_secret',
      value: row.totp_secret,
      context: secretContexts.totpSecret(row.id),
      what: 'second-factor secret',
      write: async (trx, value) => void (await trx.updateTable('users').set({ totp_secret: value }).where('id', '=', row.id).execute()),
    });
  }
  if (wanted('sessions.pending_totp_secret')) for (const row of await db.selectFrom('sessions').select(['id_hash', 'user_id', 'pending_totp_secret']).where('pending_totp_secret', 'is not', null).execute()) {
    if (row.pending_totp_secret === null) continue;
    found.push({
      where: 'sessions.pending_totp_secret',
      value: row.pending_totp_secret,
      context: secretContexts.pendingTotpSecret(row.user_id),
      what: 'second-factor enrolment secret',
      write: async (trx, value) => void (await trx.updateTable('sessions').set({ pending_totp_secret: value }).where('id_hash', '=', row.id_hash).execute()),
    });
  }
  if (wanted('fleet_alert_webhooks.secret')) for (const row of await db.selectFrom('fleet_alert_webhooks').select(['tenant_id', 'secret']).where('secret', 'is not', null).execute()) {
    if (row.secret === null) continue;
    found.push({
      where: 'fleet_alert_webhooks.secret',
      value: row.secret,
      context: secretContexts.webhookSecret(row.tenant_id),
      what: 'alert webhook secret',
      write: async (trx, value) => void (await trx.updateTable('fleet_alert_webhooks').set({ secret: value }).where('tenant_id', '=', row.tenant_id).execute()),
    });
  }
  if (wanted('forwarding_settings.api_key')) for (const row of await db.selectFrom('forwarding_settings').select(['tenant_id', 'api_key']).execute()) {
    found.push({
      where: 'forwarding_settings.api_key',
      value: row.api_key,
      context: secretContexts.forwardingApiKey(row.tenant_id),
      what: 'CRM api_key',
      write: async (trx, value) => void (await trx.updateTable('forwarding_settings').set({ api_key: value }).where('tenant_id', '=', row.tenant_id).execute()),
    });
  }
  if (wanted('content_signing_keys.private_key')) for (const row of await db.selectFrom('content_signing_keys').select(['tenant_id', 'key_id', 'private_key']).execute()) {
    found.push({
      where: 'content_signing_keys.private_key',
      value: row.private_key,
      context: secretContexts.contentSigningKey(row.tenant_id, row.key_id),
      what: 'content signing key',
      write: async (trx, value) =>
        void (await trx.updateTable('content_signing_keys').set({ private_key: value }).where('tenant_id', '=', row.tenant_id).where('key_id', '=', row.key_id).execute()),
    });
  }
  return found;
}

/**
 * Seals every value of `columns` still stored in plaintext; returns how many. Needs the box only
 * when there is one. A migration passes its own columns: a shipped one never takes on more.
 */
export async function sealPlaintextSecrets(db: Kysely<unknown>, box: SecretBox | undefined, columns: readonly SecretColumn[]): Promise<number> {
  const plain = (await storedSecrets(db, columns)).filter((secret) => !isSealed(secret.value));
  if (plain.length === 0) return 0;
  if (box === undefined) {
    throw new Error(`${plain.length} stored secret(s) must be encrypted and no secret key was given: run this migration through startHub (it loads SECRET_KEYS)`);
  }
  const typed = db as unknown as Kysely<SecretColumns>;
  // No transaction of its own: a migration runs in one where the database allows (PostgreSQL),
  // and sealing is idempotent, so a half-done run on SQLite is finished by the next start.
  for (const secret of plain) await secret.write(typed, box.seal(secret.value, secret.context));
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    // The overwritten plaintext must not linger in the write-ahead log (freed cells are zeroed by
    // secure_delete, set when the hub opens SQLite). PostgreSQL's old row versions go with VACUUM.
    await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
  }
  return plain.length;
}

export interface ResealReport {
  /** Values moved from a retired key to the current one. */
  readonly resealed: number;
  /** Values no key of the ring opens: named by place and key id, never by value. */
  readonly unreadable: ReadonlyArray<{ readonly where: SecretColumn; readonly keyId: string | null; readonly reason: string }>;
}

/**
 * Key rotation at start-up: each value sealed with another key than the current one is opened and
 * sealed again. What cannot be opened is left as it is and reported (the hub keeps running; the
 * feature that needs that secret answers a clear error until the key is restored).
 */
export async function resealSecrets(db: Kysely<unknown>, box: SecretBox): Promise<ResealReport> {
  const typed = db as unknown as Kysely<SecretColumns>;
  let resealed = 0;
  const unreadable: Array<{ where: SecretColumn; keyId: string | null; reason: string }> = [];
  for (const secret of await storedSecrets(db)) {
    const keyId = box.keyIdOf(secret.value);
    try {
      const plaintext = box.open(secret.value, secret.context, secret.what);
      if (keyId === box.currentKeyId) continue;
      await secret.write(typed, box.seal(plaintext, secret.context));
      resealed += 1;
    } catch (error) {
      unreadable.push({ where: secret.where, keyId, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return { resealed, unreadable };
}
