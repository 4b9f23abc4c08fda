import type { Kysely } from 'kysely';

/** Tables for forwarding cases to a municipality's external GeoReport v2 server. */
export async function up(_db: Kysely<unknown>): Promise<void> {}
