import type { Kysely } from 'kysely';

/** Placeholder: kiosk enrolment codes (issue 6). */
export async function up(_db: Kysely<unknown>): Promise<void> {}
