import type { Kysely, Migration } from 'kysely';
import type { SecretBox } from '../../security/secret-box.js';
import { SEALED_BY_0020, sealPlaintextSecrets } from '../../security/stored-secrets.js';

/**
 * Issue 7: the admins' TOTP seeds (users.totp_secret, sessions.pending_totp_secret) and the alert
 * webhooks' signing secrets were stored in plaintext. This data migration seals the rows an older
 * hub left, with the hub's current secret key (security/secret-box.ts); the columns stay text.
 * The key comes from the hub's configuration, so the migration is built with it: a database with
 * plaintext secrets cannot be migrated without one (the error says so), an empty one can.
 * Imports the security module beyond kysely: the sealed format and the row contexts live there.
 */
export function encryptSecretsMigration(box: SecretBox | undefined): Migration {
  return {
    up: async (db: Kysely<unknown>) => {
      await sealPlaintextSecrets(db, box, SEALED_BY_0020);
    },
    // Forward-only in effect: writing the secrets back in plaintext is no state anyone should return to.
    down: async () => undefined,
  };
}
