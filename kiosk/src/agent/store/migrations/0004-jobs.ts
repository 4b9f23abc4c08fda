/**
 * Kiosk store step 4: remote jobs this kiosk took on, so each runs at most once (platform.md,
 * "Fleet scale"). A row is written (state 'started') in its own transaction BEFORE the job runs;
 * a 'started' row found at start-up means the agent died mid-job: it is reported failed
 * ('interrupted') and never run again. `reported` = 1 once the hub took the final state.
 */
export const sql = `
  CREATE TABLE job_runs (
    job_id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('started', 'finished')),
    outcome TEXT CHECK (outcome IN ('succeeded', 'failed', 'rejected')),
    result TEXT,
    error TEXT,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    reported INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX job_runs_unreported ON job_runs (reported, state);
`;
