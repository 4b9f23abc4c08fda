import Database from 'better-sqlite3';

/**
 * Read-only looks into a kiosk agent's SQLite store (safe while the agent runs: WAL lets a reader
 * in beside the writer). Only technical columns are read, never a payload.
 */

function withStore<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** Outbox rows by state, e.g. { acked: 200 } once everything reached the hub. */
export function outboxStates(file: string): Record<string, number> {
  return withStore(file, (db) => {
    const rows = db.prepare('SELECT state, COUNT(*) AS n FROM outbox GROUP BY state').all() as Array<{ state: string; n: number }>;
    return Object.fromEntries(rows.map((row) => [row.state, row.n]));
  });
}

/** Rows still to deliver (anything not acknowledged by the hub, dead letters included). */
export function undelivered(states: Record<string, number>): number {
  return Object.entries(states).reduce((sum, [state, n]) => (state === 'acked' ? sum : sum + n), 0);
}

/** Every request the kiosk stored: which draft it came from and the reference it minted. */
export function storedRequests(file: string): Array<{ draftId: string | null; reference: string }> {
  return withStore(file, (db) => db.prepare('SELECT draft_id AS draftId, reference FROM requests ORDER BY id').all() as Array<{ draftId: string | null; reference: string }>);
}
