import type { KioskLocale } from '@kiosk/shared';

/**
 * Error descriptions and notices of service definitions, tokens and request queries, per language
 * (merged into messages.ts). `{label}` is the attribute's own question in the same language,
 * `{name}` a field or attribute code, `{allowed}` the accepted values: never personal data.
 */
export type Open311DefinitionMessageKey =
  | 'attribute-required'
  | 'attribute-unknown'
  | 'attribute-not-in-list'
  | 'attribute-one-value'
  | 'attribute-not-number'
  | 'attribute-not-datetime'
  | 'unknown-token'
  | 'date-invalid'
  | 'date-range-reversed'
  | 'date-range-too-long'
  | 'value-not-allowed'
  | 'request-queued';

export type DefinitionCatalogue = Readonly<Record<Open311DefinitionMessageKey, string>>;

const es: DefinitionCatalogue = {
  'attribute-required': 'Falta un dato obligatorio: «{label}» (attribute[{name}]).',
  'attribute-unknown': 'Este servicio no tiene el dato attribute[{name}]. Consulte la definición del servicio.',
  'attribute-not-in-list': 'El valor de «{label}» (attribute[{name}]) no está entre las opciones. Consulte la definición del servicio.',
  'attribute-one-value': '«{label}» (attribute[{name}]) admite un solo valor.',
  'attribute-not-number': '«{label}» (attribute[{name}]) debe ser un número.',
  'attribute-not-datetime': '«{label}» (attribute[{name}]) debe ser una fecha y hora con zona horaria, por ejemplo 2025-03-01T10:00:00+01:00.',
  'unknown-token': 'No encontramos ese token. Revise el valor.',
  'date-invalid': '{name} no es una fecha válida: use fecha y hora con zona horaria, por ejemplo 2025-03-01T10:00:00+01:00.',
  'date-range-reversed': 'start_date no puede ser posterior a end_date.',
  'date-range-too-long': 'Entre start_date y end_date no puede haber más de 90 días.',
  'value-not-allowed': 'El valor de {name} no es válido. Valores admitidos: {allowed}.',
  'request-queued': 'Hemos recibido su solicitud. Con este token podrá conocer su número.',
};

const en: DefinitionCatalogue = {
  'attribute-required': 'A required answer is missing: "{label}" (attribute[{name}]).',
  'attribute-unknown': 'This service has no attribute[{name}]. Please look at the service definition.',
  'attribute-not-in-list': 'The value of "{label}" (attribute[{name}]) is not one of the options. Please look at the service definition.',
  'attribute-one-value': '"{label}" (attribute[{name}]) takes a single value.',
  'attribute-not-number': '"{label}" (attribute[{name}]) must be a number.',
  'attribute-not-datetime': '"{label}" (attribute[{name}]) must be a date and time with a time zone, e.g. 2025-03-01T10:00:00+01:00.',
  'unknown-token': 'We found no such token. Please check it.',
  'date-invalid': '{name} is not a valid date: use a date and time with a time zone, e.g. 2025-03-01T10:00:00+01:00.',
  'date-range-reversed': 'start_date cannot be after end_date.',
  'date-range-too-long': 'start_date and end_date cannot be more than 90 days apart.',
  'value-not-allowed': 'The value of {name} is not valid. Accepted values: {allowed}.',
  'request-queued': 'We have received your request. This token will give you its number.',
};

const ca: DefinitionCatalogue = {
  'attribute-required': 'Falta una dada obligatòria: «{label}» (attribute[{name}]).',
  'attribute-unknown': 'Aquest servei no té la dada attribute[{name}]. Consulteu la definició del servei.',
  'attribute-not-in-list': 'El valor de «{label}» (attribute[{name}]) no és entre les opcions. Consulteu la definició del servei.',
  'attribute-one-value': '«{label}» (attribute[{name}]) admet un sol valor.',
  'attribute-not-number': '«{label}» (attribute[{name}]) ha de ser un nombre.',
  'attribute-not-datetime': '«{label}» (attribute[{name}]) ha de ser una data i hora amb zona horària, per exemple 2025-03-01T10:00:00+01:00.',
  'unknown-token': 'No trobem aquest token. Reviseu el valor.',
  'date-invalid': '{name} no és una data vàlida: feu servir data i hora amb zona horària, per exemple 2025-03-01T10:00:00+01:00.',
  'date-range-reversed': 'start_date no pot ser posterior a end_date.',
  'date-range-too-long': 'Entre start_date i end_date no hi pot haver més de 90 dies.',
  'value-not-allowed': 'El valor de {name} no és vàlid. Valors admesos: {allowed}.',
  'request-queued': 'Hem rebut la vostra sol·licitud. Amb aquest token en sabreu el número.',
};

