import type { Weekday } from '@kiosk/shared';

/** Monday = 0, as the date formatter counts. */
export const WEEKDAY_INDEX: Readonly<Record<Weekday, number>> = { mon: 0, tue: 1, wed: 2, thu: 3, fri: 4, sat: 5, sun: 6 };
