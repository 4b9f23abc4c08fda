import type { Kysely } from 'kysely';

/** Placeholder: remote jobs for kiosks (issue 6). */
export async function up(_db: Kysely<unknown>): Promise<void> {}
