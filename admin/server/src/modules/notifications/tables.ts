/**
 * Tables of migration 0006, as Kysely sees them. They live here (not in db/schema.ts) until the
 * lead merges them there; repositories reach them with `db.withTables<NotificationTables>()`.
 */
import type { CaseExtraTables } from '../cases/history-tables.js';

export type NotificationChannel = 'email' | 'sms';
export type NotificationKind = 'case-status-changed' | 'appointment-confirmed' | 'appointment-reminder';
/** pending: waiting for its next attempt; sent; dead: gave up; cancelled: consent withdrawn or data erased. */
export type OutboxState = 'pending' | 'sent' | 'dead' | 'cancelled';

export interface ServiceSlaTable {
  tenant_id: string;
  service_code: string;
  sla_days: number;
  updated_at: string;
}

export interface RetentionPoliciesTable {
  tenant_id: string;
  closed_case_days: number;
  updated_at: string;
}

export interface CaseContactPreferencesTable {
  tenant_id: string;
  request_id: string;
  /** 'none' records that the citizen chose the printed receipt only. */
  channel: NotificationChannel | 'none';
  consent: 0 | 1;
  locale: string;
  /** sha256 of tenant + normalised ID document: enough to find a citizen's cases, not to read the number. */
  id_document_hash: string | null;
  updated_at: string;
}

export interface NotificationOutboxTable {
  id: string;
  tenant_id: string;
  kind: NotificationKind;
  channel: NotificationChannel;
  /** Personal data: blanked when the case is anonymised. */
  recipient: string;
  locale: string;
  subject: string;
  body: string;
  request_id: string | null;
  dedupe_key: string | null;
  state: OutboxState;
  attempts: number;
  next_attempt_at: string;
  /** A transport's error code, never its message (SMTP replies quote addresses). */
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface CaseAnonymisationsTable {
  tenant_id: string;
  request_id: string;
  reason: 'retention' | 'erasure';
  anonymised_at: string;
}

export interface PrivacyAuditTable {
  id: string;
  tenant_id: string;
  action: 'retention-anonymised' | 'privacy-export' | 'privacy-erase';
  actor_user_id: string | null;
  case_count: number;
  created_at: string;
}

// A type alias, not an interface: Kysely's withTables() needs an index-signature-compatible type.
export type NotificationTables = CaseExtraTables & {
  service_sla: ServiceSlaTable;
  retention_policies: RetentionPoliciesTable;
  case_contact_preferences: CaseContactPreferencesTable;
  notification_outbox: NotificationOutboxTable;
  case_anonymisations: CaseAnonymisationsTable;
  privacy_audit: PrivacyAuditTable;
};
