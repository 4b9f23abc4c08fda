import type { KioskLocale } from '@kiosk/shared';
import { DEFINITION_CATALOGUES } from './messages-definitions.js';
import type { Open311DefinitionMessageKey } from './messages-definitions.js';

/**
 * What Open311 error descriptions and notices say, per language. Open311 shows `description`
 * to end users (open311.md), so each is calm and says what to do. `{name}` is replaced by a
 * detail (a field name or code, never personal data).
 */
export type Open311MessageKey = Open311BaseMessageKey | Open311DefinitionMessageKey;

type Open311BaseMessageKey =
  | 'jurisdiction-required'
  | 'unknown-jurisdiction'
  | 'api-key-missing'
  | 'api-key-invalid'
  | 'service-code-missing'
  | 'unknown-service'
  | 'location-missing'
  | 'lat-long-invalid'
  | 'description-too-long'
  | 'description-html'
  | 'field-invalid'
  | 'unknown-request'
  | 'unknown-format'
  | 'unknown-endpoint'
  | 'internal'
  | 'request-received';

type Catalogue = Readonly<Record<Open311BaseMessageKey, string>>;

const es: Catalogue = {
  'jurisdiction-required': 'Indique el parámetro jurisdiction_id: este servidor atiende a varios municipios.',
  'unknown-jurisdiction': 'No conocemos el municipio indicado en jurisdiction_id. Revise el valor.',
  'api-key-missing': 'Falta la clave api_key. Solicite una clave al ayuntamiento.',
  'api-key-invalid': 'La clave api_key no es válida. Compruébela o solicite una nueva.',
  'service-code-missing': 'Falta service_code: indique el servicio de la solicitud.',
  'unknown-service': 'No existe el servicio {name}. Consulte la lista de servicios.',
  'location-missing': 'Indique dónde ocurre: lat y long, address_string o address_id.',
  'lat-long-invalid': 'lat y long deben ir juntos y ser coordenadas válidas.',
  'description-too-long': 'La descripción no puede superar los 4000 caracteres.',
  'description-html': 'La descripción no puede contener HTML. Escriba solo texto.',
  'field-invalid': 'El campo {name} no es válido.',
  'unknown-request': 'No encontramos ninguna solicitud con ese número o referencia.',
  'unknown-format': 'Formato no admitido: use .json o .xml.',
  'unknown-endpoint': 'Esta dirección no existe en la API Open311. Consulte discovery.json.',
  internal: 'No hemos podido atender la petición. Inténtelo de nuevo más tarde.',
  'request-received': 'Hemos recibido su solicitud. Puede consultar su estado con este número.',
};

const en: Catalogue = {
  'jurisdiction-required': 'Please give jurisdiction_id: this server serves several municipalities.',
  'unknown-jurisdiction': 'We do not know the municipality given in jurisdiction_id. Please check it.',
  'api-key-missing': 'api_key is missing. Ask the town hall for a key.',
  'api-key-invalid': 'This api_key is not valid. Please check it or ask for a new one.',
  'service-code-missing': 'service_code is missing: say which service the request is for.',
  'unknown-service': 'There is no service {name}. Please look at the list of services.',
  'location-missing': 'Please say where: lat and long, address_string or address_id.',
  'lat-long-invalid': 'lat and long must come together and be valid coordinates.',
  'description-too-long': 'The description cannot be longer than 4000 characters.',
  'description-html': 'The description cannot contain HTML. Please write plain text.',
  'field-invalid': 'The field {name} is not valid.',
  'unknown-request': 'We found no request with that number or reference.',
  'unknown-format': 'Unsupported format: use .json or .xml.',
  'unknown-endpoint': 'This address does not exist in the Open311 API. See discovery.json.',
  internal: 'We could not handle this request. Please try again later.',
  'request-received': 'We have received your request. You can follow it with this number.',
};

