import { KIOSK_LOCALES, type KioskLocale } from '@kiosk/shared';
import type { HubDb } from '../db/database.js';
import type { IntakeTables } from '../fleet/analytics/tables.js';

/**
 * Well-known places of the demo municipality: the kiosk's location step lists them so a citizen
 * can say "by the market" without typing an address. Names in every kiosk language.
 */
type Texts = Readonly<Record<KioskLocale, string>>;

interface DemoLandmark {
  readonly id: string;
  readonly names: Texts;
  readonly address: string;
  readonly lat: number;
  readonly long: number;
}

export const DEMO_LANDMARKS: readonly DemoLandmark[] = [
  { id: 'plaza-mayor', address: 'Plaza Mayor, 1, 28999 Villademo', lat: 40.4168, long: -3.7038, names: { es: 'Plaza Mayor (Ayuntamiento)', ca: 'Plaça Major (Ajuntament)', eu: 'Plaza Nagusia (Udaletxea)', gl: 'Praza Maior (Concello)', en: 'Main Square (Town Hall)', fr: 'Grand-Place (Mairie)', ar: 'الساحة الرئيسية (البلدية)' } },
  { id: 'mercado', address: 'Calle del Mercado, 4, 28999 Villademo', lat: 40.4175, long: -3.7052, names: { es: 'Mercado municipal', ca: 'Mercat municipal', eu: 'Udal merkatua', gl: 'Mercado municipal', en: 'Town market', fr: 'Marché municipal', ar: 'السوق البلدي' } },
  { id: 'parque-rio', address: 'Paseo del Río, s/n, 28999 Villademo', lat: 40.4151, long: -3.7071, names: { es: 'Parque del Río', ca: 'Parc del Riu', eu: 'Ibaiko parkea', gl: 'Parque do Río', en: 'River Park', fr: 'Parc de la Rivière', ar: 'حديقة النهر' } },
  { id: 'estacion', address: 'Avenida de la Estación, 2, 28999 Villademo', lat: 40.4192, long: -3.7011, names: { es: 'Estación de autobuses', ca: 'Estació d\'autobusos', eu: 'Autobus geltokia', gl: 'Estación de autobuses', en: 'Bus station', fr: 'Gare routière', ar: 'محطة الحافلات' } },
  { id: 'centro-salud', address: 'Calle de la Salud, 10, 28999 Villademo', lat: 40.4139, long: -3.7025, names: { es: 'Centro de salud', ca: 'Centre de salut', eu: 'Osasun zentroa', gl: 'Centro de saúde', en: 'Health centre', fr: 'Centre de santé', ar: 'المركز الصحي' } },
  { id: 'colegio', address: 'Calle de las Escuelas, 7, 28999 Villademo', lat: 40.4183, long: -3.7090, names: { es: 'Colegio público', ca: 'Escola pública', eu: 'Ikastetxe publikoa', gl: 'Colexio público', en: 'State school', fr: 'École publique', ar: 'المدرسة العامة' } },
];

/** Seeds the demo landmarks, filling only what is missing (staff edits survive). */
export async function seedDemoLandmarks(db: HubDb, tenantId: string): Promise<void> {
  const rows = DEMO_LANDMARKS.flatMap((landmark, position) =>
    KIOSK_LOCALES.map((locale) => ({ tenant_id: tenantId, id: landmark.id, locale, position, name: landmark.names[locale], address_string: landmark.address, lat: landmark.lat, long: landmark.long })),
  );
  await db.withTables<IntakeTables>().insertInto('tenant_landmarks').values(rows).onConflict((oc) => oc.doNothing()).execute();
}
