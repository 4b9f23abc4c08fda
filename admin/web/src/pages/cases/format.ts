/** How the cases pages show times and states (the words come from i18n; this picks styles and formats). */

export function formatDateTime(iso: string | null, locale: string): string {
  if (iso === null) return '';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function formatDate(iso: string | null, locale: string): string {
  if (iso === null) return '';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(iso));
}

/** Whole days since `iso`. */
export function ageInDays(iso: string, now = Date.now()): number {
  return Math.max(0, Math.floor((now - Date.parse(iso)) / (24 * 60 * 60 * 1000)));
}

/** The badge colour of a detailed status; the badge always carries the status in words too. */
export function statusClass(detailedStatus: string, slaBreached: boolean): string {
  if (detailedStatus === 'resolved') return 'status status-ok';
  if (detailedStatus === 'rejected' || detailedStatus === 'duplicate') return 'status status-off';
  return slaBreached ? 'status status-bad' : 'status status-warn';
}

/** `datetime-local` input value (local time) <-> ISO UTC. */
export function toLocalInput(iso: string | null): string {
  if (iso === null) return '';
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function fromLocalInput(value: string): string | null {
  if (value === '') return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** What staff call a case: the kiosk reference when it has one, else the hub number. */
export function caseLabel(c: { id: string; localReference: string | null }): string {
  return c.localReference ?? c.id;
}
