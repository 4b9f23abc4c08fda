import { describe, expect, it } from 'vitest';
import type { KioskLocale } from '@kiosk/shared';
import { formatDate, intlHasDates, weekdayName, type DateStyle } from '../../src/renderer/i18n/format-date.js';
import { formatPercent } from '../../src/renderer/i18n/format-number.js';

// Chromium's Intl has no Basque or Galician date data; the kiosk builds those dates from CLDR
// names and patterns. Node ships full ICU, so here the fallback must say exactly what full ICU
// says, for every style, across months, weekdays, time zones and daylight-saving changes.

const STYLES: readonly DateStyle[] = ['weekdayDayMonth', 'dayMonth', 'long', 'full', 'longWithTime', 'fullWithTime', 'time'];
const INTL: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  weekdayDayMonth: { weekday: 'long', day: 'numeric', month: 'long' },
  dayMonth: { day: 'numeric', month: 'long' },
  long: { dateStyle: 'long' },
  full: { dateStyle: 'full' },
  longWithTime: { dateStyle: 'long', timeStyle: 'short' },
  fullWithTime: { dateStyle: 'full', timeStyle: 'short' },
  time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
};

// One instant in each month, at different hours; two around Madrid's spring change.
const INSTANTS = Array.from({ length: 12 }, (_, month) => new Date(Date.UTC(2026, month, 1 + month * 2, (month * 5) % 24, month * 4)));
INSTANTS.push(new Date('2026-03-29T00:59:00Z'), new Date('2026-03-29T01:00:00Z'), new Date('2026-12-31T23:30:00Z'));

describe.each(['eu', 'gl'] as const)('dates in %s without Intl data', (locale: KioskLocale) => {
  it('Node has the full ICU this test compares against', () => {
    expect(intlHasDates(locale)).toBe(true);
  });

  it.each(STYLES)('%s equals full ICU in Europe/Madrid and UTC', (style) => {
    for (const timeZone of ['Europe/Madrid', 'UTC']) {
      for (const instant of INSTANTS) {
        expect(formatDate(locale, instant, style, timeZone, false), `${instant.toISOString()} ${timeZone}`).toBe(
          new Intl.DateTimeFormat(locale, { ...INTL[style], timeZone }).format(instant),
        );
      }
    }
  });

  it('names every weekday as full ICU does, Monday first', () => {
    for (let day = 0; day < 7; day += 1) expect(weekdayName(locale, day, false)).toBe(weekdayName(locale, day, true));
  });

  it('writes percentages as full ICU does', () => {
    for (const share of [0, 0.05, 0.9, 1]) {
      expect(formatPercent(locale, share, false)).toBe(new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(share));
    }
  });
});

describe('languages Intl knows', () => {
  it('go straight to Intl (Arabic, French...)', () => {
    const instant = new Date('2026-11-28T10:05:00Z');
    expect(formatDate('fr', instant, 'weekdayDayMonth', 'Europe/Paris')).toBe('samedi 28 novembre');
    expect(formatDate('ar', instant, 'time', 'UTC')).toBe(new Intl.DateTimeFormat('ar', { ...INTL.time, timeZone: 'UTC' }).format(instant));
    expect(weekdayName('es', 0)).toBe('lunes');
  });
});
