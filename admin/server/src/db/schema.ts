/**
 * The hub's tables as Kysely sees them. Portable types on purpose, so one migration serves
 * SQLite and PostgreSQL alike: datetimes are ISO 8601 UTC text (`toISOString()`, which sorts
 * correctly as text), booleans are integers 0/1, JSON is text.
 * Every table carries `tenant_id` (DESIGN.md section 2: sharding by municipality later).
 */

export type IsoText = string;
export type Flag = 0 | 1;

export interface TenantsTable {
  id: string;
  /** Open311 `jurisdiction_id`, e.g. `villademo.es`. */
  jurisdiction_id: string;
  name: string;
  time_zone: string;
  default_locale: string;
  office_address: string;
  office_lat: number | null;
  office_long: number | null;
  contact: string;
  created_at: IsoText;
}

export interface ServiceGroupsTable {
  tenant_id: string;
  code: string;
  position: number;
}

export interface ServiceGroupTranslationsTable {
  tenant_id: string;
  group_code: string;
  locale: string;
  name: string;
}

export interface ServicesTable {
  tenant_id: string;
  code: string;
  group_code: string;
  /** Open311 type: realtime | batch | blackbox. */
  type: string;
  /** 1 for procedures with no place of their own: the office address is used. */
  locationless: Flag;
  position: number;
  active: Flag;
  created_at: IsoText;
}

export interface ServiceTranslationsTable {
  tenant_id: string;
  service_code: string;
  locale: string;
  name: string;
  description: string;
  /** Comma-separated, as Open311 renders it. */
  keywords: string;
}

export interface ServiceRequestsTable {
  tenant_id: string;
  /** The hub's Open311 `service_request_id`: a per-tenant counter, rendered as a string. */
  id: string;
  service_code: string;
  status: 'open' | 'closed';
  detailed_status: string;
  status_notes: string | null;
  description: string | null;
  channel: 'kiosk' | 'web' | 'phone' | 'counter' | 'app';
  address_string: string | null;
  address_id: string | null;
  lat: number | null;
  long: number | null;
  /** 1 when the request had no place and the office address stands in (open311.md pitfall 6). */
  office_location: Flag;
  /** JSON object of attribute code -> value(s). */
  attributes: string;
  media_url: string | null;
  /** Personal data: never logged, never listed by /api/cases or Open311 GETs. */
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  phone: string | null;
  account_id: string | null;
  /** Open311 clients' own `device_id` form field (not one of our kiosks). */
  client_device_id: string | null;
  /** Our kiosk that filed it (fleet API), with its own reference and sequence. */
  device_id: string | null;
  local_reference: string | null;
  device_sequence: number | null;
  /** Staff workflow (migration 0005): who handles it, when it should be done, what it duplicates. */
  assignee_id: string | null;
  expected_at: IsoText | null;
  merged_into_id: string | null;
  /** sha256 of the kiosk's submission, to tell a re-send from a clash of references. */
  submission_fingerprint: string | null;
  locale: string | null;
  requested_at: IsoText;
  updated_at: IsoText;
}

export interface CountersTable {
  tenant_id: string;
  name: string;
  value: number;
}

export interface DevicesTable {
  id: string;
  tenant_id: string;
  /** Reference issuer code (4 base-32 characters), unique across the hub. */
  issuer: string;
  label: string;
  /** sha256 hex of the device secret (256 random bits: no slow hash needed). */
  secret_hash: string;
  created_at: IsoText;
  revoked_at: IsoText | null;
  /** Where the kiosk stands and which rollout group it is in, assigned at enrolment (0011). */
  site: string | null;
  device_group: string | null;
}

export interface IdempotencyKeysTable {
  tenant_id: string;
  device_id: string;
  key: string;
  fingerprint: string;
  state: 'processing' | 'done';
  status_code: number | null;
  response_body: string | null;
  created_at: IsoText;
}

export interface ApiKeysTable {
  id: string;
  tenant_id: string;
  /** sha256 hex of the key (256 random bits). */
  key_hash: string;
  label: string;
  channel: string;
  created_at: IsoText;
  revoked_at: IsoText | null;
}

export interface UsersTable {
  id: string;
  tenant_id: string;
  username: string;
  /** argon2id PHC string. */
  password_hash: string;
  role: 'admin' | 'caseworker' | 'editor' | 'operator' | 'viewer';
  created_at: IsoText;
  disabled_at: IsoText | null;
  /** Base32 TOTP secret once enrolled (0015); never sent to a client after enrolment. */
  totp_secret: string | null;
  /** Last accepted TOTP time step: a code at or before it is a replay. */
  totp_last_step: number | null;
  /** The one site this user works on; null = every site of the tenant. */
  site_id: string | null;
}

export interface SessionsTable {
  /** sha256 hex of the cookie value, so a database leak does not hand out live sessions. */
  id_hash: string;
  tenant_id: string;
  user_id: string;
  created_at: IsoText;
  last_seen_at: IsoText;
  expires_at: IsoText;
  /** 'second-factor' until the admin's TOTP code is checked; only 'full' sessions reach the API. */
  stage: 'full' | 'second-factor';
  /** The secret offered during TOTP enrolment, until the first good code confirms it. */
  pending_totp_secret: string | null;
}

export interface AuthThrottleTable {
  /** 'login:<username>', 'ip:<address>' or 'totp:<user id>'. */
  key: string;
  failures: number;
  window_started_at: IsoText;
  locked_until: IsoText | null;
}

export interface HubDatabase {
  tenants: TenantsTable;
  service_groups: ServiceGroupsTable;
  service_group_translations: ServiceGroupTranslationsTable;
  services: ServicesTable;
  service_translations: ServiceTranslationsTable;
  service_requests: ServiceRequestsTable;
  counters: CountersTable;
  devices: DevicesTable;
  idempotency_keys: IdempotencyKeysTable;
  api_keys: ApiKeysTable;
  users: UsersTable;
  sessions: SessionsTable;
  auth_throttle: AuthThrottleTable;
}

