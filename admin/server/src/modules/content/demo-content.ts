import type { KioskLocale } from '@kiosk/shared';
import type { FaqText, ProcedureText } from './contract.js';

/** The demo municipality's published FAQ and procedure sheets, in every kiosk language. */

export type DemoContent =
  | { readonly id: string; readonly kind: 'faq'; readonly serviceCode: string; readonly texts: Readonly<Record<KioskLocale, FaqText>> }
  | { readonly id: string; readonly kind: 'procedure'; readonly serviceCode: string; readonly texts: Readonly<Record<KioskLocale, ProcedureText>> };

const OFFICE = {
  es: 'Oficina de Atención Ciudadana, Plaza Mayor 1. De lunes a viernes, de 9:00 a 14:00.',
  ca: "Oficina d'Atenció Ciutadana, Plaza Mayor 1. De dilluns a divendres, de 9:00 a 14:00.",
  eu: 'Herritarrentzako Arreta Bulegoa, Plaza Mayor 1. Astelehenetik ostiralera, 9:00etatik 14:00etara.',
  gl: 'Oficina de Atención Cidadá, Plaza Mayor 1. De luns a venres, de 9:00 a 14:00.',
  en: 'Citizen Service Office, Plaza Mayor 1. Monday to Friday, 9:00 to 14:00.',
  fr: "Bureau d'accueil des citoyens, Plaza Mayor 1. Du lundi au vendredi, de 9 h à 14 h.",
  ar: 'مكتب خدمة المواطنين، بلازا مايور 1. من الاثنين إلى الجمعة، من 9:00 إلى 14:00.',
} as const;

