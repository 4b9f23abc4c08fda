import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './0001-initial.js';
import * as open311Complete from './0002-open311-complete.js';

/**
 * Every migration, in order, listed by hand: a static list survives bundling and never picks up
 * a stray file. Names sort in the order they must run; never rename or edit a shipped one.
 */
const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-initial': initial,
  '0002-open311-complete': open311Complete,
};

export const staticMigrationProvider: MigrationProvider = {
  getMigrations: async () => ({ ...MIGRATIONS }),
};
