import { KIOSK_LOCALES } from '@kiosk/shared';
import type { HubDb } from '../db/database.js';
import { DEMO_GROUPS, DEMO_SERVICES, DEMO_TENANT } from './demo-catalog.js';
import { seedDemoDefinitions } from './demo-definitions.js';
import { seedDemoLandmarks } from './demo-landmarks.js';
import { seedDemoContent } from '../modules/content/seed.js';
import { seedDemoServiceLevels } from '../modules/notifications/seed.js';

/**
 * Seeds the demo municipality and its catalogue, once: when this call creates the municipality.
 * On every later start it does nothing, because "fill what is missing" would bring back what staff
 * removed on purpose (a question taken out of a service, a translation cleared). The inserts stay
 * ON CONFLICT DO NOTHING so two hubs starting on one fresh database cannot clash.
 */
export async function seedDemo(db: HubDb, now = new Date()): Promise<{ tenantId: string; created: boolean }> {
  const at = now.toISOString();
  const created = await db.transaction().execute(async (trx) => {
    const tenant = await trx
      .insertInto('tenants')
      .values({
        id: DEMO_TENANT.id,
        jurisdiction_id: DEMO_TENANT.jurisdictionId,
        name: DEMO_TENANT.name,
        time_zone: DEMO_TENANT.timeZone,
        default_locale: DEMO_TENANT.defaultLocale,
        office_address: DEMO_TENANT.officeAddress,
        office_lat: DEMO_TENANT.officeLat,
        office_long: DEMO_TENANT.officeLong,
        contact: DEMO_TENANT.contact,
        created_at: at,
      })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (Number(tenant.numInsertedOrUpdatedRows ?? 0) === 0) return false;
    await trx
      .insertInto('counters')
      .values({ tenant_id: DEMO_TENANT.id, name: 'service_request', value: 0 })
      .onConflict((oc) => oc.doNothing())
      .execute();

    for (const [position, group] of DEMO_GROUPS.entries()) {
      await trx
        .insertInto('service_groups')
        .values({ tenant_id: DEMO_TENANT.id, code: group.code, position })
        .onConflict((oc) => oc.doNothing())
        .execute();
      await trx
        .insertInto('service_group_translations')
        .values(KIOSK_LOCALES.map((locale) => ({ tenant_id: DEMO_TENANT.id, group_code: group.code, locale, name: group.names[locale] })))
        .onConflict((oc) => oc.doNothing())
        .execute();
    }

    for (const [position, service] of DEMO_SERVICES.entries()) {
      await trx
        .insertInto('services')
        .values({
          tenant_id: DEMO_TENANT.id,
          code: service.code,
          group_code: service.group,
          type: 'realtime',
          locationless: service.locationless ? 1 : 0,
          position,
          active: 1,
          created_at: at,
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
      await trx
        .insertInto('service_translations')
        .values(
          KIOSK_LOCALES.map((locale) => ({
            tenant_id: DEMO_TENANT.id,
            service_code: service.code,
            locale,
            ...service.texts[locale],
          })),
        )
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    await seedDemoDefinitions(trx, DEMO_TENANT.id);
    await seedDemoLandmarks(trx, DEMO_TENANT.id);
    await seedDemoContent(trx, DEMO_TENANT.id);
    return true;
  });
  if (created) await seedDemoServiceLevels(db, DEMO_TENANT.id, now);
  return { tenantId: DEMO_TENANT.id, created };
}
