/** The workflow's tunable numbers, in one place (the hub's HubConfig does not carry them yet). */

// The queue's and notes' bounds are part of the console contract, so they live in @kiosk/shared.
export { DEFAULT_QUEUE_PAGE_SIZE, MAX_AGE_FILTER_DAYS, MAX_BULK_CASES, MAX_NOTE_CHARS, MAX_QUEUE_PAGE_SIZE } from '@kiosk/shared';

/** Audit rows per page, default and maximum. */
export const DEFAULT_AUDIT_PAGE_SIZE = 100;
export const MAX_AUDIT_PAGE_SIZE = 500;
/** Longest label of an Open311 API key. */
export const MAX_API_KEY_LABEL_CHARS = 100;
