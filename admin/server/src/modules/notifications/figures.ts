import { HubFiguresSchema } from '@kiosk/shared';
import type { HubFigures, KioskLocale, ServiceFigures } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import { localisedCatalog } from '../catalog/service.js';
import { closedAt } from './closing-time.js';
import { listClosedCaseEvents, listServiceSla } from './figures-repository.js';
import type { ClosedCaseEvent } from './figures-repository.js';
import { DEFAULT_FIGURES_MIN_SAMPLE, DEFAULT_FIGURES_WINDOW_DAYS } from './settings.js';
import { percentile, roundTenth } from './stats.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * What kiosks and the public page show: the contract is shared's (protocol/kiosk-figures.ts), so the
 * agent parses exactly what this serves. Figures are null below the minimum sample.
 */
export { HubFiguresSchema as FiguresSchema };
export type { ServiceFigures };
export type Figures = HubFigures;

export interface FiguresOptions {
  readonly windowDays: number;
  readonly minSample: number;
}

export const DEFAULT_FIGURES_OPTIONS: FiguresOptions = { windowDays: DEFAULT_FIGURES_WINDOW_DAYS, minSample: DEFAULT_FIGURES_MIN_SAMPLE };

/** Days from filing to closing of every case closed within the window, per service. */
function daysToCloseByService(events: readonly ClosedCaseEvent[], windowStart: string): Map<string, number[]> {
  const byCase = new Map<string, ClosedCaseEvent[]>();
  for (const event of events) {
    const list = byCase.get(event.id) ?? [];
    list.push(event);
    byCase.set(event.id, list);
  }
  const byService = new Map<string, number[]>();
  for (const caseEvents of byCase.values()) {
    const first = caseEvents[0];
    const closed = closedAt(caseEvents);
    if (first === undefined || closed === null || closed < windowStart) continue;
    const days = Math.max(0, (Date.parse(closed) - Date.parse(first.requested_at)) / DAY_MS);
    const list = byService.get(first.service_code) ?? [];
    list.push(days);
    byService.set(first.service_code, list);
  }
  return byService;
}

export function summarise(days: readonly number[], slaDays: number | null, minSample: number): Omit<ServiceFigures, 'serviceCode' | 'name'> {
  const sorted = [...days].sort((a, b) => a - b);
  const enough = sorted.length >= minSample;
  return {
    closedCount: sorted.length,
    medianDays: enough ? roundTenth(percentile(sorted, 0.5)) : null,
    p90Days: enough ? roundTenth(percentile(sorted, 0.9)) : null,
    slaDays,
    withinSlaShare: enough && slaDays !== null ? Math.round((sorted.filter((d) => d <= slaDays).length / sorted.length) * 1000) / 1000 : null,
  };
}

/** Figures of every active service of the tenant, in the catalogue's order. */
export async function computeFigures(
  db: HubDb,
  tenantId: string,
  locale: KioskLocale,
  fallback: KioskLocale,
  now: Date,
  options: FiguresOptions = DEFAULT_FIGURES_OPTIONS,
): Promise<Figures> {
  const windowStart = new Date(now.getTime() - options.windowDays * DAY_MS).toISOString();
  const [services, slas, events] = await Promise.all([
    localisedCatalog(db, tenantId, locale, fallback),
    listServiceSla(db, tenantId),
    listClosedCaseEvents(db, tenantId, windowStart),
  ]);
  const slaByService = new Map(slas.map((row) => [row.service_code, row.sla_days]));
  const days = daysToCloseByService(events, windowStart);
  return {
    locale,
    generatedAt: now.toISOString(),
    windowDays: options.windowDays,
    minSample: options.minSample,
    services: services.map((service) => ({
      serviceCode: service.code,
      name: service.name,
      ...summarise(days.get(service.code) ?? [], slaByService.get(service.code) ?? null, options.minSample),
    })),
  };
}
