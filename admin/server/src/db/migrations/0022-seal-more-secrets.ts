import type { Kysely, Migration } from 'kysely';
import type { SecretBox } from '../../security/secret-box.js';
import { SEALED_BY_0022, sealPlaintextSecrets } from '../../security/stored-secrets.js';

/**
 * The last secrets the hub kept in plaintext: the forwarding CRM target's api_key
 * (forwarding_settings.api_key) and each municipality's Ed25519 content-signing private key
 * (content_signing_keys.private_key, PEM). Like 0020, a data migration built with the hub's secret
 * key: it seals the rows an older hub left (bound to their row: the tenant, and for a signing key
 * its key id); the columns stay text. Without a key it refuses when there are rows to seal, and
 * does nothing on empty tables. Imports the security module beyond kysely, as 0020 does.
 */
export function sealMoreSecretsMigration(box: SecretBox | undefined): Migration {
  return {
    up: async (db: Kysely<unknown>) => {
      await sealPlaintextSecrets(db, box, SEALED_BY_0022);
    },
    // Forward-only in effect, like 0020: no schema to undo, and plaintext is no state to return to.
    down: async () => undefined,
  };
}
