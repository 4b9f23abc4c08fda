import { JOURNEYS } from '@kiosk/shared';
import type { ConsoleFigures, ConsoleFiguresQuery, KioskLocale } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import { localisedCatalog } from '../../modules/catalog/service.js';
import { addDays, localToUtc } from '../../modules/appointments/zoned-time.js';
import { closedAt } from '../../modules/notifications/closing-time.js';
import { listClosedCaseEvents, listServiceSla } from '../../modules/notifications/figures-repository.js';
import type { ClosedCaseEvent } from '../../modules/notifications/figures-repository.js';
import { summarise } from '../../modules/notifications/figures.js';
import { caseIdsFiledBy, casesFiled, countsPerKiosk, journeysStartedPerHour, listKiosks } from './figures-repository.js';
import type { DeviceCountRow } from './figures-repository.js';
import { emptyHeat, usageHeat } from './usage-heat.js';

/**
 * The console's figures for a date range (and optionally one kiosk site): journeys, kiosk use
 * (journeys started per kiosk and local hour, usage-heat.ts), languages, accessibility modes,
 * searches without result, satisfaction, cases per channel and closing times against the
 * promised days. Site filter: kiosk counts of that site's kiosks, and only cases those kiosks filed.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
/** The console lists the most frequent searches without result, not every one ever typed. */
export const TOP_FAQ_QUERIES = 50;
const CHANNELS = ['kiosk', 'web', 'phone', 'counter', 'app'] as const;

/** The first instant of an office-local day; midnight inside a DST gap falls back to UTC midnight. */
function dayStartIso(day: string, timeZone: string): string {
  return (localToUtc(day, 0, timeZone) ?? new Date(`${day}T00:00:00Z`)).toISOString();
}

function sumBy<K>(rows: readonly DeviceCountRow[], key: (row: DeviceCountRow) => K | null): Map<K, number> {
  const totals = new Map<K, number>();
  for (const row of rows) {
    const k = key(row);
    if (k !== null) totals.set(k, (totals.get(k) ?? 0) + row.count);
  }
  return totals;
}

const byCountThenName = <T extends { count: number }>(name: (t: T) => string) => (a: T, b: T) => b.count - a.count || name(a).localeCompare(name(b));

function daysToCloseByService(events: readonly ClosedCaseEvent[], fromIso: string, toIso: string, deviceCases: ReadonlySet<string> | null): Map<string, number[]> {
  const byCase = new Map<string, ClosedCaseEvent[]>();
  for (const event of events) byCase.set(event.id, [...(byCase.get(event.id) ?? []), event]);
  const byService = new Map<string, number[]>();
  for (const [id, caseEvents] of byCase) {
    const first = caseEvents[0];
    const closed = closedAt(caseEvents);
    if (first === undefined || closed === null || closed < fromIso || closed >= toIso) continue;
    if (deviceCases !== null && !deviceCases.has(id)) continue;
    byService.set(first.service_code, [...(byService.get(first.service_code) ?? []), Math.max(0, (Date.parse(closed) - Date.parse(first.requested_at)) / DAY_MS)]);
  }
  return byService;
}

