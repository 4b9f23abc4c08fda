import { SearchIndex, summariseForSearch, type IndexedDocument, type KioskLocale } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import { tenantLocale } from '../catalog/service.js';
import { requireTenant } from '../tenants/service.js';
import type { SearchHit } from './contract.js';
import { publishedEntries } from './published.js';
import { currentRevision } from './repository.js';
import type { PublishedEntry } from './published.js';
import { DEFAULT_CONTENT_SETTINGS } from './settings.js';
import { leadOf, pickText, searchableBody, titleOf } from './texts.js';

/**
 * Full-text search over a municipality's published content. The index is built in memory per
 * (tenant, revision) and rebuilt when publishing bumps the revision, so each search costs one
 * small query plus the ranking; several hub processes stay correct because the revision lives
 * in the database.
 */

interface TenantIndexes {
  readonly revision: number;
  readonly fallback: string;
  readonly entries: readonly PublishedEntry[];
  readonly byLocale: Map<string, SearchIndex>;
}

/** Per database (tests run several hubs in one process), per tenant. */
const caches = new WeakMap<HubDb, Map<string, TenantIndexes>>();

function documentsFor(entries: readonly PublishedEntry[], locale: string, fallback: string): IndexedDocument[] {
  const documents: IndexedDocument[] = [];
  for (const entry of entries) {
    const translations: Partial<Record<string, Parameters<typeof titleOf>[0]>> = entry.translations;
    const picked = pickText(translations, locale, fallback);
    if (picked === null) continue;
    documents.push({
      id: entry.id,
      kind: entry.kind,
      serviceCode: entry.serviceCode,
      locale: picked.locale,
      title: titleOf(picked.text),
      body: searchableBody(picked.text),
      summary: summariseForSearch(leadOf(picked.text)),
    });
  }
  return documents;
}

async function indexesOf(db: HubDb, tenantId: string): Promise<TenantIndexes> {
  const revision = await currentRevision(db, tenantId);
  let cache = caches.get(db);
  if (cache === undefined) caches.set(db, (cache = new Map()));
  const cached = cache.get(tenantId);
  if (cached !== undefined && cached.revision === revision) return cached;
  const [tenant, entries] = await Promise.all([requireTenant(db, tenantId), publishedEntries(db, tenantId)]);
  const fresh: TenantIndexes = { revision, fallback: tenantLocale(tenant.default_locale), entries, byLocale: new Map() };
  cache.set(tenantId, fresh);
  return fresh;
}

/**
 * Published entries matching `q` in `locale` (falling back to the municipality's language for
 * entries not translated), best first. Accents, case and one typo per word do not matter.
 */
export async function searchContent(
  db: HubDb,
  tenantId: string,
  q: string,
  locale: KioskLocale,
  limit: number = DEFAULT_CONTENT_SETTINGS.searchDefaultLimit,
): Promise<SearchHit[]> {
  const indexes = await indexesOf(db, tenantId);
  let index = indexes.byLocale.get(locale);
  if (index === undefined) {
    index = new SearchIndex(documentsFor(indexes.entries, locale, indexes.fallback));
    indexes.byLocale.set(locale, index);
  }
  return index.search(q, limit).map(({ document, score }) => ({
    id: document.id,
    kind: document.kind,
    serviceCode: document.serviceCode,
    locale: document.locale as KioskLocale,
    title: document.title,
    summary: document.summary,
    score,
  }));
}
