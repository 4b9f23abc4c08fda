/**
 * Kiosk store step 6: usage counts waiting to go to the hub (issue 4 analytics). Counts, not
 * events, and never personal data: one row per day and combination the console groups by. A row
 * is deleted once a batch holding it was accepted; `batch_id` pins rows to the batch in flight so
 * a resend after a lost answer carries the same id (the hub counts it once).
 */
export const sql = `
  CREATE TABLE analytics_counts (
    day TEXT NOT NULL,
    type TEXT NOT NULL,
    journey TEXT NOT NULL,
    step TEXT NOT NULL,
    reason TEXT NOT NULL,
    locale TEXT NOT NULL,
    modes TEXT NOT NULL,
    detail TEXT NOT NULL,
    count INTEGER NOT NULL,
    batch_id TEXT
  );
  CREATE UNIQUE INDEX analytics_counts_open ON analytics_counts (day, type, journey, step, reason, locale, modes, detail) WHERE batch_id IS NULL;
  CREATE INDEX analytics_counts_batch ON analytics_counts (batch_id);
`;
