import type { HubDb } from '../../db/database.js';
import { findTenantTimeZone, insertDeskIfMissing, insertOfficeIfMissing, insertOpeningHoursIfMissing, insertServiceIfMissing } from './office-repository.js';

/**
 * The demo municipality's offices, opening hours, desks and appointment services (tributos at the
 * main office is by appointment only: no walk-in turns). Idempotent: it only adds what is missing,
 * never undoes a change staff made (a hub seeded before keeps its services as they are). Run lazily
 * when the routes are registered (the demo tenant is seeded after migrations, so a migration cannot do it).
 */

export const DEMO_TENANT_ID = 'villademo';

type Names = Readonly<Record<'es' | 'ca' | 'eu' | 'gl' | 'en' | 'fr' | 'ar', string>>;

interface DemoOffice {
  readonly code: string;
  readonly name: string;
  readonly address: string;
  readonly desks: readonly string[];
  /** [weekday, opens, closes] */
  readonly hours: readonly (readonly [number, string, string])[];
  /** `walkIn: false`: by appointment only, no walk-in turns at the kiosk. */
  readonly services: readonly { readonly code: string; readonly letter: string; readonly slotMinutes: number; readonly capacity: number; readonly walkIn: boolean; readonly names: Names }[];
}

const WEEKDAY_MORNINGS = [1, 2, 3, 4, 5].map((weekday) => [weekday, '09:00', '14:00'] as const);

const PADRON: Names = { es: 'Padrón municipal', ca: 'Padró municipal', eu: 'Udal errolda', gl: 'Padrón municipal', en: 'Census registration', fr: 'Recensement municipal', ar: 'السجل البلدي' };
const REGISTRO: Names = { es: 'Registro general', ca: 'Registre general', eu: 'Erregistro orokorra', gl: 'Rexistro xeral', en: 'General registry', fr: 'Registre général', ar: 'السجل العام' };
const TRIBUTOS: Names = { es: 'Impuestos y tasas', ca: 'Impostos i taxes', eu: 'Zergak eta tasak', gl: 'Impostos e taxas', en: 'Taxes and fees', fr: 'Impôts et taxes', ar: 'الضرائب والرسوم' };
const SOCIALES: Names = { es: 'Servicios sociales', ca: 'Serveis socials', eu: 'Gizarte zerbitzuak', gl: 'Servizos sociais', en: 'Social services', fr: 'Services sociaux', ar: 'الخدمات الاجتماعية' };

export const DEMO_OFFICES: readonly DemoOffice[] = [
  {
    code: 'oac-centro',
    name: 'Oficina de Atención Ciudadana - Ayuntamiento',
    address: 'Plaza Mayor, 1, 28999 Villademo',
    desks: ['1', '2', '3'],
    hours: [...WEEKDAY_MORNINGS, [4, '16:00', '18:30']],
    services: [
      { code: 'padron', letter: 'A', slotMinutes: 15, capacity: 2, walkIn: true, names: PADRON },
      { code: 'registro', letter: 'B', slotMinutes: 10, capacity: 3, walkIn: true, names: REGISTRO },
      { code: 'tributos', letter: 'C', slotMinutes: 20, capacity: 1, walkIn: false, names: TRIBUTOS },
    ],
  },
  {
    code: 'cc-norte',
    name: 'Centro Cívico Norte',
    address: 'Calle de la Fuente, 12, 28999 Villademo',
    desks: ['1'],
    hours: [
      [2, '09:00', '13:00'],
      [4, '09:00', '13:00'],
    ],
    services: [
      { code: 'padron', letter: 'A', slotMinutes: 15, capacity: 1, walkIn: true, names: PADRON },
      { code: 'servicios-sociales', letter: 'S', slotMinutes: 30, capacity: 1, walkIn: true, names: SOCIALES },
    ],
  },
];

export async function seedDemoAppointments(db: HubDb, now = new Date()): Promise<void> {
  const timeZone = await findTenantTimeZone(db, DEMO_TENANT_ID);
  if (timeZone === undefined) return; // a hub without the demo municipality gets no demo offices
  const tenant = { id: DEMO_TENANT_ID, time_zone: timeZone };
  await db.transaction().execute(async (trx) => {
    for (const [position, office] of DEMO_OFFICES.entries()) {
      await insertOfficeIfMissing(trx, {
        tenant_id: tenant.id,
        code: office.code,
        name: office.name,
        address: office.address,
        time_zone: tenant.time_zone,
        position,
        active: 1,
        created_at: now.toISOString(),
      });
      for (const desk of office.desks) {
        await insertDeskIfMissing(trx, { tenant_id: tenant.id, office_code: office.code, code: desk, label: `Mesa ${desk}`, active: 1 });
      }
      for (const [weekday, opens, closes] of office.hours) {
        await insertOpeningHoursIfMissing(trx, { tenant_id: tenant.id, office_code: office.code, weekday, opens_at: opens, closes_at: closes });
      }
      for (const [servicePosition, service] of office.services.entries()) {
        await insertServiceIfMissing(trx, {
          tenant_id: tenant.id,
          office_code: office.code,
          code: service.code,
          names: JSON.stringify(service.names),
          turn_letter: service.letter,
          slot_minutes: service.slotMinutes,
          capacity: service.capacity,
          position: servicePosition,
          active: 1,
          walk_in: service.walkIn ? 1 : 0,
        });
      }
    }
  });
}
