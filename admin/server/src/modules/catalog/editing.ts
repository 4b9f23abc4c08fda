import { KIOSK_LOCALES } from '@kiosk/shared';
import type { KioskLocale, ServiceEdit, StaffService, StaffServiceList } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import { badRequest, notFound } from '../../http/problems.js';
import { requireRole } from '../workflow/roles.js';
import type { StaffRole } from '../workflow/roles.js';
import { recordAudit } from '../workflow/audit.js';
import type { Actor } from '../workflow/audit.js';
import type { SessionUser } from '../auth/service.js';
import { requireTenant } from '../tenants/service.js';
import { countAttributes, findService, listAllServices, listDefinitionRows, listGroups, listServiceTexts, replaceService } from './editing-repository.js';
import { tenantLocale } from './service.js';

/**
 * Staff editing of the service catalogue: texts in every kiosk language, group, location, and the
 * Open311 definition. Content editors and admins write, every staff role reads. The shapes are
 * checked by the shared schemas (ServiceEditSchema); the rules needing the database live here.
 */

export const CATALOG_EDITORS: ReadonlySet<StaffRole> = new Set<StaffRole>(['admin', 'editor']);

const byLocale = <Row extends { locale: string }, Value>(rows: readonly Row[], value: (row: Row) => Value): Partial<Record<KioskLocale, Value>> =>
  Object.fromEntries(rows.filter((row) => (KIOSK_LOCALES as readonly string[]).includes(row.locale)).map((row) => [row.locale, value(row)]));

const splitKeywords = (keywords: string) =>
  keywords
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k !== '');

export async function listServicesForStaff(db: HubDb, user: SessionUser): Promise<StaffServiceList> {
  const tenant = await requireTenant(db, user.tenantId);
  const fallback = tenantLocale(tenant.default_locale);
  const [services, texts, counts, groups] = await Promise.all([listAllServices(db, user.tenantId), listServiceTexts(db, user.tenantId), countAttributes(db, user.tenantId), listGroups(db, user.tenantId)]);
  return {
    services: services.map((service) => {
      const own = texts.filter((text) => text.service_code === service.code);
      return {
        code: service.code,
        active: service.active === 1,
        groupCode: service.group_code,
        locationless: service.locationless === 1,
        name: own.find((text) => text.locale === fallback)?.name ?? service.code,
        locales: KIOSK_LOCALES.filter((locale) => own.some((text) => text.locale === locale)),
        attributeCount: counts.get(service.code) ?? 0,
      };
    }),
    groups: groups.groups.map((group) => ({ code: group.code, names: byLocale(groups.names.filter((n) => n.group_code === group.code), (n) => n.name) })),
  };
}

export async function serviceForStaff(db: HubDb, user: SessionUser, code: string): Promise<StaffService> {
  const service = await findService(db, user.tenantId, code);
  if (service === undefined) throw notFound('unknown-service', 'no service has this code', { name: code });
  const [texts, definition] = await Promise.all([listServiceTexts(db, user.tenantId, code), listDefinitionRows(db, user.tenantId, code)]);
  return {
    code: service.code,
    type: service.type === 'batch' || service.type === 'blackbox' ? service.type : 'realtime',
    active: service.active === 1,
    groupCode: service.group_code,
    locationless: service.locationless === 1,
    texts: byLocale(texts, (text) => ({ name: text.name, description: text.description, keywords: splitKeywords(text.keywords) })),
    attributes: definition.attributes.map((attribute) => ({
      code: attribute.code,
      variable: attribute.variable === 1,
      datatype: attribute.datatype,
      required: attribute.required === 1,
      order: attribute.position,
      texts: byLocale(
        definition.texts.filter((text) => text.attribute_code === attribute.code),
        (text) => ({ description: text.description, datatypeDescription: text.datatype_description }),
      ),
      values: definition.values
        .filter((value) => value.attribute_code === attribute.code)
        .map((value) => ({
          key: value.value_key,
          names: byLocale(
            definition.names.filter((name) => name.attribute_code === attribute.code && name.value_key === value.value_key),
            (name) => name.name,
          ),
        })),
    })),
  };
}

const present = <T>(record: Partial<Record<KioskLocale, T>>) => KIOSK_LOCALES.flatMap((locale) => (record[locale] === undefined ? [] : [{ locale, value: record[locale] as T }]));

/** Kiosks and Open311 fall back to the municipality's language: every text must exist in it. */
function requireFallbackTexts(edit: ServiceEdit, fallback: KioskLocale): void {
  const missing = (what: string) => badRequest('default-locale-missing', `${what} needs a text in the municipality's language (${fallback})`, { name: fallback });
  if (edit.texts[fallback] === undefined) throw missing('the service');
  for (const attribute of edit.attributes) {
    if (attribute.texts[fallback] === undefined) throw missing(`attribute ${attribute.code}`);
    for (const value of attribute.values) if (value.names[fallback] === undefined) throw missing(`value ${value.key} of attribute ${attribute.code}`);
  }
}

/**
 * Replaces a service's texts and definition at once (the editor always sends the whole service).
 * Cases already filed keep their answers: they store attribute values, not references.
 */
export async function updateServiceForStaff(db: HubDb, actor: Actor, code: string, edit: ServiceEdit, now = new Date()): Promise<StaffService> {
  const { user } = actor;
  requireRole(user, CATALOG_EDITORS, 'change the service catalogue');
  const service = await findService(db, user.tenantId, code);
  if (service === undefined) throw notFound('unknown-service', 'no service has this code', { name: code });
  const tenant = await requireTenant(db, user.tenantId);
  requireFallbackTexts(edit, tenantLocale(tenant.default_locale));
  const { groups } = await listGroups(db, user.tenantId);
  if (!groups.some((group) => group.code === edit.groupCode)) throw badRequest('unknown-group', 'groupCode names no service group', { name: edit.groupCode });
  await db.transaction().execute(async (trx) => {
    await replaceService(trx, user.tenantId, code, {
      groupCode: edit.groupCode,
      locationless: edit.locationless,
      texts: present(edit.texts).map(({ locale, value }) => ({ locale, name: value.name, description: value.description, keywords: value.keywords.join(', ') })),
      attributes: [...edit.attributes]
        .sort((a, b) => a.order - b.order)
        .map((attribute) => ({
          code: attribute.code,
          position: attribute.order,
          variable: attribute.variable,
          datatype: attribute.datatype,
          required: attribute.required,
          texts: present(attribute.texts).map(({ locale, value }) => ({ locale, description: value.description, datatypeDescription: value.datatypeDescription })),
          values: attribute.values.map((value) => ({ key: value.key, names: present(value.names).map(({ locale, value: name }) => ({ locale, name })) })),
        })),
    });
    await recordAudit(trx, actor, {
      action: 'service.update',
      targetType: 'service',
      targetId: code,
      details: { attributes: edit.attributes.length, languages: present(edit.texts).length, locationless: edit.locationless, group: edit.groupCode },
      at: now,
    });
  });
  return serviceForStaff(db, user, code);
}
