/**
 * The finer states staff give a case, each mapped to Open311's open|closed. `received` is where
 * every case starts (cases/service.ts INITIAL_DETAILED_STATUS). `duplicate` is reached only by a
 * merge, so a duplicate always points at the case it was merged into.
 */
export const DETAILED_STATUSES = {
  received: 'open',
  'in-progress': 'open',
  planned: 'open',
  'waiting-for-citizen': 'open',
  resolved: 'closed',
  rejected: 'closed',
  duplicate: 'closed',
} as const satisfies Record<string, 'open' | 'closed'>;

export type DetailedStatus = keyof typeof DETAILED_STATUSES;
export const DETAILED_STATUS_NAMES = Object.keys(DETAILED_STATUSES) as [DetailedStatus, ...DetailedStatus[]];
export const MERGED_DETAILED_STATUS = 'duplicate' satisfies DetailedStatus;

/** What staff may set by hand: every state but `duplicate`. */
export const SETTABLE_DETAILED_STATUSES = DETAILED_STATUS_NAMES.filter((s) => s !== MERGED_DETAILED_STATUS) as [DetailedStatus, ...DetailedStatus[]];

export function openOrClosed(detailed: DetailedStatus): 'open' | 'closed' {
  return DETAILED_STATUSES[detailed];
}
