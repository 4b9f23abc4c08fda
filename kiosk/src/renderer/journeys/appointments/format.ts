import type { KioskLocale } from '@kiosk/shared';
import { formatDate, intlHasDates } from '../../i18n/format-date';

/**
 * Dates and times of appointments in the office's own time zone (never the screen's), with Latin
 * digits in every language so a time reads the same on screen, ticket and confirmation.
 */
const tag = (locale: KioskLocale) => `${locale}-u-nu-latn`;

export function formatDay(isoOrDay: string, timeZone: string, locale: KioskLocale): string {
  // A bare day (YYYY-MM-DD) is that day at noon in the office: safe from any offset.
  const instant = /^\d{4}-\d{2}-\d{2}$/.test(isoOrDay) ? new Date(`${isoOrDay}T12:00:00Z`) : new Date(isoOrDay);
  const zone = /^\d{4}-\d{2}-\d{2}$/.test(isoOrDay) ? 'UTC' : timeZone;
  // Chromium's Intl has no Basque or Galician day names: the kiosk formatter has them.
  if (!intlHasDates(locale)) return formatDate(locale, instant, 'weekdayDayMonth', zone, false);
  return new Intl.DateTimeFormat(tag(locale), { weekday: 'long', day: 'numeric', month: 'long', timeZone: zone }).format(instant);
}

export function formatTime(iso: string, timeZone: string, locale: KioskLocale): string {
  return new Intl.DateTimeFormat(tag(locale), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(new Date(iso));
}

export function formatWhen(iso: string, timeZone: string, locale: KioskLocale): string {
  return `${formatDay(iso, timeZone, locale)}, ${formatTime(iso, timeZone, locale)}`;
}
