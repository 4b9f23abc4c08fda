import { sql as outboxEncryption } from './migrations/0003-outbox-encryption.js';
import { sql as jobs } from './migrations/0004-jobs.js';
import { sql as config } from './migrations/0005-config.js';
import { sql as analytics } from './migrations/0006-analytics.js';
import { sql as analyticsHour } from './migrations/0007-analytics-hour.js';

/** The kiosk store's schema, one forward-only step per entry (index + 1 = user_version). */
export const migrations: readonly string[] = [
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

  -- One row per request filed at this kiosk. payload holds what the citizen entered until the hub
  -- acknowledged it; then it is set to NULL so personal data leaves the kiosk (platform.md).
  CREATE TABLE requests (
    id INTEGER PRIMARY KEY,
    reference TEXT NOT NULL UNIQUE,
    sequence INTEGER NOT NULL UNIQUE,
    service_code TEXT NOT NULL,
    locale TEXT NOT NULL,
    created_at TEXT NOT NULL,
    payload TEXT,
    server_id TEXT
  );

  -- The outbox: written in the same transaction as the request; the key is minted once, never remade.
  CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL UNIQUE REFERENCES requests(id),
    idempotency_key TEXT NOT NULL UNIQUE,
    payload_hash TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'inflight', 'acked', 'dead')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error TEXT,
    acked_at TEXT
  );
  CREATE INDEX outbox_due ON outbox (state, next_attempt_at, id);

  -- The last catalogue the hub sent, per language: the kiosk keeps serving it when offline.
  CREATE TABLE catalog_cache (locale TEXT PRIMARY KEY, body TEXT NOT NULL, fetched_at TEXT NOT NULL);
  `,
  `
  -- The renderer's id for the draft: a retried request.file finds its first filing instead of
  -- filing twice. And what the printer said about its receipt, to answer such a retry honestly.
  ALTER TABLE requests ADD COLUMN draft_id TEXT;
  CREATE UNIQUE INDEX requests_draft_id ON requests (draft_id);
  ALTER TABLE requests ADD COLUMN receipt_state TEXT;
  ALTER TABLE requests ADD COLUMN receipt_reason TEXT;
  ALTER TABLE requests ADD COLUMN receipt_warning TEXT;
  `,
  outboxEncryption,
  jobs,
  config,
  analytics,
  analyticsHour,
];
