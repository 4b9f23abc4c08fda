import {
  FIGURES_PATH,
  FLEET_BASE_PATH,
  HubFiguresSchema,
  PROTOCOL_VERSION,
  PROTOCOL_VERSION_HEADER,
  type HubFigures,
  type KioskFigures,
  type KioskLocale,
  type ServiceFigures,
} from '@kiosk/shared';
import type { AgentDatabase } from '../store/database.js';
import type { HubClientOptions } from '../sync/hub-client.js';

/** The attract screen shows a few calm lines, not a table. */
export const MAX_FIGURES_SHOWN = 4;

/** GET /fleet/v1/figures with the device credential; throws when the hub cannot answer. */
export function hubFiguresFetcher(options: HubClientOptions): (locale: KioskLocale) => Promise<HubFigures> {
  return async (locale) => {
    const response = await fetch(`${options.baseUrl}${FLEET_BASE_PATH}${FIGURES_PATH}?locale=${encodeURIComponent(locale)}`, {
      headers: { authorization: `Bearer ${options.token}`, [PROTOCOL_VERSION_HEADER]: String(PROTOCOL_VERSION) },
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    if (!response.ok) throw new Error(`figures: hub answered ${response.status}`);
    return HubFiguresSchema.parse(await response.json());
  };
}

/**
 * Transparency figures for the attract screen: fresh from the hub when it answers, else the last
 * good answer kept in the store's `meta` table per language (so an offline kiosk still shows them,
 * flagged stale with their date). Only services the kiosk offers, and only those with figures.
 */
export class FiguresService {
  constructor(
    private readonly db: AgentDatabase,
    private readonly fetchFromHub: (locale: KioskLocale) => Promise<HubFigures>,
    /** The configured services ('all' or codes): figures of services this kiosk hides are hidden too. */
    private readonly services: () => 'all' | readonly string[] = () => 'all',
    private readonly log: (message: string, fields?: Record<string, unknown>) => void = () => {},
  ) {}

  async list(locale: KioskLocale): Promise<KioskFigures> {
    try {
      const figures = await this.fetchFromHub(locale);
      this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(cacheKey(locale), JSON.stringify(figures));
      return this.shape(figures, false);
    } catch (error) {
      this.log('figures: hub not reachable, serving the stored copy', { locale, error: (error as Error).message });
      return this.cached(locale);
    }
  }

  /** The stored copy for `locale`; nothing stored (or unreadable) means no figures, never an error. */
  cached(locale: KioskLocale): KioskFigures {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(cacheKey(locale)) as { value: string } | undefined;
    const parsed = row === undefined ? null : HubFiguresSchema.safeParse(safeJson(row.value));
    if (!parsed?.success) return { services: [], windowDays: null, generatedAt: null, stale: true };
    return this.shape(parsed.data, true);
  }

  private shape(figures: HubFigures, stale: boolean): KioskFigures {
    const offered = this.services();
    const shown = figures.services
      .filter((service) => offered === 'all' || offered.includes(service.serviceCode))
      .filter(hasFigures)
      // The services people use most first: their figures rest on the most cases.
      .sort((a, b) => b.closedCount - a.closedCount)
      .slice(0, MAX_FIGURES_SHOWN);
    return { services: shown, windowDays: figures.windowDays, generatedAt: figures.generatedAt, stale };
  }
}

const cacheKey = (locale: KioskLocale) => `figures:${locale}`;

const hasFigures = (service: ServiceFigures) => service.medianDays !== null || service.withinSlaShare !== null;

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
