import { CatalogSchema, type Catalog, type KioskLocale } from '@kiosk/shared';
import type { AgentDatabase } from '../store/database.js';
import { isOffered, type ConfiguredServices } from './configured-services.js';

export type CachedCatalog = Catalog & { stale: boolean };

/**
 * The service catalogue: fresh from the hub when it answers, else the last copy kept in the
 * local store, flagged `stale` so the screen can say it may be out of date. `list` answers only the
 * services the kiosk's configuration offers; the cache keeps the whole catalogue so a later
 * configuration that offers more needs no network.
 */
export class CatalogService {
  constructor(
    private readonly db: AgentDatabase,
    private readonly fetchFromHub: (locale: KioskLocale) => Promise<Catalog>,
    private readonly log: (message: string, fields?: Record<string, unknown>) => void = () => {},
    private readonly services: ConfiguredServices = () => 'all',
  ) {}

  async list(locale: KioskLocale): Promise<CachedCatalog> {
    const catalog = await this.listAll(locale);
    const offered = this.services();
    return offered === 'all' ? catalog : { ...catalog, services: catalog.services.filter((service) => isOffered(offered, service.serviceCode)) };
  }

  private async listAll(locale: KioskLocale): Promise<CachedCatalog> {
    try {
      const catalog = await this.fetchFromHub(locale);
      this.db
        .prepare('INSERT INTO catalog_cache (locale, body, fetched_at) VALUES (?, ?, ?) ON CONFLICT (locale) DO UPDATE SET body = excluded.body, fetched_at = excluded.fetched_at')
        .run(locale, JSON.stringify(catalog), new Date().toISOString());
      return { ...catalog, stale: false };
    } catch (error) {
      this.log('catalog: hub not reachable, serving the cached copy', { locale, error: (error as Error).message });
      return this.cached(locale);
    }
  }

  /** The cached copy for `locale`, else any cached language, else an empty catalogue. */
  cached(locale: KioskLocale): CachedCatalog {
    const row = (this.db.prepare('SELECT body FROM catalog_cache WHERE locale = ?').get(locale) ??
      this.db.prepare('SELECT body FROM catalog_cache ORDER BY fetched_at DESC LIMIT 1').get()) as { body: string } | undefined;
    if (!row) return { locale, services: [], landmarks: [], stale: true };
    // Parsed, not cast: a copy cached by an older agent gets today's defaults (no attributes, no landmarks).
    return { ...CatalogSchema.parse(JSON.parse(row.body)), stale: true };
  }
}
