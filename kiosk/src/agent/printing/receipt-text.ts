import type { KioskLocale } from '@kiosk/shared';

/**
 * The words on a filing receipt, in every kiosk language. Only characters the PC858 code page
 * carries (a straight apostrophe, not a typographic one), or the printer would print '?'.
 */
export interface ReceiptText {
  readonly documentType: string;
  readonly whatNext: string;
  readonly privacyNotice: string;
  readonly labels: { readonly reference: string; readonly date: string; readonly status: string; readonly kiosk: string };
}

export const RECEIPT_TEXT: Readonly<Record<KioskLocale, ReceiptText>> = {
  es: {
    documentType: 'Justificante de solicitud',
    whatNext: 'Estudiaremos su solicitud. Puede consultar su estado con el código QR o la referencia.',
    privacyNotice: 'Sus datos se tratan solo para gestionar esta solicitud. Más información en la web municipal.',
    labels: { reference: 'Referencia', date: 'Fecha', status: 'Consulte el estado', kiosk: 'Quiosco' },
  },
  ca: {
    documentType: 'Justificant de sol·licitud',
    whatNext: "Estudiarem la vostra sol·licitud. Podeu consultar-ne l'estat amb el codi QR o la referència.",
    privacyNotice: 'Les vostres dades es tracten només per gestionar aquesta sol·licitud. Més informació al web municipal.',
    labels: { reference: "Referència", date: "Data", status: "Consulteu l'estat", kiosk: "Quiosc" },
  },
  eu: {
    documentType: 'Eskaeraren egiaztagiria',
    whatNext: 'Zure eskaera aztertuko dugu. Egoera QR kodearekin edo erreferentziarekin kontsulta dezakezu.',
    privacyNotice: 'Zure datuak eskaera hau kudeatzeko soilik erabiltzen dira. Informazio gehiago udalaren webgunean.',
    labels: { reference: 'Erreferentzia', date: 'Data', status: 'Kontsultatu egoera', kiosk: 'Kioskoa' },
  },
  gl: {
    documentType: 'Xustificante de solicitude',
    whatNext: 'Estudaremos a súa solicitude. Pode consultar o seu estado co código QR ou a referencia.',
    privacyNotice: 'Os seus datos trátanse só para xestionar esta solicitude. Máis información na web municipal.',
    labels: { reference: 'Referencia', date: 'Data', status: 'Consulte o estado', kiosk: 'Quiosco' },
  },
  en: {
    documentType: 'Request receipt',
    whatNext: 'We will look into your request. Check its status with the QR code or the reference.',
    privacyNotice: 'Your data is used only to handle this request. More on the town hall website.',
    labels: { reference: 'Reference', date: 'Date', status: 'Check the status', kiosk: 'Kiosk' },
  },
  fr: {
    documentType: 'Récépissé de demande',
    whatNext: 'Nous allons étudier votre demande. Suivez son état avec le code QR ou la référence.',
    privacyNotice: "Vos données servent uniquement à traiter cette demande. Plus d'informations sur le site de la mairie.",
    labels: { reference: "Référence", date: "Date", status: "Consultez l'état", kiosk: "Borne" },
  },
  ar: {
    documentType: 'إيصال الطلب',
    whatNext: 'سندرس طلبك. يمكنك متابعة حالته برمز QR أو بالرقم المرجعي.',
    privacyNotice: 'تُستخدم بياناتك فقط لمعالجة هذا الطلب. مزيد من المعلومات على موقع البلدية.',
    labels: { reference: 'الرقم المرجعي', date: 'التاريخ', status: 'تابع الحالة', kiosk: 'الكشك' },
  },
};

/**
 * Languages whose receipt text goes through the PC858 code page as characters; Arabic, which no
 * receipt code page carries, is shaped and printed as a raster image by @kiosk/hardware.
 */
export function usesCodePage(locale: KioskLocale): boolean {
  return locale !== 'ar';
}
