import type { Kysely } from 'kysely';

/** Tables for staff workflow (assignment, internal notes, merges, audit). (Filled in by the work that needs them; forward-only once shipped.) */
export async function up(_db: Kysely<unknown>): Promise<void> {}
