/** The workflow's tunable numbers, in one place (the hub's HubConfig does not carry them yet). */

/** Cases per page of the staff queue when the console does not ask for a size. */
export const DEFAULT_QUEUE_PAGE_SIZE = 50;
/** Largest page of the staff queue: big enough for a screen, small enough to stay fast. */
export const MAX_QUEUE_PAGE_SIZE = 200;
/** Longest public or internal note (the same bound Open311 puts on a description). */
export const MAX_NOTE_CHARS = 4000;
/** Audit rows per page, default and maximum. */
export const DEFAULT_AUDIT_PAGE_SIZE = 100;
export const MAX_AUDIT_PAGE_SIZE = 500;
/** Longest label of an Open311 API key. */
export const MAX_API_KEY_LABEL_CHARS = 100;
/** Oldest age filter accepted (ten years): a larger number is a typo, not a query. */
export const MAX_AGE_FILTER_DAYS = 3650;
