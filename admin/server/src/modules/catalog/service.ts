import { DEFAULT_LOCALE, isKioskLocale } from '@kiosk/shared';
import type { KioskLocale } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import { notFound } from '../../http/problems.js';
import { listServicesWithAttributes } from './definition-repository.js';
import { findActiveService, listLocalisedServices, listServiceNames } from './repository.js';
import type { LocalisedServiceRow, ServiceRow } from './repository.js';

export type OpenServiceType = 'realtime' | 'batch' | 'blackbox';

/** A catalogue entry in one language (falling back to the tenant's default language). */
export interface LocalisedService {
  readonly code: string;
  readonly groupCode: string;
  readonly groupName: string;
  readonly type: OpenServiceType;
  readonly locationless: boolean;
  /** Open311 `metadata`: the service has a definition (attributes) to fetch. */
  readonly metadata: boolean;
  readonly name: string;
  readonly description: string;
  readonly keywords: readonly string[];
  /** The language the texts are actually in. */
  readonly locale: string;
}

function toType(value: string): OpenServiceType {
  return value === 'batch' || value === 'blackbox' ? value : 'realtime';
}

function splitKeywords(keywords: string): string[] {
  return keywords
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k !== '');
}

function toLocalised(row: LocalisedServiceRow, withDefinition: ReadonlySet<string>): LocalisedService {
  return {
    code: row.code,
    groupCode: row.group_code,
    groupName: row.group_name ?? row.group_code,
    type: toType(row.type),
    locationless: row.locationless === 1,
    metadata: withDefinition.has(row.code),
    name: row.name,
    description: row.description,
    keywords: splitKeywords(row.keywords),
    locale: row.locale,
  };
}

function languagesFor(locale: string, fallback: string): string[] {
  return locale === fallback ? [locale] : [locale, fallback];
}

/** The active catalogue of a tenant, in `locale` where translated, else in `fallbackLocale`. */
export async function localisedCatalog(
  db: HubDb,
  tenantId: string,
  locale: string,
  fallbackLocale: string,
): Promise<LocalisedService[]> {
  const [rows, withDefinition] = await Promise.all([
    listLocalisedServices(db, tenantId, languagesFor(locale, fallbackLocale)),
    listServicesWithAttributes(db, tenantId),
  ]);
  const chosen = new Map<string, LocalisedServiceRow>();
  for (const row of rows) {
    const current = chosen.get(row.code);
    if (current === undefined || (row.locale === locale && current.locale !== locale)) chosen.set(row.code, row);
  }
  // Map keeps first-insertion order, which is the repository's display order.
  return [...chosen.values()].map((row) => toLocalised(row, withDefinition));
}

export async function requireActiveService(db: HubDb, tenantId: string, code: string): Promise<ServiceRow> {
  const service = await findActiveService(db, tenantId, code);
  if (service === undefined) {
    throw notFound('unknown-service', 'no active service has this service_code', { name: code });
  }
  return service;
}

/** service_code -> name, in `locale` where translated, else the fallback. */
export async function serviceNames(
  db: HubDb,
  tenantId: string,
  locale: string,
  fallbackLocale: string,
): Promise<Map<string, string>> {
  const rows = await listServiceNames(db, tenantId, languagesFor(locale, fallbackLocale));
  const names = new Map<string, string>();
  for (const row of rows) {
    if (!names.has(row.service_code) || row.locale === locale) names.set(row.service_code, row.name);
  }
  return names;
}

/** A tenant's default language as a kiosk locale (Spanish when it is something else). */
export function tenantLocale(defaultLocale: string): KioskLocale {
  return isKioskLocale(defaultLocale) ? defaultLocale : DEFAULT_LOCALE;
}
