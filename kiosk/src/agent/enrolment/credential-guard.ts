import type { Log } from '../log.js';
import type { BatchOutcome } from '../outbox/hub-calls.js';
import type { OutboxItem } from '../store/requests-repository.js';
import type { SubmitOutcome } from '../sync/hub-client.js';

/** How long a submission waits before the (stopped) sender would look at it again: effectively never. */
const REVOKED_RETRY_MS = 24 * 60 * 60 * 1000;

/** HubClient's heartbeat error says `hub answered <status>`; 401 means the credential is refused. */
const UNAUTHORISED = /\banswered 401\b/;

/**
 * Watches the hub's answers for 401: the kiosk's credential was revoked (or never valid). From then
 * on nothing is sent (no hammering), every pending request stays in the outbox (nothing dead-lettered,
 * nothing deleted), and kiosk.describe reports `credential: 'revoked'`. Only a new enrolment or
 * credential (and a restart) lifts it.
 */
export class CredentialGuard {
  private revoked = false;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly log: Log) {}

  state(): 'ok' | 'revoked' {
    return this.revoked ? 'revoked' : 'ok';
  }

  onRevoked(listener: () => void): void {
    this.listeners.add(listener);
  }

  private trip(source: string): void {
    if (this.revoked) return;
    this.revoked = true;
    // The status and where it came from; never the Authorization header or the token.
    this.log('hub refused this kiosk credential (401): stopped sending, outbox kept; re-enrol the kiosk', { source });
    for (const listener of this.listeners) listener();
  }

  /** Wraps the outbox's submit: a 401 becomes a far-off retry (row kept pending) instead of a dead letter. */
  guardSubmit(submit: (item: OutboxItem) => Promise<SubmitOutcome>): (item: OutboxItem) => Promise<SubmitOutcome> {
    return async (item) => {
      const held: SubmitOutcome = { kind: 'retry', error: 'credential refused by the hub (401)', retryAfterMs: REVOKED_RETRY_MS };
      if (this.revoked) return held;
      const outcome = await submit(item);
      if (outcome.kind === 'refused' && outcome.status === 401) {
        this.trip('submit');
        return held;
      }
      return outcome;
    };
  }

  /** Wraps the batch route the same way: a 401 on the batch as a whole trips the guard. */
  guardBatch(submit: (items: readonly OutboxItem[]) => Promise<BatchOutcome>): (items: readonly OutboxItem[]) => Promise<BatchOutcome> {
    return async (items) => {
      const held: BatchOutcome = { kind: 'retry', error: 'credential refused by the hub (401)', retryAfterMs: REVOKED_RETRY_MS };
      if (this.revoked) return held;
      const outcome = await submit(items);
      if (outcome.kind === 'unsupported' && outcome.status === 401) {
        this.trip('submit');
        return held;
      }
      return outcome;
    };
  }

  /** Wraps a heartbeat send: once revoked it is not sent at all; a 401 trips the guard. */
  async guardHeartbeat<T>(send: () => Promise<T>): Promise<T> {
    if (this.revoked) throw new Error('heartbeat not sent: credential revoked');
    try {
      return await send();
    } catch (error) {
      if (error instanceof Error && UNAUTHORISED.test(error.message)) this.trip('heartbeat');
      throw error;
    }
  }
}
