import type { KioskLocale } from '@kiosk/shared';

/** The public status page's words, in every kiosk language. */
export interface StatusPageText {
  readonly title: string;
  readonly reference: string;
  readonly service: string;
  readonly status: string;
  readonly received: string;
  readonly updated: string;
  readonly expected: string;
  readonly history: string;
  readonly open: string;
  readonly closed: string;
  readonly notFound: string;
  readonly notFoundHelp: string;
}

export const STATUS_PAGE_TEXT: Readonly<Record<KioskLocale, StatusPageText>> = {
  es: { title: 'Estado de su solicitud', reference: 'Referencia', service: 'Servicio', status: 'Estado', received: 'Recibida', updated: 'Última actualización', expected: 'Fecha prevista', history: 'Historial', open: 'En trámite', closed: 'Cerrada', notFound: 'No encontramos esta referencia', notFoundHelp: 'Compruebe la referencia del justificante. Si acaba de presentar la solicitud sin conexión, puede tardar unos minutos en aparecer.' },
  ca: { title: 'Estat de la vostra sol·licitud', reference: 'Referència', service: 'Servei', status: 'Estat', received: 'Rebuda', updated: 'Darrera actualització', expected: 'Data prevista', history: 'Historial', open: 'En tràmit', closed: 'Tancada', notFound: 'No trobem aquesta referència', notFoundHelp: 'Comproveu la referència del justificant. Si l’acabeu de presentar sense connexió, pot trigar uns minuts a aparèixer.' },
  eu: { title: 'Zure eskaeraren egoera', reference: 'Erreferentzia', service: 'Zerbitzua', status: 'Egoera', received: 'Jasota', updated: 'Azken eguneratzea', expected: 'Aurreikusitako data', history: 'Historia', open: 'Izapidetzen', closed: 'Itxita', notFound: 'Ez dugu erreferentzia hau aurkitu', notFoundHelp: 'Egiaztatu egiaztagiriko erreferentzia. Konexiorik gabe aurkeztu berri baduzu, minutu batzuk behar ditu agertzeko.' },
  gl: { title: 'Estado da súa solicitude', reference: 'Referencia', service: 'Servizo', status: 'Estado', received: 'Recibida', updated: 'Última actualización', expected: 'Data prevista', history: 'Historial', open: 'En trámite', closed: 'Pechada', notFound: 'Non atopamos esta referencia', notFoundHelp: 'Comprobe a referencia do xustificante. Se acaba de presentala sen conexión, pode tardar uns minutos en aparecer.' },
  en: { title: 'Status of your request', reference: 'Reference', service: 'Service', status: 'Status', received: 'Received', updated: 'Last update', expected: 'Expected by', history: 'History', open: 'In progress', closed: 'Closed', notFound: 'We cannot find this reference', notFoundHelp: 'Check the reference on your receipt. If you filed it while the kiosk was offline, it may take a few minutes to appear.' },
  fr: { title: 'État de votre demande', reference: 'Référence', service: 'Service', status: 'État', received: 'Reçue', updated: 'Dernière mise à jour', expected: 'Date prévue', history: 'Historique', open: 'En cours', closed: 'Clôturée', notFound: 'Nous ne trouvons pas cette référence', notFoundHelp: 'Vérifiez la référence du récépissé. Si vous venez de la déposer hors connexion, elle peut mettre quelques minutes à apparaître.' },
  ar: { title: 'حالة طلبك', reference: 'الرقم المرجعي', service: 'الخدمة', status: 'الحالة', received: 'تاريخ الاستلام', updated: 'آخر تحديث', expected: 'التاريخ المتوقع', history: 'السجل', open: 'قيد المعالجة', closed: 'مغلق', notFound: 'لم نعثر على هذا الرقم المرجعي', notFoundHelp: 'تحقق من الرقم المرجعي في الإيصال. إذا قدّمت الطلب للتو دون اتصال، فقد يستغرق ظهوره بضع دقائق.' },
};
