/**
 * The detailed statuses live in @kiosk/shared (schemas/workflow.ts), so the console names the
 * same states; the hub's modules keep importing them from here.
 */
import { DETAILED_STATUSES, type DetailedStatus } from '@kiosk/shared';

export { DETAILED_STATUSES, DETAILED_STATUS_NAMES, MERGED_DETAILED_STATUS, SETTABLE_DETAILED_STATUSES } from '@kiosk/shared';
export type { DetailedStatus } from '@kiosk/shared';

export function openOrClosed(detailed: DetailedStatus): 'open' | 'closed' {
  return DETAILED_STATUSES[detailed];
}
