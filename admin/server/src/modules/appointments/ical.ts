import { offsetMinutesAt, wallClockOf } from './zoned-time.js';

/**
 * An appointment as an iCalendar object (RFC 5545, pure). Times are local with TZID, and the
 * VTIMEZONE the standard requires for every TZID is derived from Intl's rules for the
 * appointment's year (its actual transitions, no RRULE), so any calendar shows the right hour.
 */

export interface CalendarEvent {
  readonly uid: string;
  readonly start: Date;
  readonly end: Date;
  readonly timeZone: string;
  readonly summary: string;
  readonly location: string;
  readonly description: string;
  readonly stamp: Date;
}

/** RFC 5545 3.1: lines longer than 75 octets are folded with CRLF + space. */
export const MAX_LINE_OCTETS = 75;
const PRODUCT_ID = '-//Kiosk hub//Appointments//EN';
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** RFC 5545 3.3.11: backslash, semicolon, comma and newlines are escaped in TEXT values. */
export function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds one content line at 75 octets without splitting a UTF-8 character. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    const limit = out.length === 0 ? MAX_LINE_OCTETS : MAX_LINE_OCTETS - 1; // continuation lines start with a space
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

function utcStamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function localStamp(instantMs: number, timeZone: string): string {
  const wall = new Date(wallClockOf(instantMs, timeZone).asUtcMs);
  return utcStamp(wall).replace('Z', '');
}

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
}

interface Transition {
  readonly atMs: number;
  readonly from: number;
  readonly to: number;
}

/** The zone's offset changes within a year, found day by day and then narrowed to the minute. */
export function transitionsInYear(timeZone: string, year: number): Transition[] {
  const transitions: Transition[] = [];
  const end = Date.UTC(year + 1, 0, 1);
  for (let day = Date.UTC(year, 0, 1); day < end; day += DAY_MS) {
    const from = offsetMinutesAt(day, timeZone);
    const to = offsetMinutesAt(day + DAY_MS, timeZone);
    if (from === to) continue;
    let low = day;
    let high = day + DAY_MS;
    while (high - low > 60_000) {
      const middle = low + Math.floor((high - low) / 2 / 60_000) * 60_000;
      if (offsetMinutesAt(middle, timeZone) === from) low = middle;
      else high = middle;
    }
    transitions.push({ atMs: high, from, to });
  }
  return transitions;
}

function timeZoneLines(timeZone: string, year: number): string[] {
  const transitions = transitionsInYear(timeZone, year);
  const yearStart = Date.UTC(year, 0, 1) - 14 * HOUR_MS; // before local midnight in any zone
  const initial = offsetMinutesAt(yearStart, timeZone);
  const offsets = [initial, ...transitions.map((t) => t.to)];
  const standard = Math.min(...offsets);
  const observance = (onsetLocal: string, from: number, to: number) => {
    const kind = to > standard ? 'DAYLIGHT' : 'STANDARD';
    return [`BEGIN:${kind}`, `DTSTART:${onsetLocal}`, `TZOFFSETFROM:${offsetText(from)}`, `TZOFFSETTO:${offsetText(to)}`, `END:${kind}`];
  };
  return [
    'BEGIN:VTIMEZONE',
    `TZID:${timeZone}`,
    ...observance(`${year - 1}1231T000000`, initial, initial),
    // DTSTART of an onset is the local time just before it, read with the old offset.
    ...transitions.flatMap((t) => observance(utcStamp(new Date(t.atMs + t.from * 60_000)).replace('Z', ''), t.from, t.to)),
    'END:VTIMEZONE',
  ];
}

export function appointmentCalendar(event: CalendarEvent): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${PRODUCT_ID}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    ...timeZoneLines(event.timeZone, new Date(event.start.getTime()).getUTCFullYear()),
    'BEGIN:VEVENT',
    `UID:${escapeText(event.uid)}`,
    `DTSTAMP:${utcStamp(event.stamp)}`,
    `DTSTART;TZID=${event.timeZone}:${localStamp(event.start.getTime(), event.timeZone)}`,
    `DTEND;TZID=${event.timeZone}:${localStamp(event.end.getTime(), event.timeZone)}`,
    `SUMMARY:${escapeText(event.summary)}`,
    `LOCATION:${escapeText(event.location)}`,
    `DESCRIPTION:${escapeText(event.description)}`,
    'STATUS:CONFIRMED',
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