const ca: Catalogue = {
  'jurisdiction-required': 'Indiqueu el paràmetre jurisdiction_id: aquest servidor atén diversos municipis.',
  'unknown-jurisdiction': 'No coneixem el municipi indicat a jurisdiction_id. Reviseu el valor.',
  'api-key-missing': 'Falta la clau api_key. Demaneu una clau a l\'ajuntament.',
  'api-key-invalid': 'La clau api_key no és vàlida. Comproveu-la o demaneu-ne una de nova.',
  'service-code-missing': 'Falta service_code: indiqueu el servei de la sol·licitud.',
  'unknown-service': 'No existeix el servei {name}. Consulteu la llista de serveis.',
  'location-missing': 'Indiqueu on passa: lat i long, address_string o address_id.',
  'lat-long-invalid': 'lat i long han d\'anar junts i ser coordenades vàlides.',
  'description-too-long': 'La descripció no pot superar els 4000 caràcters.',
  'description-html': 'La descripció no pot contenir HTML. Escriviu només text.',
  'field-invalid': 'El camp {name} no és vàlid.',
  'unknown-request': 'No trobem cap sol·licitud amb aquest número o referència.',
  'unknown-format': 'Format no admès: feu servir .json o .xml.',
  'unknown-endpoint': 'Aquesta adreça no existeix a l\'API Open311. Consulteu discovery.json.',
  internal: 'No hem pogut atendre la petició. Torneu-ho a provar més tard.',
  'request-received': 'Hem rebut la vostra sol·licitud. En podeu consultar l\'estat amb aquest número.',
};

const gl: Catalogue = {
  'jurisdiction-required': 'Indique o parámetro jurisdiction_id: este servidor atende varios concellos.',
  'unknown-jurisdiction': 'Non coñecemos o concello indicado en jurisdiction_id. Revise o valor.',
  'api-key-missing': 'Falta a chave api_key. Solicite unha chave ao concello.',
  'api-key-invalid': 'A chave api_key non é válida. Compróbea ou solicite unha nova.',
  'service-code-missing': 'Falta service_code: indique o servizo da solicitude.',
  'unknown-service': 'Non existe o servizo {name}. Consulte a lista de servizos.',
  'location-missing': 'Indique onde ocorre: lat e long, address_string ou address_id.',
  'lat-long-invalid': 'lat e long deben ir xuntos e ser coordenadas válidas.',
  'description-too-long': 'A descrición non pode superar os 4000 caracteres.',
  'description-html': 'A descrición non pode conter HTML. Escriba só texto.',
  'field-invalid': 'O campo {name} non é válido.',
  'unknown-request': 'Non atopamos ningunha solicitude con ese número ou referencia.',
  'unknown-format': 'Formato non admitido: use .json ou .xml.',
  'unknown-endpoint': 'Este enderezo non existe na API Open311. Consulte discovery.json.',
  internal: 'Non puidemos atender a petición. Ténteo de novo máis tarde.',
  'request-received': 'Recibimos a súa solicitude. Pode consultar o seu estado con este número.',
};

const eu: Catalogue = {
  'jurisdiction-required': 'Adierazi jurisdiction_id parametroa: zerbitzari honek hainbat udalerri hartzen ditu.',
  'unknown-jurisdiction': 'Ez dugu ezagutzen jurisdiction_id-n adierazitako udalerria. Berrikusi balioa.',
  'api-key-missing': 'api_key gakoa falta da. Eskatu gako bat udalari.',
  'api-key-invalid': 'api_key gakoa ez da baliozkoa. Egiaztatu edo eskatu beste bat.',
  'service-code-missing': 'service_code falta da: adierazi eskaeraren zerbitzua.',
  'unknown-service': 'Ez dago {name} zerbitzurik. Begiratu zerbitzuen zerrenda.',
  'location-missing': 'Adierazi non gertatzen den: lat eta long, address_string edo address_id.',
  'lat-long-invalid': 'lat eta long elkarrekin joan behar dute, eta koordenatu baliozkoak izan.',
  'description-too-long': 'Deskribapenak ezin ditu 4000 karaktere gainditu.',
  'description-html': 'Deskribapenak ezin du HTMLrik izan. Idatzi testua soilik.',
  'field-invalid': '{name} eremua ez da baliozkoa.',
  'unknown-request': 'Ez dugu aurkitu zenbaki edo erreferentzia hori duen eskaerarik.',
  'unknown-format': 'Formatu hori ez da onartzen: erabili .json edo .xml.',
  'unknown-endpoint': 'Helbide hau ez dago Open311 APIan. Begiratu discovery.json.',
  internal: 'Ezin izan dugu eskaera kudeatu. Saiatu berriro geroago.',
  'request-received': 'Zure eskaera jaso dugu. Zenbaki honekin kontsulta dezakezu haren egoera.',
};

