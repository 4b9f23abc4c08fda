import { formatterFor } from '../../http/time.js';

/**
 * Wall-clock arithmetic in an IANA time zone (pure; Intl knows the rules). Days are
 * `YYYY-MM-DD`, times of day are minutes after midnight. DST-safe: a wall time that does not
 * exist (the spring-forward gap) has no instant, and one that happens twice (fall back) maps to
 * its first occurrence.
 */

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

export function isTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface WallClock {
  readonly day: string;
  readonly minutes: number;
  /** The wall clock read as if it were UTC, in ms. */
  readonly asUtcMs: number;
}

export function wallClockOf(instantMs: number, timeZone: string): WallClock {
  const parts = Object.fromEntries(formatterFor(timeZone).formatToParts(new Date(instantMs)).map((p) => [p.type, p.value]));
  const [year, month, day, hour, minute, second] = ['year', 'month', 'day', 'hour', 'minute', 'second'].map((k) => Number(parts[k]));
  const asUtcMs = Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1, hour ?? 0, minute ?? 0, second ?? 0);
  return { day: `${parts['year']}-${parts['month']}-${parts['day']}`, minutes: (hour ?? 0) * 60 + (minute ?? 0), asUtcMs };
}

/** Offset from UTC in minutes at an instant (+60 for Madrid in winter). */
export function offsetMinutesAt(instantMs: number, timeZone: string): number {
  const wholeSeconds = Math.floor(instantMs / 1000) * 1000;
  return Math.round((wallClockOf(wholeSeconds, timeZone).asUtcMs - wholeSeconds) / MINUTE_MS);
}

export function isDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  return new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);
}

function dayStartUtcMs(day: string): number {
  if (!isDay(day)) throw new RangeError(`not a day (YYYY-MM-DD): ${day}`);
  return Date.parse(`${day}T00:00:00Z`);
}

export function addDays(day: string, count: number): string {
  return new Date(dayStartUtcMs(day) + count * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((dayStartUtcMs(to) - dayStartUtcMs(from)) / DAY_MS);
}

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(day: string): number {
  const weekday = new Date(dayStartUtcMs(day)).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/** `09:30` -> 570; null when it is not a time of day (24:00 is allowed as a closing time). */
export function clockMinutes(text: string): number | null {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(text);
  if (match === null) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes <= 24 * 60 ? minutes : null;
}

/**
 * The instant a wall-clock time on a day happens in a zone, or null when it never happens
 * (inside a DST gap). Zone transitions are at least days apart, so the offsets a day before and
 * a day after cover every candidate.
 */
export function localToUtc(day: string, minutes: number, timeZone: string): Date | null {
  const wallMs = dayStartUtcMs(day) + minutes * MINUTE_MS;
  const offsets = new Set([offsetMinutesAt(wallMs - DAY_MS, timeZone), offsetMinutesAt(wallMs + DAY_MS, timeZone)]);
  const instants = [...offsets]
    .map((offset) => wallMs - offset * MINUTE_MS)
    .filter((instant) => wallClockOf(instant, timeZone).asUtcMs === wallMs)
    .sort((a, b) => a - b);
  const [first] = instants;
  return first === undefined ? null : new Date(first);
}

export function localDayOf(instant: Date, timeZone: string): string {
  return wallClockOf(instant.getTime(), timeZone).day;
}
