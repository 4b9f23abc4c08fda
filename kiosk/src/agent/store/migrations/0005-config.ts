/**
 * Kiosk store step 5: the kiosk configuration the hub sent and the agent applied (one row: the
 * kiosk runs one configuration), and the last version it refused and why (reported in heartbeats
 * until a later version applies). The previous configuration stays until a valid one replaces it.
 */
export const sql = `
  CREATE TABLE applied_config (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL,
    body TEXT NOT NULL,
    applied_at TEXT NOT NULL
  );
  CREATE TABLE refused_config (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL,
    message TEXT NOT NULL,
    refused_at TEXT NOT NULL
  );
`;
