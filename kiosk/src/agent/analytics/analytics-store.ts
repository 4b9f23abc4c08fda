import { randomUUID } from 'node:crypto';
import { countKeyOf, countSlotOf, type AnalyticsBatch, type AnalyticsCount, type AnalyticsEvent } from '@kiosk/shared';
import type { AgentDatabase } from '../store/database.js';

const KEY_COLUMNS = ['day', 'hour', 'type', 'journey', 'step', 'reason', 'locale', 'modes', 'detail'] as const;

type StoredRow = Omit<AnalyticsCount, 'hour'> & { hour: number | null };

/** A row counted before the store kept hours (NULL) goes without one: the hub files it as "hour unknown". */
function toCount({ hour, ...row }: StoredRow): AnalyticsCount {
  return hour === null ? row : { ...row, hour };
}

/** Usage counts kept in the kiosk store until the hub has them (see README.md). */
export class AnalyticsStore {
  constructor(
    private readonly db: AgentDatabase,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Adds one event to the count of this hour (UTC, see countSlotOf) for its combination. */
  record(event: AnalyticsEvent): void {
    const key = countKeyOf(event, countSlotOf(this.now()));
    // A no-result query that held a digit or an @ is dropped, not counted under an empty text.
    if (event.type === 'faq.no-result' && key.detail === '') return;
    const values = KEY_COLUMNS.map((column) => key[column]);
    this.db
      .prepare(
        `INSERT INTO analytics_counts (${KEY_COLUMNS.join(', ')}, count) VALUES (${KEY_COLUMNS.map(() => '?').join(', ')}, 1)
         ON CONFLICT (${KEY_COLUMNS.join(', ')}) WHERE batch_id IS NULL DO UPDATE SET count = count + 1`,
      )
      .run(...values);
  }

  /**
   * The batch to send: the one already in flight (same id, same rows) if a send failed, else a
   * new one pinning up to `limit` open rows. Null when there is nothing to send.
   */
  nextBatch(limit = 500): AnalyticsBatch | null {
    return this.db.transaction((): AnalyticsBatch | null => {
      const pending = this.db.prepare('SELECT batch_id FROM analytics_counts WHERE batch_id IS NOT NULL LIMIT 1').get() as { batch_id: string } | undefined;
      let batchId = pending?.batch_id;
      if (batchId === undefined) {
        batchId = randomUUID();
        const pinned = this.db
          .prepare('UPDATE analytics_counts SET batch_id = ? WHERE rowid IN (SELECT rowid FROM analytics_counts WHERE batch_id IS NULL ORDER BY day, hour, rowid LIMIT ?)')
          .run(batchId, limit);
        if (pinned.changes === 0) return null;
      }
      const rows = this.db.prepare(`SELECT ${KEY_COLUMNS.join(', ')}, count FROM analytics_counts WHERE batch_id = ?`).all(batchId) as Array<StoredRow>;
      return { batchId, counts: rows.map(toCount) };
    })();
  }

  /** The hub took the batch: its rows are gone from the kiosk. */
  acknowledge(batchId: string): void {
    this.db.prepare('DELETE FROM analytics_counts WHERE batch_id = ?').run(batchId);
  }

  /** Counts not yet accepted by the hub (for tests and heartbeats). */
  pendingCount(): number {
    return (this.db.prepare('SELECT COALESCE(SUM(count), 0) AS total FROM analytics_counts').get() as { total: number }).total;
  }
}