const fr: Catalogue = {
  'jurisdiction-required': 'Indiquez le paramètre jurisdiction_id : ce serveur dessert plusieurs communes.',
  'unknown-jurisdiction': 'Nous ne connaissons pas la commune indiquée dans jurisdiction_id. Vérifiez la valeur.',
  'api-key-missing': 'La clé api_key manque. Demandez une clé à la mairie.',
  'api-key-invalid': 'La clé api_key n\'est pas valide. Vérifiez-la ou demandez-en une nouvelle.',
  'service-code-missing': 'service_code manque : indiquez le service concerné.',
  'unknown-service': 'Le service {name} n\'existe pas. Consultez la liste des services.',
  'location-missing': 'Indiquez le lieu : lat et long, address_string ou address_id.',
  'lat-long-invalid': 'lat et long doivent être fournis ensemble et être des coordonnées valides.',
  'description-too-long': 'La description ne peut pas dépasser 4000 caractères.',
  'description-html': 'La description ne peut pas contenir de HTML. Écrivez du texte simple.',
  'field-invalid': 'Le champ {name} n\'est pas valide.',
  'unknown-request': 'Nous n\'avons trouvé aucune demande avec ce numéro ou cette référence.',
  'unknown-format': 'Format non pris en charge : utilisez .json ou .xml.',
  'unknown-endpoint': 'Cette adresse n\'existe pas dans l\'API Open311. Consultez discovery.json.',
  internal: 'Nous n\'avons pas pu traiter la demande. Réessayez plus tard.',
  'request-received': 'Nous avons bien reçu votre demande. Vous pouvez la suivre avec ce numéro.',
};

const ar: Catalogue = {
  'jurisdiction-required': 'يرجى إدخال jurisdiction_id: يخدم هذا الخادم عدة بلديات.',
  'unknown-jurisdiction': 'لا نعرف البلدية المذكورة في jurisdiction_id. يرجى التحقق من القيمة.',
  'api-key-missing': 'المفتاح api_key مفقود. اطلب مفتاحًا من البلدية.',
  'api-key-invalid': 'المفتاح api_key غير صالح. تحقق منه أو اطلب مفتاحًا جديدًا.',
  'service-code-missing': 'الحقل service_code مفقود: حدد الخدمة المطلوبة.',
  'unknown-service': 'الخدمة {name} غير موجودة. راجع قائمة الخدمات.',
  'location-missing': 'يرجى تحديد المكان: lat و long، أو address_string، أو address_id.',
  'lat-long-invalid': 'يجب إرسال lat و long معًا وأن تكونا إحداثيات صالحة.',
  'description-too-long': 'لا يمكن أن يتجاوز الوصف 4000 حرف.',
  'description-html': 'لا يمكن أن يحتوي الوصف على HTML. اكتب نصًا عاديًا فقط.',
  'field-invalid': 'الحقل {name} غير صالح.',
  'unknown-request': 'لم نجد أي طلب بهذا الرقم أو المرجع.',
  'unknown-format': 'صيغة غير مدعومة: استخدم ‎.json أو ‎.xml.',
  'unknown-endpoint': 'هذا العنوان غير موجود في واجهة Open311. راجع discovery.json.',
  internal: 'تعذر علينا معالجة الطلب. يرجى المحاولة لاحقًا.',
  'request-received': 'لقد استلمنا طلبك. يمكنك متابعة حالته بهذا الرقم.',
};

const BASE: Readonly<Record<KioskLocale, Catalogue>> = { es, ca, eu, gl, en, fr, ar };
const CATALOGUES = Object.fromEntries(
  Object.entries(BASE).map(([locale, base]) => [locale, { ...base, ...DEFINITION_CATALOGUES[locale as KioskLocale] }]),
) as Readonly<Record<KioskLocale, Readonly<Record<Open311MessageKey, string>>>>;

export function open311Message(locale: KioskLocale, key: Open311MessageKey, details: Readonly<Record<string, string>> = {}): string {
  return CATALOGUES[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => details[name] ?? whole);
}

const KNOWN_KEYS: ReadonlySet<string> = new Set(Object.keys(CATALOGUES.es));

export function isOpen311MessageKey(value: string): value is Open311MessageKey {
  return KNOWN_KEYS.has(value);
}
