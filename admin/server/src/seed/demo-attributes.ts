import type { KioskLocale } from '@kiosk/shared';
import type { AttributeDatatype } from '../modules/catalog/attribute-tables.js';

/**
 * Service definitions (Open311 attributes) of the demo catalogue, texts in every kiosk language.
 * Together they use all six datatypes and informational (variable=false) attributes. Only two
 * answers are required (street-lighting LIGHT_STATE, census-certificate CERT_KIND), so the
 * simplest filings of the other services need no attributes at all. ibi-question has none
 * (metadata=false).
 */

type Texts = Readonly<Record<KioskLocale, string>>;

export interface DemoAttribute {
  readonly service: string;
  readonly code: string;
  readonly order: number;
  readonly variable: boolean;
  readonly datatype: AttributeDatatype;
  readonly required: boolean;
  readonly description: Texts;
  readonly datatypeDescription: Texts;
  readonly values: readonly { readonly key: string; readonly names: Texts }[];
}

const none: Texts = { es: '', ca: '', eu: '', gl: '', en: '', fr: '', ar: '' };

const chooseOne: Texts = { es: 'Elija una opción.', ca: 'Trieu una opció.', eu: 'Aukeratu bat.', gl: 'Escolla unha opción.', en: 'Choose one.', fr: 'Choisissez une option.', ar: 'اختر خيارًا واحدًا.' };
const chooseAny: Texts = { es: 'Elija una o varias opciones.', ca: 'Trieu una o diverses opcions.', eu: 'Aukeratu bat edo gehiago.', gl: 'Escolla unha ou varias opcións.', en: 'Choose one or more.', fr: 'Choisissez une ou plusieurs options.', ar: 'اختر خيارًا واحدًا أو أكثر.' };

