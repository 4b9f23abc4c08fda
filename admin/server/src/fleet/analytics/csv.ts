import type { ConsoleFigures, FigureTable } from '@kiosk/shared';

/**
 * The console's figure tables as CSV (RFC 4180, CRLF). A cell starting with = + - @ (or a tab or
 * carriage return) gets a leading apostrophe, so a spreadsheet shows a searched text such as
 * "=hyperlink(...)" instead of running it as a formula.
 */

type Cell = string | number | null;

export function csvCell(value: Cell): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly Cell[]>): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

const HOURS = Array.from({ length: 24 }, (_, h) => `h${String(h).padStart(2, '0')}`);

/** One table of the figures, header first; column names are stable identifiers, not translations. */
export function figureTableCsv(figures: ConsoleFigures, table: FigureTable): string {
  switch (table) {
    case 'funnel':
      return toCsv(['journey', 'started', 'completed', 'abandoned'], figures.funnel.map((r) => [r.journey, r.started, r.completed, r.abandoned]));
    case 'abandoned-steps':
      return toCsv(['journey', 'step', 'reason', 'count'], figures.abandonedSteps.map((r) => [r.journey, r.step, r.reason, r.count]));
    case 'usage':
      // Journeys started per municipality-local hour; hour_unknown: counted by agents that report days only.
      return toCsv(['kiosk', 'site', 'journeys_started', ...HOURS, 'hour_unknown'], figures.usage.map((r) => [r.label, r.site, r.journeysStarted, ...r.hours, r.hourUnknown]));
    case 'languages':
      return toCsv(['locale', 'journeys_started'], figures.languages.map((r) => [r.locale, r.count]));
    case 'modes':
      return toCsv(['mode', 'journeys_started'], figures.modes.map((r) => [r.mode, r.count]));
    case 'faq-no-result':
      return toCsv(['query', 'count'], figures.faqNoResult.map((r) => [r.query, r.count]));
    case 'satisfaction':
      return toCsv(['score', 'count'], figures.satisfaction.map((r) => [r.score, r.count]));
    case 'channels':
      return toCsv(['channel', 'cases'], figures.channels.map((r) => [r.channel, r.count]));
    case 'sla':
      return toCsv(
        ['service_code', 'service', 'closed', 'median_days', 'p90_days', 'sla_days', 'within_sla_share'],
        figures.sla.map((r) => [r.serviceCode, r.name, r.closedCount, r.medianDays, r.p90Days, r.slaDays, r.withinSlaShare]),
      );
  }
}