export async function consoleFigures(
  db: HubDb,
  tenant: { id: string; time_zone: string },
  query: ConsoleFiguresQuery,
  locale: KioskLocale,
  fallback: KioskLocale,
): Promise<ConsoleFigures> {
  const fromIso = dayStartIso(query.from, tenant.time_zone);
  const toIso = dayStartIso(addDays(query.to, 1), tenant.time_zone);
  const kiosks = await listKiosks(db, tenant.id);
  const chosen = query.site === undefined ? kiosks : kiosks.filter((k) => k.site === query.site);
  const deviceIds = query.site === undefined ? null : chosen.map((k) => k.id);
  const [counts, startedHours, cases, services, slas, closedEvents, siteCaseIds] = await Promise.all([
    countsPerKiosk(db, tenant.id, query.from, query.to, deviceIds),
    // Kiosks count in UTC days: a day either side holds the local range's first and last hours.
    journeysStartedPerHour(db, tenant.id, addDays(query.from, -1), addDays(query.to, 1), deviceIds),
    casesFiled(db, tenant.id, fromIso, toIso, deviceIds),
    localisedCatalog(db, tenant.id, locale, fallback),
    listServiceSla(db, tenant.id),
    listClosedCaseEvents(db, tenant.id, fromIso),
    deviceIds === null ? Promise.resolve(null) : caseIdsFiledBy(db, tenant.id, deviceIds),
  ]);

  const started = counts.filter((r) => r.type === 'journey.started');
  const perJourney = (type: string) => sumBy(counts, (r) => (r.type === type ? r.journey : null));
  const [startedBy, completedBy, abandonedBy] = [perJourney('journey.started'), perJourney('journey.completed'), perJourney('journey.abandoned')];
  const journeys = [...JOURNEYS, ...[...startedBy.keys()].filter((j) => !(JOURNEYS as readonly string[]).includes(j)).sort()];

  const heat = usageHeat(startedHours, query.from, query.to, tenant.time_zone);

  const modes = sumBy(started, (r) => r.modes);
  const modeTotals = new Map<string, number>();
  for (const [combination, count] of modes) for (const mode of combination === '' ? ['none'] : combination.split('+')) modeTotals.set(mode, (modeTotals.get(mode) ?? 0) + count);

  const satisfaction = sumBy(counts, (r) => (r.type === 'satisfaction' ? Number(r.detail) : null));
  const channels = new Map<string, number>();
  for (const row of cases) channels.set(row.channel, (channels.get(row.channel) ?? 0) + 1);
  const slaBy = new Map(slas.map((row) => [row.service_code, Number(row.sla_days)]));
  const days = daysToCloseByService(closedEvents, fromIso, toIso, siteCaseIds);

  return {
    from: query.from,
    to: query.to,
    site: query.site ?? null,
    timeZone: tenant.time_zone,
    sites: [...new Set(kiosks.map((k) => k.site).filter((s): s is string => s !== null))].sort(),
    funnel: journeys.map((journey) => ({ journey, started: startedBy.get(journey) ?? 0, completed: completedBy.get(journey) ?? 0, abandoned: abandonedBy.get(journey) ?? 0 })),
    abandonedSteps: [...sumBy(counts, (r) => (r.type === 'journey.abandoned' ? `${r.journey}\u0000${r.step}\u0000${r.reason}` : null))]
      .map(([key, count]) => {
        const [journey = '', step = '', reason = ''] = key.split('\u0000');
        return { journey, step, reason, count };
      })
      .sort(byCountThenName((r) => `${r.journey}/${r.step}/${r.reason}`)),
    usage: chosen.map((k) => {
      const { hours, unknown } = heat.get(k.id) ?? emptyHeat();
      // The row's total is what its cells hold, so the heat map adds up.
      return { deviceId: k.id, label: k.label, site: k.site, journeysStarted: hours.reduce((a, b) => a + b, unknown), hours, hourUnknown: unknown };
    }),
    languages: [...sumBy(started, (r) => r.locale)].map(([loc, count]) => ({ locale: loc, count })).sort(byCountThenName((r) => r.locale)),
    modes: [...modeTotals].map(([mode, count]) => ({ mode, count })).sort(byCountThenName((r) => r.mode)),
    faqNoResult: [...sumBy(counts, (r) => (r.type === 'faq.no-result' && r.detail !== '' ? r.detail : null))]
      .map(([q, count]) => ({ query: q, count }))
      .sort(byCountThenName((r) => r.query))
      .slice(0, TOP_FAQ_QUERIES),
    satisfaction: [1, 2, 3, 4, 5].map((score) => ({ score, count: satisfaction.get(score) ?? 0 })),
    channels: [...CHANNELS.map((c) => ({ channel: c, count: channels.get(c) ?? 0 })), ...[...channels].filter(([c]) => !(CHANNELS as readonly string[]).includes(c)).map(([channel, count]) => ({ channel, count }))],
    sla: services.map((service) => ({ serviceCode: service.code, name: service.name, ...summarise(days.get(service.code) ?? [], slaBy.get(service.code) ?? null, 1) })),
  };
}

