import type { KioskLocale } from '@kiosk/shared';

/** CLDR percent patterns of the languages Chromium's Intl lacks ("% 90" in Basque, "90 %" in Galician). */
const PERCENT_FALLBACK: Partial<Record<KioskLocale, (digits: string) => string>> = {
  eu: (digits) => `%\u00a0${digits}`,
  gl: (digits) => `${digits}\u00a0%`,
};

function intlHasNumbers(locale: string): boolean {
  try {
    return Intl.NumberFormat.supportedLocalesOf([locale]).length > 0;
  } catch {
    return false;
  }
}

/** A share (0..1) as a whole percentage in `locale`. */
export function formatPercent(locale: KioskLocale, share: number, useIntl = intlHasNumbers(locale)): string {
  const fallback = PERCENT_FALLBACK[locale];
  if (useIntl || fallback === undefined) return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(share);
  return fallback(String(Math.round(share * 100)));
}

/** A number of days with at most one decimal (eu and gl write it as Spanish does: "2,5"). */
export function formatDays(locale: KioskLocale, days: number, useIntl = intlHasNumbers(locale)): string {
  return new Intl.NumberFormat(useIntl ? locale : 'es', { maximumFractionDigits: 1 }).format(days);
}