export const DEMO_ATTRIBUTES: readonly DemoAttribute[] = [
  {
    service: 'street-lighting', code: 'SLA_INFO', order: 1, variable: false, datatype: 'text', required: false,
    description: {
      es: 'Las averías de alumbrado se reparan en un plazo de 5 días laborables.', ca: 'Les avaries d\'enllumenat es reparen en un termini de 5 dies feiners.',
      eu: 'Argiteriako matxurak 5 lanegunen barruan konpontzen dira.', gl: 'As avarías de iluminación repáranse nun prazo de 5 días laborables.',
      en: 'Street light faults are repaired within 5 working days.', fr: 'Les pannes d\'éclairage sont réparées sous 5 jours ouvrables.', ar: 'تُصلح أعطال الإنارة في غضون 5 أيام عمل.',
    },
    datatypeDescription: none, values: [],
  },
  {
    service: 'street-lighting', code: 'LIGHT_STATE', order: 2, variable: true, datatype: 'singlevaluelist', required: true,
    description: { es: '¿Cómo está la farola?', ca: 'Com està el fanal?', eu: 'Nola dago farola?', gl: 'Como está o farol?', en: 'What is wrong with the light?', fr: 'Dans quel état est le lampadaire ?', ar: 'ما حالة عمود الإنارة؟' },
    datatypeDescription: chooseOne,
    values: [
      { key: 'off', names: { es: 'Apagada', ca: 'Apagat', eu: 'Itzalita', gl: 'Apagado', en: 'Off', fr: 'Éteint', ar: 'مطفأ' } },
      { key: 'flickering', names: { es: 'Parpadea', ca: 'Fa pampallugues', eu: 'Keinuka', gl: 'Escintila', en: 'Flickering', fr: 'Clignote', ar: 'يومض' } },
      { key: 'damaged', names: { es: 'Dañada', ca: 'Malmès', eu: 'Hondatuta', gl: 'Danado', en: 'Damaged', fr: 'Endommagé', ar: 'متضرر' } },
    ],
  },
  {
    service: 'street-lighting', code: 'POLE_NUMBER', order: 3, variable: true, datatype: 'string', required: false,
    description: { es: 'Número de la farola (si lo ve)', ca: 'Número del fanal (si el veieu)', eu: 'Farolaren zenbakia (ikusten baduzu)', gl: 'Número do farol (se o ve)', en: 'Pole number (if you can see it)', fr: 'Numéro du lampadaire (si visible)', ar: 'رقم العمود (إن كان ظاهرًا)' },
    datatypeDescription: { es: 'Por ejemplo A-123.', ca: 'Per exemple A-123.', eu: 'Adibidez A-123.', gl: 'Por exemplo A-123.', en: 'For example A-123.', fr: 'Par exemple A-123.', ar: 'مثلًا A-123.' },
    values: [],
  },
  {
    service: 'litter', code: 'BIN_TYPES', order: 1, variable: true, datatype: 'multivaluelist', required: false,
    description: { es: '¿Qué contenedores?', ca: 'Quins contenidors?', eu: 'Zein edukiontzi?', gl: 'Que colectores?', en: 'Which bins?', fr: 'Quels conteneurs ?', ar: 'أي حاويات؟' },
    datatypeDescription: chooseAny,
    values: [
      { key: 'organic', names: { es: 'Orgánico', ca: 'Orgànic', eu: 'Organikoa', gl: 'Orgánico', en: 'Organic', fr: 'Biodéchets', ar: 'عضوية' } },
      { key: 'paper', names: { es: 'Papel', ca: 'Paper', eu: 'Papera', gl: 'Papel', en: 'Paper', fr: 'Papier', ar: 'ورق' } },
      { key: 'glass', names: { es: 'Vidrio', ca: 'Vidre', eu: 'Beira', gl: 'Vidro', en: 'Glass', fr: 'Verre', ar: 'زجاج' } },
      { key: 'packaging', names: { es: 'Envases', ca: 'Envasos', eu: 'Ontziak', gl: 'Envases', en: 'Packaging', fr: 'Emballages', ar: 'عبوات' } },
    ],
  },
  {
    service: 'litter', code: 'BAG_COUNT', order: 2, variable: true, datatype: 'number', required: false,
    description: { es: 'Bolsas abandonadas (aproximado)', ca: 'Bosses abandonades (aproximat)', eu: 'Utzitako poltsak (gutxi gorabehera)', gl: 'Bolsas abandonadas (aproximado)', en: 'Bags left out (roughly)', fr: 'Sacs abandonnés (environ)', ar: 'عدد الأكياس المتروكة (تقريبًا)' },
    datatypeDescription: { es: 'Un número.', ca: 'Un nombre.', eu: 'Zenbaki bat.', gl: 'Un número.', en: 'A number.', fr: 'Un nombre.', ar: 'رقم.' },
    values: [],
  },
  {
    service: 'pavement-damage', code: 'NOTICED_AT', order: 1, variable: true, datatype: 'datetime', required: false,
    description: { es: '¿Cuándo lo vio?', ca: 'Quan ho vau veure?', eu: 'Noiz ikusi zenuen?', gl: 'Cando o viu?', en: 'When did you notice it?', fr: 'Quand l\'avez-vous remarqué ?', ar: 'متى لاحظت ذلك؟' },
    datatypeDescription: { es: 'Fecha y hora.', ca: 'Data i hora.', eu: 'Data eta ordua.', gl: 'Data e hora.', en: 'Date and time.', fr: 'Date et heure.', ar: 'التاريخ والوقت.' },
    values: [],
  },
  {
    service: 'pavement-damage', code: 'DETAILS', order: 2, variable: true, datatype: 'text', required: false,
    description: { es: 'Cómo llegar al lugar exacto', ca: 'Com arribar al lloc exacte', eu: 'Nola iritsi leku zehatzera', gl: 'Como chegar ao lugar exacto', en: 'How to find the exact spot', fr: 'Comment trouver l\'endroit exact', ar: 'كيف نصل إلى المكان بالضبط' },
    datatypeDescription: none, values: [],
  },
  {
    service: 'pavement-damage', code: 'SURFACE', order: 3, variable: true, datatype: 'singlevaluelist', required: false,
    description: { es: '¿Dónde está el daño?', ca: 'On és el dany?', eu: 'Non dago kaltea?', gl: 'Onde está o dano?', en: 'Where is the damage?', fr: 'Où se trouve le dégât ?', ar: 'أين يوجد الضرر؟' },
    datatypeDescription: chooseOne,
    values: [
      { key: 'pavement', names: { es: 'En la acera', ca: 'A la vorera', eu: 'Espaloian', gl: 'Na beirarrúa', en: 'On the pavement', fr: 'Sur le trottoir', ar: 'على الرصيف' } },
      { key: 'road', names: { es: 'En la calzada', ca: 'A la calçada', eu: 'Galtzadan', gl: 'Na calzada', en: 'On the road', fr: 'Sur la chaussée', ar: 'في الطريق' } },
      { key: 'crossing', names: { es: 'En un paso de peatones', ca: 'En un pas de vianants', eu: 'Oinezkoen pasabidean', gl: 'Nun paso de peóns', en: 'On a pedestrian crossing', fr: 'Sur un passage piéton', ar: 'في ممر المشاة' } },
    ],
  },
  {
    service: 'pavement-damage', code: 'HAZARDS', order: 4, variable: true, datatype: 'multivaluelist', required: false,
    description: { es: '¿Qué riesgo supone?', ca: 'Quin risc suposa?', eu: 'Zer arrisku dakar?', gl: 'Que risco supón?', en: 'What risk does it cause?', fr: 'Quel risque cela présente-t-il ?', ar: 'ما الخطر الذي يسببه؟' },
    datatypeDescription: chooseAny,
    values: [
      { key: 'trip', names: { es: 'Se puede tropezar', ca: 'S\'hi pot ensopegar', eu: 'Estropezu egin daiteke', gl: 'Pódese tropezar', en: 'People can trip', fr: 'On peut trébucher', ar: 'يمكن التعثر' } },
      { key: 'water', names: { es: 'Se acumula agua', ca: 'S\'hi acumula aigua', eu: 'Ura pilatzen da', gl: 'Acumúlase auga', en: 'Water collects', fr: 'L\'eau s\'accumule', ar: 'تتجمع المياه' } },
      { key: 'wheelchair', names: { es: 'Impide el paso en silla de ruedas', ca: 'Impedeix el pas amb cadira de rodes', eu: 'Gurpil-aulkiz ezin da igaro', gl: 'Impide o paso en cadeira de rodas', en: 'Blocks wheelchairs', fr: 'Bloque les fauteuils roulants', ar: 'يمنع مرور الكراسي المتحركة' } },
    ],
  },
  {
    service: 'pavement-damage', code: 'WIDTH_CM', order: 5, variable: true, datatype: 'number', required: false,
    description: { es: 'Tamaño aproximado en centímetros', ca: 'Mida aproximada en centímetres', eu: 'Gutxi gorabeherako neurria zentimetrotan', gl: 'Tamaño aproximado en centímetros', en: 'Rough size in centimetres', fr: 'Taille approximative en centimètres', ar: 'الحجم التقريبي بالسنتيمترات' },
    datatypeDescription: { es: 'Un número.', ca: 'Un nombre.', eu: 'Zenbaki bat.', gl: 'Un número.', en: 'A number.', fr: 'Un nombre.', ar: 'رقم.' },
    values: [],
  },
  {
    service: 'pavement-damage', code: 'NEAR_DOOR', order: 6, variable: true, datatype: 'string', required: false,
    description: { es: 'Número del portal más cercano', ca: 'Número del portal més proper', eu: 'Atari hurbilenaren zenbakia', gl: 'Número do portal máis próximo', en: 'Nearest door number', fr: 'Numéro de la porte la plus proche', ar: 'رقم أقرب مدخل' },
    datatypeDescription: { es: 'Por ejemplo 12 o 12B.', ca: 'Per exemple 12 o 12B.', eu: 'Adibidez 12 edo 12B.', gl: 'Por exemplo 12 ou 12B.', en: 'For example 12 or 12B.', fr: 'Par exemple 12 ou 12B.', ar: 'مثلًا 12 أو 12B.' },
    values: [],
  },
  {
    service: 'census-certificate', code: 'CERT_KIND', order: 1, variable: true, datatype: 'singlevaluelist', required: true,
    description: { es: 'Tipo de certificado', ca: 'Tipus de certificat', eu: 'Ziurtagiri mota', gl: 'Tipo de certificado', en: 'Kind of certificate', fr: 'Type de certificat', ar: 'نوع الشهادة' },
    datatypeDescription: chooseOne,
    values: [
      { key: 'individual', names: { es: 'Individual', ca: 'Individual', eu: 'Banakakoa', gl: 'Individual', en: 'Just me', fr: 'Individuel', ar: 'فردية' } },
      { key: 'household', names: { es: 'Colectivo (toda la vivienda)', ca: 'Col·lectiu (tot l\'habitatge)', eu: 'Taldekoa (etxebizitza osoa)', gl: 'Colectivo (toda a vivenda)', en: 'Everyone in the household', fr: 'Collectif (tout le logement)', ar: 'جماعية (كل المسكن)' } },
    ],
  },
  {
    service: 'census-certificate', code: 'BRING_ID', order: 2, variable: false, datatype: 'string', required: false,
    description: {
      es: 'Para recogerlo en la oficina traiga su DNI, NIE o pasaporte.', ca: 'Per recollir-lo a l\'oficina porteu el DNI, NIE o passaport.',
      eu: 'Bulegoan jasotzeko, ekarri NANa, AIZ edo pasaportea.', gl: 'Para recollelo na oficina traia o DNI, NIE ou pasaporte.',
      en: 'To collect it at the office, bring your DNI, NIE or passport.', fr: 'Pour le retirer au bureau, apportez votre DNI, NIE ou passeport.', ar: 'لاستلامها من المكتب أحضر بطاقة الهوية أو NIE أو جواز السفر.',
    },
    datatypeDescription: none, values: [],
  },
];
