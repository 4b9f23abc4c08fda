import type { KioskLocale } from '@kiosk/shared';

/**
 * The demo municipality's catalogue: three groups, five services, texts in every kiosk
 * language. Codes are language-neutral (open311.md pitfall 5); keywords are comma-separated.
 */

export const DEMO_TENANT = {
  id: 'villademo',
  jurisdictionId: 'villademo.es',
  name: 'Ayuntamiento de Villademo',
  timeZone: 'Europe/Madrid',
  defaultLocale: 'es',
  officeAddress: 'Plaza Mayor, 1, 28999 Villademo',
  officeLat: 40.4168,
  officeLong: -3.7038,
  contact: 'Oficina de Atención Ciudadana, Plaza Mayor 1, Villademo (villademo.es)',
} as const;

type Texts = Readonly<Record<KioskLocale, string>>;

export interface DemoGroup {
  readonly code: string;
  readonly names: Texts;
}

export interface DemoService {
  readonly code: string;
  readonly group: string;
  readonly locationless: boolean;
  readonly texts: Readonly<Record<KioskLocale, { name: string; description: string; keywords: string }>>;
}

export const DEMO_GROUPS: readonly DemoGroup[] = [
  {
    code: 'street',
    names: { es: 'Vía pública', ca: 'Via pública', eu: 'Bide publikoa', gl: 'Vía pública', en: 'Streets and public spaces', fr: 'Voie publique', ar: 'الطريق العام' },
  },
  {
    code: 'procedures',
    names: { es: 'Trámites y certificados', ca: 'Tràmits i certificats', eu: 'Izapideak eta ziurtagiriak', gl: 'Trámites e certificados', en: 'Procedures and certificates', fr: 'Démarches et certificats', ar: 'الإجراءات والشهادات' },
  },
  {
    code: 'taxes',
    names: { es: 'Impuestos y tasas', ca: 'Impostos i taxes', eu: 'Zergak eta tasak', gl: 'Impostos e taxas', en: 'Taxes and fees', fr: 'Impôts et taxes', ar: 'الضرائب والرسوم' },
  },
];

