/**
 * Tables of migration 0008, as Kysely sees them. They live here (not in db/schema.ts) until the
 * lead merges them there; repositories reach them with `db.withTables<ForwardingTables>()`.
 */

export type ForwardingFormat = 'json' | 'xml';
/** pending: waiting for its next attempt; inflight: claimed (a lease: due again if it expires); done; dead: gave up. */
export type ForwardingState = 'pending' | 'inflight' | 'done' | 'dead';

export interface ForwardingSettingsTable {
  tenant_id: string;
  base_url: string;
  jurisdiction_id: string | null;
  api_key: string;
  format: ForwardingFormat;
  enabled: 0 | 1;
  enabled_at: string | null;
  updated_at: string;
}

export interface ForwardingOutboxTable {
  tenant_id: string;
  request_id: string;
  state: ForwardingState;
  attempts: number;
  next_attempt_at: string;
  first_posted_at: string | null;
  /** e.g. `http-400`, `network`, `timeout`, `bad-answer`: never a personal value. */
  last_error_code: string | null;
  /** The CRM's Open311 error codes and descriptions (about fields, not people); never logged. */
  last_error_detail: string | null;
  external_id: string | null;
  external_token: string | null;
  external_status: string | null;
  external_detailed_status: string | null;
  external_notes: string | null;
  created_at: string;
  updated_at: string;
}

// A type alias, not an interface: Kysely's withTables() needs an index-signature-compatible type.
export type ForwardingTables = {
  forwarding_settings: ForwardingSettingsTable;
  forwarding_outbox: ForwardingOutboxTable;
};
