/**
 * Kiosk store step 3: dead-letter reporting, fixes from the console and the outbox's history.
 * Payload encryption needs no column: `requests.payload` holds `v1:` ciphertext from now on, and
 * rows written in plaintext by older agents are sealed in code on first start (the key is not
 * SQL's to hold); see store/payload-crypto.ts and RequestsRepository.
 */
export const sql = `
  -- What the hub answered when it refused the row (HTTP status), and when.
  ALTER TABLE outbox ADD COLUMN dead_status INTEGER;
  ALTER TABLE outbox ADD COLUMN dead_at TEXT;
  -- When the hub took our report of this dead letter (NULL: still to report), and its id there.
  ALTER TABLE outbox ADD COLUMN dead_reported_at TEXT;
  ALTER TABLE outbox ADD COLUMN hub_dead_letter_id TEXT;
  -- The last console fix applied to this row: a fix seen twice (lost confirmation) is applied once.
  ALTER TABLE outbox ADD COLUMN applied_fix_id TEXT;

  -- Every refusal and every fix, in order: a fixed row starts afresh but its past is kept.
  CREATE TABLE outbox_history (
    id INTEGER PRIMARY KEY,
    outbox_id INTEGER NOT NULL REFERENCES outbox(id),
    at TEXT NOT NULL,
    event TEXT NOT NULL CHECK (event IN ('dead', 'fixed')),
    idempotency_key TEXT NOT NULL,
    status INTEGER,
    error TEXT
  );
  CREATE INDEX outbox_history_row ON outbox_history (outbox_id, id);
  CREATE INDEX outbox_dead_unreported ON outbox (state, dead_reported_at);
`;
