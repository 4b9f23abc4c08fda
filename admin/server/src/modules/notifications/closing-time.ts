/** When a case was closed, from its status history. Pure: shared by the figures and by retention. */

export interface StatusEvent {
  readonly status: 'open' | 'closed';
  readonly created_at: string;
}

/**
 * The start of the case's final closed run: a case reopened and closed again counts from its last
 * closing, and a note added to a closed case (another 'closed' row) does not move it.
 * Null when the history does not end closed. `events` must be oldest first.
 */
export function closedAt(events: readonly StatusEvent[]): string | null {
  let closedSince: string | null = null;
  for (const event of events) {
    if (event.status === 'open') closedSince = null;
    else closedSince ??= event.created_at;
  }
  return closedSince;
}
