/**
 * Migration 0005's tables and columns as Kysely sees them. They live here (not in db/schema.ts)
 * until the lead merges them there; repositories reach them with `db.withTables<WorkflowTables>()`,
 * which adds the new columns to `service_requests` by intersection.
 */

export interface WorkflowCaseColumns {
  /** The staff user handling the case (same tenant, a role that may change cases). */
  assignee_id: string | null;
  /** Open311 `expected_datetime`, ISO UTC text. */
  expected_at: string | null;
  /** Set on a duplicate: the case it was merged into (which stays open and keeps going). */
  merged_into_id: string | null;
}

export interface CaseInternalNotesTable {
  id: string;
  tenant_id: string;
  request_id: string;
  author_id: string;
  /** Staff-only; may mention the citizen, so never logged nor shown publicly. */
  body: string;
  created_at: string;
}

/** Append-only: the repository offers insert and select, nothing else. */
export interface AuditLogTable {
  id: string;
  tenant_id: string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  target_type: string;
  target_id: string;
  /** JSON object of ids, codes and states; never free text a citizen or caseworker typed. */
  details: string;
  ip: string | null;
  created_at: string;
}

// A type alias, not an interface: Kysely's withTables() needs an index-signature-compatible type.
export type WorkflowTables = {
  service_requests: WorkflowCaseColumns;
  case_internal_notes: CaseInternalNotesTable;
  audit_log: AuditLogTable;
};
