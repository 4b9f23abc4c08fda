import type { Kysely } from 'kysely';

/** Placeholder: desired and reported kiosk configuration, rollouts in rings (issue 6). */
export async function up(_db: Kysely<unknown>): Promise<void> {}
