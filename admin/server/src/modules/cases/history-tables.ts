/**
 * Tables of migration 0002 around cases, as Kysely sees them. They live here (not in
 * db/schema.ts) until the lead merges them there; repositories reach them with
 * `db.withTables<CaseExtraTables>()`.
 */

export interface ServiceRequestHistoryTable {
  id: string;
  tenant_id: string;
  request_id: string;
  status: 'open' | 'closed';
  detailed_status: string;
  /** Shown to citizens (Open311 notes[], status page); never an internal remark. */
  public_note: string | null;
  created_at: string;
}

/** Batch services (Open311 `type=batch`) answer a token; it maps to the case once it exists. */
export interface Open311TokensTable {
  token: string;
  tenant_id: string;
  service_request_id: string | null;
  created_at: string;
}

// A type alias, not an interface: Kysely's withTables() needs an index-signature-compatible type.
export type CaseExtraTables = {
  service_request_history: ServiceRequestHistoryTable;
  open311_tokens: Open311TokensTable;
};