const eu: DefinitionCatalogue = {
  'attribute-required': 'Derrigorrezko datu bat falta da: «{label}» (attribute[{name}]).',
  'attribute-unknown': 'Zerbitzu honek ez du attribute[{name}] daturik. Begiratu zerbitzuaren definizioa.',
  'attribute-not-in-list': '«{label}» (attribute[{name}]) datuaren balioa ez dago aukeren artean. Begiratu zerbitzuaren definizioa.',
  'attribute-one-value': '«{label}» (attribute[{name}]) datuak balio bakarra onartzen du.',
  'attribute-not-number': '«{label}» (attribute[{name}]) zenbaki bat izan behar da.',
  'attribute-not-datetime': '«{label}» (attribute[{name}]) ordu-zonadun data eta ordua izan behar da, adibidez 2025-03-01T10:00:00+01:00.',
  'unknown-token': 'Ez dugu token hori aurkitu. Berrikusi balioa.',
  'date-invalid': '{name} ez da baliozko data: erabili ordu-zonadun data eta ordua, adibidez 2025-03-01T10:00:00+01:00.',
  'date-range-reversed': 'start_date ezin da end_date baino geroagokoa izan.',
  'date-range-too-long': 'start_date eta end_date artean ezin da 90 egun baino gehiago egon.',
  'value-not-allowed': '{name} eremuaren balioa ez da baliozkoa. Onartutako balioak: {allowed}.',
  'request-queued': 'Zure eskaera jaso dugu. Token honekin jakingo duzu haren zenbakia.',
};

const gl: DefinitionCatalogue = {
  'attribute-required': 'Falta un dato obrigatorio: «{label}» (attribute[{name}]).',
  'attribute-unknown': 'Este servizo non ten o dato attribute[{name}]. Consulte a definición do servizo.',
  'attribute-not-in-list': 'O valor de «{label}» (attribute[{name}]) non está entre as opcións. Consulte a definición do servizo.',
  'attribute-one-value': '«{label}» (attribute[{name}]) admite un só valor.',
  'attribute-not-number': '«{label}» (attribute[{name}]) debe ser un número.',
  'attribute-not-datetime': '«{label}» (attribute[{name}]) debe ser unha data e hora con fuso horario, por exemplo 2025-03-01T10:00:00+01:00.',
  'unknown-token': 'Non atopamos ese token. Revise o valor.',
  'date-invalid': '{name} non é unha data válida: use data e hora con fuso horario, por exemplo 2025-03-01T10:00:00+01:00.',
  'date-range-reversed': 'start_date non pode ser posterior a end_date.',
  'date-range-too-long': 'Entre start_date e end_date non pode haber máis de 90 días.',
  'value-not-allowed': 'O valor de {name} non é válido. Valores admitidos: {allowed}.',
  'request-queued': 'Recibimos a súa solicitude. Con este token poderá coñecer o seu número.',
};

const fr: DefinitionCatalogue = {
  'attribute-required': 'Une réponse obligatoire manque : « {label} » (attribute[{name}]).',
  'attribute-unknown': 'Ce service n\'a pas de donnée attribute[{name}]. Consultez la définition du service.',
  'attribute-not-in-list': 'La valeur de « {label} » (attribute[{name}]) ne fait pas partie des options. Consultez la définition du service.',
  'attribute-one-value': '« {label} » (attribute[{name}]) n\'accepte qu\'une seule valeur.',
  'attribute-not-number': '« {label} » (attribute[{name}]) doit être un nombre.',
  'attribute-not-datetime': '« {label} » (attribute[{name}]) doit être une date et une heure avec fuseau horaire, par exemple 2025-03-01T10:00:00+01:00.',
  'unknown-token': 'Nous ne trouvons pas ce jeton. Vérifiez la valeur.',
  'date-invalid': '{name} n\'est pas une date valide : utilisez une date et une heure avec fuseau horaire, par exemple 2025-03-01T10:00:00+01:00.',
  'date-range-reversed': 'start_date ne peut pas être postérieure à end_date.',
  'date-range-too-long': 'start_date et end_date ne peuvent pas être séparées de plus de 90 jours.',
  'value-not-allowed': 'La valeur de {name} n\'est pas valide. Valeurs acceptées : {allowed}.',
  'request-queued': 'Nous avons bien reçu votre demande. Ce jeton vous donnera son numéro.',
};

const ar: DefinitionCatalogue = {
  'attribute-required': 'إجابة مطلوبة مفقودة: «{label}» (attribute[{name}]).',
  'attribute-unknown': 'لا تحتوي هذه الخدمة على الحقل attribute[{name}]. راجع تعريف الخدمة.',
  'attribute-not-in-list': 'قيمة «{label}» (attribute[{name}]) ليست من بين الخيارات. راجع تعريف الخدمة.',
  'attribute-one-value': '«{label}» (attribute[{name}]) يقبل قيمة واحدة فقط.',
  'attribute-not-number': 'يجب أن يكون «{label}» (attribute[{name}]) رقمًا.',
  'attribute-not-datetime': 'يجب أن يكون «{label}» (attribute[{name}]) تاريخًا ووقتًا مع المنطقة الزمنية، مثل 2025-03-01T10:00:00+01:00.',
  'unknown-token': 'لم نجد هذا الرمز. يرجى التحقق من القيمة.',
  'date-invalid': '{name} ليس تاريخًا صالحًا: استخدم تاريخًا ووقتًا مع المنطقة الزمنية، مثل 2025-03-01T10:00:00+01:00.',
  'date-range-reversed': 'لا يمكن أن يكون start_date بعد end_date.',
  'date-range-too-long': 'لا يمكن أن تزيد المدة بين start_date و end_date على 90 يومًا.',
  'value-not-allowed': 'قيمة {name} غير صالحة. القيم المقبولة: {allowed}.',
  'request-queued': 'لقد استلمنا طلبك. سيعطيك هذا الرمز رقم الطلب.',
};

export const DEFINITION_CATALOGUES: Readonly<Record<KioskLocale, DefinitionCatalogue>> = { es, ca, eu, gl, en, fr, ar };
