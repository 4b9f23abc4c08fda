/** Dates and durations the way staff read them, in the console's language. */

export function formatDateTime(iso: string | null, locale: string): string {
  if (iso === null) return '—';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium' }).format(new Date(iso));
}

/** "42 s", "5 min", "3 h" from seconds: an outbox age or a time since the last heartbeat. */
export function formatAge(seconds: number | null, locale: string): string {
  if (seconds === null) return '—';
  const format = (value: number, unit: 'second' | 'minute' | 'hour' | 'day') =>
    new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 0 }).format(value);
  if (seconds < 90) return format(seconds, 'second');
  if (seconds < 90 * 60) return format(seconds / 60, 'minute');
  if (seconds < 36 * 3600) return format(seconds / 3600, 'hour');
  return format(seconds / 86400, 'day');
}

/** Seconds from `iso` to `nowIso` (the hub's clock, so a wrong browser clock does not mislead). */
export function secondsBetween(iso: string | null, nowIso: string): number | null {
  return iso === null ? null : Math.max(0, Math.round((Date.parse(nowIso) - Date.parse(iso)) / 1000));
}
