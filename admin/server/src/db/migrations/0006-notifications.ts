import type { Kysely } from 'kysely';

/** Tables for notifications, retention and transparency figures. (Filled in by the work that needs them; forward-only once shipped.) */
export async function up(_db: Kysely<unknown>): Promise<void> {}
