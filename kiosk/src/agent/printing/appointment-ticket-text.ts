import type { KioskLocale } from '@kiosk/shared';

/**
 * The words on appointment and turn tickets, in every kiosk language. Only characters the PC858
 * code page carries (straight apostrophes), as in receipt-text.ts; Arabic is printed as a raster.
 */
export interface AppointmentTicketText {
  readonly appointmentTitle: string;
  readonly turnTitle: string;
  readonly referenceLabel: string;
  readonly turnLabel: string;
  readonly appointmentDateLabel: string;
  readonly issuedLabel: string;
  readonly addressLabel: string;
  readonly kioskLabel: string;
  /** After the service name: what to do on the day. */
  readonly appointmentWhatNext: string;
  readonly changeNotice: string;
  readonly turnWhatNext: (peopleAhead: number, minutes: number) => string;
  readonly noPersonalData: string;
}

export const APPOINTMENT_TICKET_TEXT: Readonly<Record<KioskLocale, AppointmentTicketText>> = {
  es: {
    appointmentTitle: 'Cita previa',
    turnTitle: 'Su turno',
    referenceLabel: 'Referencia de la cita',
    turnLabel: 'Número de turno',
    appointmentDateLabel: 'Día y hora de la cita',
    issuedLabel: 'Emitido',
    addressLabel: 'Dirección',
    kioskLabel: 'Quiosco',
    appointmentWhatNext: 'Llegue unos minutos antes. En el quiosco, escanee este código QR o escriba la referencia para recibir su turno.',
    changeNotice: 'Para anular o cambiar la cita, use el quiosco con la referencia y su documento de identidad.',
    turnWhatNext: (ahead, minutes) => `Espere a que su número aparezca en la pantalla. Personas delante: ${ahead}. Espera aproximada: ${minutes} min.`,
    noPersonalData: 'Este ticket no contiene datos personales.',
  },
  ca: {
    appointmentTitle: 'Cita previa',
    turnTitle: 'El vostre torn',
    referenceLabel: 'Referència de la cita',
    turnLabel: 'Número de torn',
    appointmentDateLabel: 'Dia i hora de la cita',
    issuedLabel: 'Emès',
    addressLabel: 'Adreça',
    kioskLabel: 'Quiosc',
    appointmentWhatNext: "Arribeu uns minuts abans. Al quiosc, escanegeu aquest codi QR o escriviu la referència per rebre el vostre torn.",
    changeNotice: "Per anul·lar o canviar la cita, feu servir el quiosc amb la referència i el vostre document d'identitat.",
    turnWhatNext: (ahead, minutes) => `Espereu que el vostre número aparegui a la pantalla. Persones davant: ${ahead}. Espera aproximada: ${minutes} min.`,
    noPersonalData: 'Aquest tiquet no conté dades personals.',
  },
  eu: {
    appointmentTitle: 'Aurretiko hitzordua',
    turnTitle: 'Zure txanda',
    referenceLabel: 'Hitzorduaren erreferentzia',
    turnLabel: 'Txanda zenbakia',
    appointmentDateLabel: 'Hitzorduaren eguna eta ordua',
    issuedLabel: 'Emana',
    addressLabel: 'Helbidea',
    kioskLabel: 'Kioskoa',
    appointmentWhatNext: 'Etorri minutu batzuk lehenago. Kioskoan, eskaneatu QR kode hau edo idatzi erreferentzia zure txanda jasotzeko.',
    changeNotice: 'Hitzordua ezeztatzeko edo aldatzeko, erabili kioskoa erreferentziarekin eta zure nortasun agiriarekin.',
    turnWhatNext: (ahead, minutes) => `Itxaron zure zenbakia pantailan agertu arte. Aurretik: ${ahead} pertsona. Gutxi gorabeherako itxaronaldia: ${minutes} min.`,
    noPersonalData: 'Txartel honek ez du datu pertsonalik.',
  },
  gl: {
    appointmentTitle: 'Cita previa',
    turnTitle: 'A súa quenda',
    referenceLabel: 'Referencia da cita',
    turnLabel: 'Número de quenda',
    appointmentDateLabel: 'Día e hora da cita',
    issuedLabel: 'Emitido',
    addressLabel: 'Enderezo',
    kioskLabel: 'Quiosco',
    appointmentWhatNext: 'Chegue uns minutos antes. No quiosco, escanee este código QR ou escriba a referencia para recibir a súa quenda.',
    changeNotice: 'Para anular ou cambiar a cita, use o quiosco coa referencia e o seu documento de identidade.',
    turnWhatNext: (ahead, minutes) => `Agarde a que o seu número apareza na pantalla. Persoas diante: ${ahead}. Espera aproximada: ${minutes} min.`,
    noPersonalData: 'Este ticket non contén datos persoais.',
  },
  en: {
    appointmentTitle: 'Appointment',
    turnTitle: 'Your turn',
    referenceLabel: 'Appointment reference',
    turnLabel: 'Turn number',
    appointmentDateLabel: 'Appointment date and time',
    issuedLabel: 'Issued',
    addressLabel: 'Address',
    kioskLabel: 'Kiosk',
    appointmentWhatNext: 'Arrive a few minutes early. At the kiosk, scan this QR code or type the reference to get your turn.',
    changeNotice: 'To cancel or change the appointment, use the kiosk with the reference and your ID document.',
    turnWhatNext: (ahead, minutes) => `Wait until your number shows on the screen. People ahead: ${ahead}. Approximate wait: ${minutes} min.`,
    noPersonalData: 'This ticket holds no personal data.',
  },
  fr: {
    appointmentTitle: 'Rendez-vous',
    turnTitle: 'Votre tour',
    referenceLabel: 'Référence du rendez-vous',
    turnLabel: 'Numéro de passage',
    appointmentDateLabel: 'Date et heure du rendez-vous',
    issuedLabel: 'Émis le',
    addressLabel: 'Adresse',
    kioskLabel: 'Borne',
    appointmentWhatNext: "Arrivez quelques minutes en avance. À la borne, scannez ce code QR ou saisissez la référence pour obtenir votre numero.",
    changeNotice: "Pour annuler ou modifier le rendez-vous, utilisez la borne avec la référence et votre pièce d'identité.",
    turnWhatNext: (ahead, minutes) => `Attendez que votre numéro s'affiche à l'écran. Personnes avant vous : ${ahead}. Attente estimée : ${minutes} min.`,
    noPersonalData: 'Ce ticket ne contient aucune donnée personnelle.',
  },
  ar: {
    appointmentTitle: 'موعد مسبق',
    turnTitle: 'دورك',
    referenceLabel: 'الرقم المرجعي للموعد',
    turnLabel: 'رقم الدور',
    appointmentDateLabel: 'يوم الموعد وساعته',
    issuedLabel: 'صدر في',
    addressLabel: 'العنوان',
    kioskLabel: 'الكشك',
    appointmentWhatNext: 'احضر قبل الموعد ببضع دقائق. في الكشك، امسح رمز QR هذا أو اكتب الرقم المرجعي لتحصل على دورك.',
    changeNotice: 'لإلغاء الموعد أو تغييره، استخدم الكشك مع الرقم المرجعي ووثيقة هويتك.',
    turnWhatNext: (ahead, minutes) => `انتظر حتى يظهر رقمك على الشاشة. عدد الأشخاص قبلك: ${ahead}. مدة الانتظار التقريبية: ${minutes} دقيقة.`,
    noPersonalData: 'لا تحتوي هذه التذكرة على أي بيانات شخصية.',
  },
};
