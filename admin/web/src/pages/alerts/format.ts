/** A date and time the way staff read them, in the console's language. */
export function formatWhen(iso: string | null, locale: string): string {
  if (iso === null) return '—';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
}
