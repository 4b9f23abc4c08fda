import type { KioskLocale } from '@kiosk/shared';
import type { DateParts, DateStyle } from './format-date';

/**
 * Month and weekday names, and the CLDR date patterns, of the kiosk languages whose date data
 * Chromium's Intl lacks (Basque, Galician). Taken from CLDR (what Node's full ICU prints), so a
 * kiosk shows the same words as the printed receipt and the web.
 */
export interface DateNames {
  /** January first; the form used alone ("azaroa", "novembro"). */
  readonly months: readonly string[];
  /** January first; the form before a day number where the language inflects it ("azaroaren"). */
  readonly monthsBeforeDay: readonly string[];
  /** Monday first. */
  readonly weekdays: readonly string[];
  readonly pattern: (style: DateStyle, parts: DateParts, names: DateNames) => string;
}

const month = (names: readonly string[], parts: DateParts) => names[parts.month - 1] ?? '';
const weekday = (names: DateNames, parts: DateParts) => names.weekdays[parts.weekday] ?? '';

/** CLDR eu: "y('e')'ko' MMMM'ren' d('a'), EEEE"; the hedges "(e)" and "(a)" are CLDR's own. */
function basque(style: DateStyle, parts: DateParts, names: DateNames): string {
  const dayMonth = `${month(names.monthsBeforeDay, parts)} ${parts.day}(a)`;
  const long = `${parts.year}(e)ko ${dayMonth}`;
  const full = `${long}, ${weekday(names, parts)}`;
  switch (style) {
    case 'weekdayDayMonth':
      return `${month(names.months, parts)} ${parts.day}(a), ${weekday(names, parts)}`;
    case 'dayMonth':
      return dayMonth;
    case 'long':
      return long;
    case 'full':
      return full;
    case 'longWithTime':
      return `${long} (${parts.time})`;
    case 'fullWithTime':
      return `${full} (${parts.time})`;
    case 'time':
      return parts.time;
  }
}

/** CLDR gl: "EEEE, d 'de' MMMM 'de' y", times after a comma. */
function galician(style: DateStyle, parts: DateParts, names: DateNames): string {
  const dayMonth = `${parts.day} de ${month(names.months, parts)}`;
  const long = `${dayMonth} de ${parts.year}`;
  const full = `${weekday(names, parts)}, ${long}`;
  switch (style) {
    case 'weekdayDayMonth':
      return `${weekday(names, parts)}, ${dayMonth}`;
    case 'dayMonth':
      return dayMonth;
    case 'long':
      return long;
    case 'full':
      return full;
    case 'longWithTime':
      return `${long}, ${parts.time}`;
    case 'fullWithTime':
      return `${full}, ${parts.time}`;
    case 'time':
      return parts.time;
  }
}

const GALICIAN_MONTHS = ['xaneiro', 'febreiro', 'marzo', 'abril', 'maio', 'xuño', 'xullo', 'agosto', 'setembro', 'outubro', 'novembro', 'decembro'];

export const DATE_NAMES: Partial<Record<KioskLocale, DateNames>> = {
  eu: {
    months: ['urtarrila', 'otsaila', 'martxoa', 'apirila', 'maiatza', 'ekaina', 'uztaila', 'abuztua', 'iraila', 'urria', 'azaroa', 'abendua'],
    monthsBeforeDay: ['urtarrilaren', 'otsailaren', 'martxoaren', 'apirilaren', 'maiatzaren', 'ekainaren', 'uztailaren', 'abuztuaren', 'irailaren', 'urriaren', 'azaroaren', 'abenduaren'],
    weekdays: ['astelehena', 'asteartea', 'asteazkena', 'osteguna', 'ostirala', 'larunbata', 'igandea'],
    pattern: basque,
  },
  gl: {
    months: GALICIAN_MONTHS,
    monthsBeforeDay: GALICIAN_MONTHS,
    weekdays: ['luns', 'martes', 'mércores', 'xoves', 'venres', 'sábado', 'domingo'],
    pattern: galician,
  },
};