export const DEMO_CONTENT: readonly DemoContent[] = [
  {
    id: 'demo-census-certificate-sheet',
    kind: 'procedure',
    serviceCode: 'census-certificate',
    texts: {
      es: { title: 'Certificado de empadronamiento', summary: 'Documento que acredita dónde vive y desde cuándo está empadronado en Villademo. Se pide para trámites de residencia, matrícula escolar o ayudas.', whatToBring: ['DNI, NIE o pasaporte en vigor', 'Si lo pide para otra persona: su autorización firmada y una copia de su documento'], cost: 'Gratuito', duration: 'En el momento, en la oficina', where: OFFICE.es, responsible: 'Servicio de Padrón Municipal', easyRead: 'Este papel dice dónde vive usted. Traiga su DNI, NIE o pasaporte. Es gratis. Se lo damos en el momento.' },
      ca: { title: "Certificat d'empadronament", summary: 'Document que acredita on viu i des de quan està empadronat a Villademo. Es demana per a tràmits de residència, matrícula escolar o ajuts.', whatToBring: ['DNI, NIE o passaport vigent', "Si el demana per a una altra persona: la seva autorització signada i una còpia del seu document"], cost: 'Gratuït', duration: "A l'instant, a l'oficina", where: OFFICE.ca, responsible: 'Servei de Padró Municipal', easyRead: "Aquest paper diu on viu vostè. Porti el DNI, NIE o passaport. És gratuït. L'hi donem a l'instant." },
      eu: { title: 'Erroldatze-ziurtagiria', summary: 'Villademon non bizi zaren eta noiztik zauden erroldatuta egiaztatzen duen agiria. Egoitza-izapideetarako, ikastetxeko matrikularako edo laguntzetarako eskatzen da.', whatToBring: ['NAN, AIZ edo pasaporte baliozkoa', 'Beste pertsona baten izenean eskatzen baduzu: haren baimen sinatua eta haren agiriaren kopia'], cost: 'Doakoa', duration: 'Berehala, bulegoan', where: OFFICE.eu, responsible: 'Udal Erroldaren Zerbitzua', easyRead: 'Paper honek zure helbidea adierazten du. Ekarri NANa, AIZ edo pasaportea. Doakoa da. Berehala ematen dizugu.' },
      gl: { title: 'Certificado de empadroamento', summary: 'Documento que acredita onde vive e desde cando está empadroado en Villademo. Pídese para trámites de residencia, matrícula escolar ou axudas.', whatToBring: ['DNI, NIE ou pasaporte en vigor', 'Se o pide para outra persoa: a súa autorización asinada e unha copia do seu documento'], cost: 'Gratuíto', duration: 'No momento, na oficina', where: OFFICE.gl, responsible: 'Servizo de Padrón Municipal', easyRead: 'Este papel di onde vive vostede. Traia o seu DNI, NIE ou pasaporte. É gratis. Dámosllo no momento.' },
      en: { title: 'Certificate of residence registration (padrón)', summary: 'A document showing where you live and since when you are registered in Villademo. You need it for residence permits, school enrolment or benefits.', whatToBring: ['A valid DNI, NIE or passport', "If you ask for someone else: their signed authorisation and a copy of their document"], cost: 'Free', duration: 'At once, at the office', where: OFFICE.en, responsible: 'Municipal Register (Padrón) Service', easyRead: 'This paper says where you live. Bring your DNI, NIE or passport. It is free. You get it at once.' },
      fr: { title: "Certificat d'inscription au registre municipal (padrón)", summary: "Document qui atteste où vous habitez et depuis quand vous êtes inscrit à Villademo. Il est demandé pour un titre de séjour, l'inscription scolaire ou des aides.", whatToBring: ["DNI, NIE ou passeport en cours de validité", "Pour une autre personne : son autorisation signée et une copie de sa pièce d'identité"], cost: 'Gratuit', duration: 'Immédiatement, au bureau', where: OFFICE.fr, responsible: 'Service du registre municipal (padrón)', easyRead: "Ce papier dit où vous habitez. Apportez votre DNI, NIE ou passeport. C'est gratuit. On vous le donne tout de suite." },
      ar: { title: 'شهادة التسجيل في السجل البلدي (البادرون)', summary: 'وثيقة تثبت مكان سكنك ومنذ متى أنت مسجل في فياديمو. تُطلب لإجراءات الإقامة أو التسجيل المدرسي أو المساعدات.', whatToBring: ['بطاقة الهوية أو رقم الأجنبي (NIE) أو جواز سفر ساري المفعول', 'إذا طلبتها لشخص آخر: تفويضه الموقّع ونسخة من وثيقته'], cost: 'مجاناً', duration: 'فوراً، في المكتب', where: OFFICE.ar, responsible: 'خدمة السجل البلدي', easyRead: 'هذه الورقة تقول أين تسكن. أحضر هويتك أو جواز سفرك. إنها مجانية. نعطيك إياها فوراً.' },
    },
  },
  {
    id: 'demo-census-register-faq',
    kind: 'faq',
    serviceCode: 'census-certificate',
    texts: {
      es: { question: '¿Cómo me empadrono en Villademo?', answer: 'Pida cita o venga a la Oficina de Atención Ciudadana con su documento de identidad y un documento que acredite la vivienda: escritura, contrato de alquiler o autorización del titular. El empadronamiento es gratuito y queda hecho en el momento.', easyRead: 'Venga a la oficina con su documento y el contrato de su casa. Es gratis.' },
      ca: { question: 'Com m’empadrono a Villademo?', answer: "Demani cita o vingui a l'Oficina d'Atenció Ciutadana amb el document d'identitat i un document que acrediti l'habitatge: escriptura, contracte de lloguer o autorització del titular. L'empadronament és gratuït i queda fet a l'instant.", easyRead: "Vingui a l'oficina amb el document i el contracte de casa seva. És gratuït." },
      eu: { question: 'Nola erroldatu naiteke Villademon?', answer: 'Eskatu hitzordua edo etorri Herritarrentzako Arreta Bulegora zure nortasun-agiriarekin eta etxebizitza egiaztatzen duen agiri batekin: eskritura, alokairu-kontratua edo titularraren baimena. Erroldatzea doakoa da eta berehala egiten da.', easyRead: 'Etorri bulegora zure agiriarekin eta etxeko kontratuarekin. Doakoa da.' },
      gl: { question: 'Como me empadroo en Villademo?', answer: 'Pida cita ou veña á Oficina de Atención Cidadá co seu documento de identidade e un documento que acredite a vivenda: escritura, contrato de aluguer ou autorización do titular. O empadroamento é gratuíto e queda feito no momento.', easyRead: 'Veña á oficina co seu documento e o contrato da súa casa. É gratis.' },
      en: { question: 'How do I register as a resident (empadronamiento) in Villademo?', answer: 'Book an appointment or come to the Citizen Service Office with your identity document and a document for your home: deed, rental contract or the owner’s authorisation. Registration is free and done at once.', easyRead: 'Come to the office with your ID and your home contract. It is free.' },
      fr: { question: "Comment m'inscrire au registre municipal (empadronamiento) de Villademo ?", answer: "Prenez rendez-vous ou venez au bureau d'accueil des citoyens avec votre pièce d'identité et un justificatif de logement : acte de propriété, bail ou autorisation du propriétaire. L'inscription est gratuite et faite immédiatement.", easyRead: "Venez au bureau avec votre pièce d'identité et votre contrat de logement. C'est gratuit." },
      ar: { question: 'كيف أسجل نفسي في السجل البلدي (إمبادروناميينتو) في فياديمو؟', answer: 'احجز موعداً أو تعال إلى مكتب خدمة المواطنين مع وثيقة هويتك ووثيقة تثبت السكن: سند الملكية أو عقد الإيجار أو تفويض المالك. التسجيل مجاني ويتم فوراً.', easyRead: 'تعال إلى المكتب مع هويتك وعقد بيتك. إنه مجاني.' },
    },
  },
  {
    id: 'demo-ibi-payment-faq',
    kind: 'faq',
    serviceCode: 'ibi-question',
    texts: {
      es: { question: '¿Cuándo se paga el IBI y cómo lo domicilio?', answer: 'El Impuesto sobre Bienes Inmuebles (IBI) se paga cada año entre el 1 de septiembre y el 5 de noviembre. Si lo domicilia en su banco, se cobra en dos plazos y tiene un 3 % de bonificación. Puede domiciliarlo en la oficina o en la sede electrónica.', easyRead: null },
      ca: { question: "Quan es paga l'IBI i com el domicilio?", answer: "L'Impost sobre béns immobles (IBI) es paga cada any entre l'1 de setembre i el 5 de novembre. Si el domicilia al banc, es cobra en dos terminis i té un 3 % de bonificació. El pot domiciliar a l'oficina o a la seu electrònica.", easyRead: null },
      eu: { question: 'Noiz ordaintzen da OHZ (IBI) eta nola helbideratu?', answer: 'Ondasun Higiezinen gaineko Zerga (OHZ edo IBI) urtero ordaintzen da irailaren 1etik azaroaren 5era. Bankuan helbideratzen baduzu, bi epetan kobratzen da eta % 3ko hobaria duzu. Bulegoan edo egoitza elektronikoan helbidera dezakezu.', easyRead: null },
      gl: { question: 'Cando se paga o IBI e como o domicilio?', answer: 'O Imposto sobre bens inmobles (IBI) págase cada ano entre o 1 de setembro e o 5 de novembro. Se o domicilia no seu banco, cóbrase en dous prazos e ten un 3 % de bonificación. Pode domicilialo na oficina ou na sede electrónica.', easyRead: null },
      en: { question: 'When is the property tax (IBI) due, and how do I pay it by direct debit?', answer: 'The property tax (IBI) is paid every year between 1 September and 5 November. With a direct debit from your bank it is charged in two instalments and you get a 3% discount. Set it up at the office or on the online portal.', easyRead: null },
      fr: { question: 'Quand payer la taxe foncière (IBI) et comment la prélever ?', answer: "La taxe foncière (IBI) se paie chaque année entre le 1er septembre et le 5 novembre. Par prélèvement bancaire, elle est payée en deux fois avec une réduction de 3 %. Vous pouvez l'activer au bureau ou sur le portail en ligne.", easyRead: null },
      ar: { question: 'متى تُدفع ضريبة العقارات (IBI) وكيف أدفعها بالخصم المباشر؟', answer: 'تُدفع ضريبة العقارات (IBI) كل عام بين 1 سبتمبر و5 نوفمبر. بالخصم المباشر من حسابك البنكي تُدفع على قسطين مع تخفيض 3%. يمكنك تفعيله في المكتب أو عبر البوابة الإلكترونية.', easyRead: null },
    },
  },
  {
    id: 'demo-street-light-faq',
    kind: 'faq',
    serviceCode: 'street-lighting',
    texts: {
      es: { question: '¿Cuánto tardan en arreglar una farola apagada?', answer: 'Las averías de alumbrado se revisan en un plazo de 3 días laborables desde el aviso. Si hay cables a la vista o peligro, llame al 112. Puede seguir el estado de su aviso con la referencia del recibo.', easyRead: 'Arreglamos la farola en unos 3 días. Si hay peligro, llame al 112.' },
      ca: { question: 'Quant es triga a arreglar un fanal apagat?', answer: "Les avaries d'enllumenat es revisen en un termini de 3 dies feiners des de l'avís. Si hi ha cables a la vista o perill, truqui al 112. Pot seguir l'estat del seu avís amb la referència del rebut.", easyRead: 'Arreglem el fanal en uns 3 dies. Si hi ha perill, truqui al 112.' },
      eu: { question: 'Zenbat denbora behar da farola itzali bat konpontzeko?', answer: 'Argiteria-matxurak abisua eman eta 3 lanegunen barruan berrikusten dira. Kableak agerian badaude edo arriskua badago, deitu 112ra. Zure abisuaren egoera ordainagiriko erreferentziarekin jarrai dezakezu.', easyRead: 'Farola 3 egun inguruan konpontzen dugu. Arriskua badago, deitu 112ra.' },
      gl: { question: 'Canto tardan en arranxar un farol apagado?', answer: 'As avarías de iluminación revísanse nun prazo de 3 días laborables desde o aviso. Se hai cables á vista ou perigo, chame ao 112. Pode seguir o estado do seu aviso coa referencia do recibo.', easyRead: 'Arranxamos o farol nuns 3 días. Se hai perigo, chame ao 112.' },
      en: { question: 'How long does it take to fix a street light that is off?', answer: 'Lighting faults are checked within 3 working days of the report. If cables are exposed or there is danger, call 112. Follow your report with the reference on your receipt.', easyRead: 'We fix the street light in about 3 days. If there is danger, call 112.' },
      fr: { question: 'Combien de temps pour réparer un lampadaire éteint ?', answer: "Les pannes d'éclairage sont vérifiées sous 3 jours ouvrables après le signalement. En cas de câbles visibles ou de danger, appelez le 112. Suivez votre signalement avec la référence du reçu.", easyRead: 'Nous réparons le lampadaire en 3 jours environ. En cas de danger, appelez le 112.' },
      ar: { question: 'كم من الوقت يستغرق إصلاح عمود إنارة مطفأ؟', answer: 'تُفحص أعطال الإنارة خلال 3 أيام عمل من البلاغ. إذا كانت هناك أسلاك مكشوفة أو خطر، اتصل بالرقم 112. تابع بلاغك بالمرجع المطبوع على الإيصال.', easyRead: 'نصلح عمود الإنارة في حوالي 3 أيام. إذا كان هناك خطر، اتصل بـ 112.' },
    },
  },
  {
    id: 'demo-bulky-waste-faq',
    kind: 'faq',
    serviceCode: 'litter',
    texts: {
      es: { question: '¿Cómo pido que recojan muebles o trastos viejos?', answer: 'La recogida de muebles y enseres es gratuita. Pídala en este quiosco o por teléfono; le daremos un día y deberá dejarlos junto a su portal la noche anterior, no antes de las 20:00.', easyRead: 'Pida la recogida aquí. Es gratis. Deje los muebles en su portal la noche antes.' },
      ca: { question: 'Com demano que recullin mobles o andròmines?', answer: "La recollida de mobles i estris és gratuïta. Demani-la en aquest quiosc o per telèfon; li donarem un dia i els haurà de deixar al costat del portal la nit abans, no abans de les 20:00.", easyRead: 'Demani la recollida aquí. És gratuïta. Deixi els mobles al portal la nit abans.' },
      eu: { question: 'Nola eskatu altzari edo tresna zaharrak jasotzeko?', answer: 'Altzari eta tresnen bilketa doakoa da. Eskatu kiosko honetan edo telefonoz; egun bat emango dizugu eta aurreko gauean utzi beharko dituzu atariaren ondoan, 20:00ak baino lehen ez.', easyRead: 'Eskatu bilketa hemen. Doakoa da. Utzi altzariak atarian aurreko gauean.' },
      gl: { question: 'Como pido que recollan mobles ou trastes vellos?', answer: 'A recollida de mobles e trebellos é gratuíta. Pídaa neste quiosco ou por teléfono; darémoslle un día e deberá deixalos xunto ao seu portal a noite anterior, non antes das 20:00.', easyRead: 'Pida a recollida aquí. É gratis. Deixe os mobles no seu portal a noite antes.' },
      en: { question: 'How do I get old furniture or bulky items collected?', answer: 'Collection of furniture and bulky items is free. Ask for it at this kiosk or by phone; we give you a day and you leave the items by your front door the night before, not before 20:00.', easyRead: 'Ask for collection here. It is free. Leave the furniture by your door the night before.' },
      fr: { question: 'Comment faire enlever des meubles ou des encombrants ?', answer: "L'enlèvement des meubles et encombrants est gratuit. Demandez-le sur cette borne ou par téléphone ; nous vous donnons un jour et vous les déposez devant votre porte la veille au soir, pas avant 20 h.", easyRead: "Demandez l'enlèvement ici. C'est gratuit. Déposez les meubles devant votre porte la veille au soir." },
      ar: { question: 'كيف أطلب جمع الأثاث أو الأغراض القديمة الكبيرة؟', answer: 'جمع الأثاث والأغراض الكبيرة مجاني. اطلبه من هذا الكشك أو بالهاتف؛ سنحدد لك يوماً وتضع الأغراض بجانب باب العمارة في الليلة السابقة، ليس قبل الساعة 20:00.', easyRead: 'اطلب الجمع هنا. إنه مجاني. ضع الأثاث عند بابك في الليلة السابقة.' },
    },
  },
];
