import type { AgentDatabase } from '../store/database.js';
import type { JobResult } from '@kiosk/shared';

export type JobOutcome = 'succeeded' | 'failed' | 'rejected';

export interface FinishedJob {
  readonly jobId: string;
  readonly outcome: JobOutcome;
  readonly result: JobResult | null;
  readonly error: string | null;
}

interface Row {
  job_id: string;
  outcome: JobOutcome;
  result: string | null;
  error: string | null;
}

/** The kiosk's memory of jobs it took on (table job_runs, store migration 0004). */
export class JobStore {
  constructor(
    private readonly db: AgentDatabase,
    private readonly now: () => Date = () => new Date(),
  ) {}

  has(jobId: string): boolean {
    return this.db.prepare('SELECT 1 FROM job_runs WHERE job_id = ?').get(jobId) !== undefined;
  }

  /** Takes the job on; false when this kiosk already did (it never runs twice). Committed before the job runs. */
  claim(jobId: string, type: string): boolean {
    const result = this.db.prepare("INSERT OR IGNORE INTO job_runs (job_id, type, state, started_at) VALUES (?, ?, 'started', ?)").run(jobId, type, this.now().toISOString());
    return result.changes === 1;
  }

  /** Undoes a claim for a job that did NOT run (the hub could not be told it started). */
  release(jobId: string): void {
    this.db.prepare("DELETE FROM job_runs WHERE job_id = ? AND state = 'started'").run(jobId);
  }

  finish(jobId: string, outcome: JobOutcome, result: JobResult | null, error: string | null): void {
    this.db
      .prepare("UPDATE job_runs SET state = 'finished', outcome = ?, result = ?, error = ?, finished_at = ? WHERE job_id = ? AND state = 'started'")
      .run(outcome, result === null ? null : JSON.stringify(result), error, this.now().toISOString(), jobId);
  }

  /** Claim and finish at once: a job refused without running (unknown type, not possible here). */
  refuse(jobId: string, type: string, error: string): void {
    this.db.transaction(() => {
      if (this.claim(jobId, type)) this.finish(jobId, 'rejected', null, error);
    })();
  }

  /** After a crash: jobs that started but never finished are failed, never re-run. Returns how many. */
  failInterrupted(): number {
    return this.db
      .prepare("UPDATE job_runs SET state = 'finished', outcome = 'failed', error = 'interrupted', finished_at = ? WHERE state = 'started'")
      .run(this.now().toISOString()).changes;
  }

  unreported(): FinishedJob[] {
    const rows = this.db.prepare("SELECT job_id, outcome, result, error FROM job_runs WHERE state = 'finished' AND reported = 0 ORDER BY finished_at, job_id").all() as Row[];
    return rows.map((row) => ({ jobId: row.job_id, outcome: row.outcome, result: row.result === null ? null : (JSON.parse(row.result) as JobResult), error: row.error }));
  }

  /** Maintenance mode set by a remote job survives a restart (table meta of the first store step). */
  maintenance(): boolean {
    const row = this.db.prepare("SELECT value FROM meta WHERE key = 'maintenance-by-job'").get() as { value: string } | undefined;
    return row?.value === 'on';
  }

  setMaintenance(on: boolean): void {
    this.db.prepare("INSERT INTO meta (key, value) VALUES ('maintenance-by-job', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(on ? 'on' : 'off');
  }

  markReported(jobId: string): void {
    this.db.prepare('UPDATE job_runs SET reported = 1 WHERE job_id = ?').run(jobId);
  }
}
