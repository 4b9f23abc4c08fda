import { WEEKDAYS, type OpeningHours, type Weekday } from '@kiosk/shared';

/**
 * Whether the kiosk serves citizens at an instant, by its configured opening hours, and when it
 * opens next. Everything is read in the kiosk's own time zone (the configuration's), not the
 * machine's, so a kiosk whose clock runs in UTC still opens at 09:00 local time.
 */

export interface NextOpening {
  readonly weekday: Weekday;
  /** HH:MM in the kiosk's time zone. */
  readonly time: string;
  /** 0: later today, 1: tomorrow, up to 7: the same weekday next week. */
  readonly daysAhead: number;
}

export type OpeningStatus = { readonly open: true } | { readonly open: false; readonly next: NextOpening | null };

/** Null hours: always open. */
export function openingStatus(hours: OpeningHours | null, now: Date): OpeningStatus {
  if (hours === null) return { open: true };
  const { weekdayIndex, minutes } = localClock(now, hours.timeZone);
  const today = hours.week[WEEKDAYS[weekdayIndex] ?? 'mon'];
  if (today.some((interval) => minutesOf(interval.from) <= minutes && minutes < minutesOf(interval.to))) return { open: true };
  for (let daysAhead = 0; daysAhead <= 7; daysAhead += 1) {
    const weekday = WEEKDAYS[(weekdayIndex + daysAhead) % 7] ?? 'mon';
    const later = hours.week[weekday].find((interval) => daysAhead > 0 || minutesOf(interval.from) > minutes);
    if (later) return { open: false, next: { weekday, time: later.from, daysAhead } };
  }
  // A week with no interval at all: closed until someone changes the configuration.
  return { open: false, next: null };
}

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

const WEEKDAY_OF_SHORT: Readonly<Record<string, number>> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };

/** The weekday (0 = Monday) and minutes since midnight of `now` in `timeZone`. */
function localClock(now: Date, timeZone: string): { weekdayIndex: number; minutes: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return { weekdayIndex: WEEKDAY_OF_SHORT[part('weekday')] ?? 0, minutes: Number(part('hour')) * 60 + Number(part('minute')) };
}
