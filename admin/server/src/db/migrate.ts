import { Migrator } from 'kysely';
import type { Kysely } from 'kysely';
import type { HubDatabase } from './schema.js';
import type { SecretBox } from '../security/secret-box.js';
import { migrationProvider } from './migrations/index.js';

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/**
 * Brings the schema up to date. Throws (naming the failed migration) and leaves the rest applied.
 * `options.secrets`: the hub's secret key ring, for migrations that seal stored secrets.
 */
export async function migrateToLatest(db: Kysely<HubDatabase>, options: { secrets?: SecretBox } = {}): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider(options.secrets) });
  const { error, results = [] } = await migrator.migrateToLatest();
  const failed = results.find((r) => r.status === 'Error');
  if (error !== undefined) {
    const cause = error instanceof Error ? error.message : String(error);
    throw new MigrationError(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${cause}`, { cause: error });
  }
  return results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
