import type { KioskLocale } from '@kiosk/shared';
import { DATE_NAMES, type DateNames } from './date-names';

/**
 * Dates and times in the citizen's language. Chromium's ICU data has no Basque or Galician date
 * names (Intl silently answers in English: "Saturday, November 28"), so for a locale Intl lacks
 * this builds the same text as full ICU (CLDR patterns, checked against Node's ICU in
 * kiosk/test/renderer/config-dates.test.ts) from the names in date-names.ts. Every other language
 * goes straight to Intl.
 */

export type DateStyle =
  /** "sábado, 28 de noviembre" */
  | 'weekdayDayMonth'
  /** "28 de noviembre" */
  | 'dayMonth'
  /** "28 de noviembre de 2026" */
  | 'long'
  /** "sábado, 28 de noviembre de 2026" */
  | 'full'
  | 'longWithTime'
  | 'fullWithTime'
  /** "09:05", always 24-hour */
  | 'time';

const INTL_OPTIONS: Readonly<Record<DateStyle, Intl.DateTimeFormatOptions>> = {
  weekdayDayMonth: { weekday: 'long', day: 'numeric', month: 'long' },
  dayMonth: { day: 'numeric', month: 'long' },
  long: { dateStyle: 'long' },
  full: { dateStyle: 'full' },
  longWithTime: { dateStyle: 'long', timeStyle: 'short' },
  fullWithTime: { dateStyle: 'full', timeStyle: 'short' },
  time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
};

/** Whether this runtime's Intl has date data for `locale` (Chromium: not for eu, gl). */
export function intlHasDates(locale: string): boolean {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0;
  } catch {
    return false;
  }
}

export function formatDate(locale: KioskLocale, date: Date, style: DateStyle, timeZone?: string, useIntl = intlHasDates(locale)): string {
  const names = DATE_NAMES[locale];
  if (useIntl || names === undefined) {
    const options = style === 'time' ? INTL_OPTIONS.time : { ...INTL_OPTIONS[style] };
    return new Intl.DateTimeFormat(useIntl ? locale : 'es', { ...options, ...(timeZone ? { timeZone } : {}) }).format(date);
  }
  return names.pattern(style, partsOf(date, timeZone), names);
}

/** A weekday's name (0 = Monday) in `locale`, e.g. for "opens again on Monday". */
export function weekdayName(locale: KioskLocale, weekdayIndex: number, useIntl = intlHasDates(locale)): string {
  const names = DATE_NAMES[locale];
  if (!useIntl && names !== undefined) return names.weekdays[weekdayIndex] ?? '';
  // 2024-01-01 was a Monday; noon UTC is the same day in every time zone that matters here.
  const monday = Date.UTC(2024, 0, 1, 12);
  return new Intl.DateTimeFormat(useIntl ? locale : 'es', { weekday: 'long', timeZone: 'UTC' }).format(new Date(monday + weekdayIndex * 86_400_000));
}

export interface DateParts {
  readonly year: number;
  /** 1-12 */
  readonly month: number;
  readonly day: number;
  /** 0 = Monday */
  readonly weekday: number;
  /** HH:MM, 24-hour */
  readonly time: string;
}

const WEEKDAY_INDEX: Readonly<Record<string, number>> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };

/** The calendar parts of `date` in `timeZone` (the kiosk's, or the runtime's when not given). */
export function partsOf(date: Date, timeZone?: string): DateParts {
  const parts = new Intl.DateTimeFormat('en-US', {
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...(timeZone ? { timeZone } : {}),
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    year: Number(part('year')),
    month: Number(part('month')),
    day: Number(part('day')),
    weekday: WEEKDAY_INDEX[part('weekday')] ?? 0,
    time: `${part('hour')}:${part('minute')}`,
  };
}

export type { DateNames };