export const DEMO_SERVICES: readonly DemoService[] = [
  {
    code: 'street-lighting',
    group: 'street',
    locationless: false,
    texts: {
      es: { name: 'Farola o alumbrado público averiado', description: 'Avise de farolas apagadas, que parpadean o están dañadas en calles, plazas y parques.', keywords: 'farola, luz, alumbrado, apagada' },
      ca: { name: 'Fanal o enllumenat públic avariat', description: 'Avisi de fanals apagats, que fan pampallugues o estan malmesos en carrers, places i parcs.', keywords: 'fanal, llum, enllumenat, apagat' },
      eu: { name: 'Kaleko argi edo farola matxuratua', description: 'Jakinarazi kale, plaza eta parkeetako farola itzaliak, keinuka ari direnak edo hondatuak.', keywords: 'farola, argia, argiteria, itzalita' },
      gl: { name: 'Farol ou iluminación pública avariada', description: 'Avise de farois apagados, que escintilan ou están danados en rúas, prazas e parques.', keywords: 'farol, luz, iluminación, apagado' },
      en: { name: 'Broken street light', description: 'Report street lights that are off, flickering or damaged in streets, squares and parks.', keywords: 'street light, lamp, lighting, dark' },
      fr: { name: 'Lampadaire ou éclairage public en panne', description: 'Signalez les lampadaires éteints, qui clignotent ou sont endommagés dans les rues, places et parcs.', keywords: 'lampadaire, lumière, éclairage, éteint' },
      ar: { name: 'عمود إنارة أو إنارة عامة معطلة', description: 'أبلغ عن أعمدة الإنارة المطفأة أو التي تومض أو المتضررة في الشوارع والساحات والحدائق.', keywords: 'إنارة, مصباح, ضوء, مطفأ' },
    },
  },
  {
    code: 'litter',
    group: 'street',
    locationless: false,
    texts: {
      es: { name: 'Limpieza viaria y basura', description: 'Informe de basura acumulada, contenedores llenos o rotos, y calles o parques sucios.', keywords: 'basura, limpieza, contenedor, suciedad' },
      ca: { name: 'Neteja viària i brossa', description: 'Informi de brossa acumulada, contenidors plens o trencats, i carrers o parcs bruts.', keywords: 'brossa, neteja, contenidor, brutícia' },
      eu: { name: 'Kale-garbiketa eta zaborra', description: 'Jakinarazi pilatutako zaborra, edukiontzi beteak edo hautsiak, eta kale edo parke zikinak.', keywords: 'zaborra, garbiketa, edukiontzia, zikinkeria' },
      gl: { name: 'Limpeza viaria e lixo', description: 'Informe de lixo acumulado, colectores cheos ou rotos, e rúas ou parques sucios.', keywords: 'lixo, limpeza, colector, sucidade' },
      en: { name: 'Street cleaning and litter', description: 'Report piled-up rubbish, full or broken bins, and dirty streets or parks.', keywords: 'litter, rubbish, cleaning, bin' },
      fr: { name: 'Propreté des rues et déchets', description: 'Signalez les déchets accumulés, les conteneurs pleins ou cassés, et les rues ou parcs sales.', keywords: 'déchets, propreté, conteneur, saleté' },
      ar: { name: 'نظافة الشوارع والنفايات', description: 'أبلغ عن تراكم النفايات أو الحاويات الممتلئة أو المكسورة أو الشوارع والحدائق المتسخة.', keywords: 'نفايات, نظافة, حاوية, أوساخ' },
    },
  },
  {
    code: 'pavement-damage',
    group: 'street',
    locationless: false,
    texts: {
      es: { name: 'Desperfectos en aceras y calzada', description: 'Comunique baches, baldosas sueltas o rotas y otros daños en aceras y calzadas.', keywords: 'bache, acera, baldosa, calzada' },
      ca: { name: 'Desperfectes en voreres i calçada', description: 'Comuniqui clots, rajoles soltes o trencades i altres danys en voreres i calçades.', keywords: 'clot, vorera, rajola, calçada' },
      eu: { name: 'Espaloi eta galtzadetako kalteak', description: 'Jakinarazi zuloak, lauza askatuak edo hautsiak eta espaloi eta galtzadetako beste kalte batzuk.', keywords: 'zuloa, espaloia, lauza, galtzada' },
      gl: { name: 'Desperfectos en beirarrúas e calzada', description: 'Comunique fochancas, lousas soltas ou rotas e outros danos en beirarrúas e calzadas.', keywords: 'fochanca, beirarrúa, lousa, calzada' },
      en: { name: 'Damaged pavement or road', description: 'Report potholes, loose or broken paving slabs and other damage to pavements and roads.', keywords: 'pothole, pavement, sidewalk, road' },
      fr: { name: 'Dégâts sur trottoirs et chaussée', description: 'Signalez les nids-de-poule, les dalles descellées ou cassées et les autres dégâts sur les trottoirs et la chaussée.', keywords: 'nid-de-poule, trottoir, dalle, chaussée' },
      ar: { name: 'أضرار في الأرصفة والطريق', description: 'أبلغ عن الحفر والبلاط المخلخل أو المكسور وغيرها من الأضرار في الأرصفة والطرقات.', keywords: 'حفرة, رصيف, بلاط, طريق' },
    },
  },
  {
    code: 'census-certificate',
    group: 'procedures',
    locationless: true,
    texts: {
      es: { name: 'Certificado de empadronamiento', description: 'Solicite el certificado o volante que acredita dónde está empadronado. Lo recibirá en la dirección que indique o podrá recogerlo en la oficina.', keywords: 'padrón, empadronamiento, certificado, volante' },
      ca: { name: "Certificat d'empadronament", description: "Sol·liciti el certificat o volant que acredita on està empadronat. El rebrà a l'adreça que indiqui o el podrà recollir a l'oficina.", keywords: 'padró, empadronament, certificat, volant' },
      eu: { name: 'Erroldatze-ziurtagiria', description: 'Eskatu non erroldatuta zauden egiaztatzen duen ziurtagiria edo txartela. Adierazten duzun helbidean jasoko duzu, edo bulegoan jaso ahal izango duzu.', keywords: 'errolda, erroldatzea, ziurtagiria, txartela' },
      gl: { name: 'Certificado de empadroamento', description: 'Solicite o certificado ou volante que acredita onde está empadroado. Recibirao no enderezo que indique ou poderá recollelo na oficina.', keywords: 'padrón, empadroamento, certificado, volante' },
      en: { name: 'Certificate of residence registration (padrón)', description: 'Ask for the certificate that shows where you are registered as a resident. We send it to the address you give, or you can collect it at the office.', keywords: 'padrón, registration, residence, certificate' },
      fr: { name: "Certificat d'inscription au registre municipal (padrón)", description: "Demandez le certificat qui atteste votre inscription comme habitant. Vous le recevrez à l'adresse indiquée ou pourrez le retirer au bureau.", keywords: 'padrón, inscription, résidence, certificat' },
      ar: { name: 'شهادة التسجيل في السجل البلدي (البادرون)', description: 'اطلب الشهادة التي تثبت مكان تسجيلك كمقيم. سنرسلها إلى العنوان الذي تحدده أو يمكنك استلامها من المكتب.', keywords: 'بادرون, تسجيل, إقامة, شهادة' },
    },
  },
  {
    code: 'ibi-question',
    group: 'taxes',
    locationless: true,
    texts: {
      es: { name: 'Consulta sobre el IBI', description: 'Pregunte sobre el Impuesto sobre Bienes Inmuebles: recibos, domiciliación, bonificaciones y plazos de pago.', keywords: 'IBI, impuesto, recibo, contribución' },
      ca: { name: "Consulta sobre l'IBI", description: "Pregunti sobre l'Impost sobre béns immobles: rebuts, domiciliació, bonificacions i terminis de pagament.", keywords: 'IBI, impost, rebut, contribució' },
      eu: { name: 'OHZri buruzko kontsulta', description: 'Galdetu Ondasun Higiezinen gaineko Zergari buruz: ordainagiriak, helbideratzea, hobariak eta ordaintzeko epeak.', keywords: 'OHZ, IBI, zerga, ordainagiria' },
      gl: { name: 'Consulta sobre o IBI', description: 'Pregunte sobre o Imposto sobre bens inmobles: recibos, domiciliación, bonificacións e prazos de pagamento.', keywords: 'IBI, imposto, recibo, contribución' },
      en: { name: 'Property tax (IBI) question', description: 'Ask about the property tax (IBI): bills, direct debit, discounts and payment deadlines.', keywords: 'IBI, property tax, bill, payment' },
      fr: { name: 'Question sur la taxe foncière (IBI)', description: "Posez vos questions sur la taxe foncière (IBI) : avis d'imposition, prélèvement, réductions et délais de paiement.", keywords: 'IBI, taxe foncière, avis, paiement' },
      ar: { name: 'استفسار عن ضريبة العقارات (IBI)', description: 'اسأل عن ضريبة العقارات (IBI): الإيصالات والدفع المباشر من الحساب والتخفيضات ومواعيد الدفع.', keywords: 'IBI, ضريبة العقارات, إيصال, دفع' },
    },
  },
];
