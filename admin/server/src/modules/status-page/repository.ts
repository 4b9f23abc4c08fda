import type { HubDb } from '../../db/database.js';

/** What the public status page may show: nothing personal, by construction of this select. */
export interface PublicCaseRow {
  readonly id: string;
  readonly local_reference: string | null;
  readonly service_code: string;
  readonly status: string;
  readonly detailed_status: string;
  readonly requested_at: string;
  readonly updated_at: string;
  readonly expected_at: string | null;
  readonly tenant_id: string;
  readonly time_zone: string;
  readonly tenant_name: string;
}

/**
 * A case by its kiosk reference (issuer codes are unique across the hub, so the reference alone
 * finds it, whatever the municipality).
 */
export async function findPublicCase(db: HubDb, reference: string): Promise<PublicCaseRow | undefined> {
  return db
    .selectFrom('service_requests as r')
    .innerJoin('tenants as t', 't.id', 'r.tenant_id')
    .select([
      'r.id',
      'r.local_reference',
      'r.service_code',
      'r.status',
      'r.detailed_status',
      'r.requested_at',
      'r.updated_at',
      'r.expected_at',
      'r.tenant_id',
      't.time_zone',
      't.name as tenant_name',
    ])
    .where('r.local_reference', '=', reference)
    .executeTakeFirst();
}
