import type { KioskLocale } from '@kiosk/shared';
import type { NotificationChannel, NotificationKind } from './tables.js';

/**
 * The messages citizens receive, in every kiosk language. Plain text only (no HTML e-mail: it
 * renders the same everywhere and cannot smuggle markup). Values are filled in with `{name}`.
 */

export interface CaseStatusParams {
  readonly reference: string;
  readonly serviceName: string;
  /** Already translated (open / closed, or the detailed status' label). */
  readonly statusLabel: string;
  readonly publicNote: string | null;
  readonly statusUrl: string;
}

export interface AppointmentParams {
  readonly reference: string;
  readonly serviceName: string;
  readonly office: string;
  /** Already formatted in the office's time zone and the citizen's language. */
  readonly date: string;
  readonly time: string;
}

export type NotificationParams =
  | { readonly kind: 'case-status-changed'; readonly values: CaseStatusParams }
  | { readonly kind: 'appointment-confirmed' | 'appointment-reminder'; readonly values: AppointmentParams };

interface Template {
  readonly subject: string;
  readonly email: string;
  readonly sms: string;
}

type Templates = Readonly<Record<NotificationKind, Template>>;

/** `{note}` expands to the public note on a line of its own, or to nothing. */
export const TEMPLATES: Readonly<Record<KioskLocale, Templates>> = {
  es: {
    'case-status-changed': { subject: 'Su solicitud {reference}: {status}', email: 'Su solicitud {reference} ({service}) ha cambiado de estado: {status}.{note}\n\nPuede seguirla en {url}', sms: 'Solicitud {reference}: {status}. Detalles: {url}' },
    'appointment-confirmed': { subject: 'Cita confirmada {reference}', email: 'Su cita para {service} está confirmada el {date} a las {time} en {office}.\nReferencia: {reference}. Traiga su documento de identidad.', sms: 'Cita {reference} confirmada: {service}, {date} {time}, {office}.' },
    'appointment-reminder': { subject: 'Recordatorio: su cita de mañana {reference}', email: 'Le recordamos su cita para {service} mañana, {date}, a las {time} en {office}.\nReferencia: {reference}. Si no puede acudir, anúlela para liberar el turno.', sms: 'Recordatorio: cita {reference} mañana {date} {time}, {office}.' },
  },
  ca: {
    'case-status-changed': { subject: 'La vostra sol·licitud {reference}: {status}', email: 'La vostra sol·licitud {reference} ({service}) ha canviat d’estat: {status}.{note}\n\nPodeu seguir-la a {url}', sms: 'Sol·licitud {reference}: {status}. Detalls: {url}' },
    'appointment-confirmed': { subject: 'Cita confirmada {reference}', email: 'La vostra cita per a {service} està confirmada el {date} a les {time} a {office}.\nReferència: {reference}. Porteu el document d’identitat.', sms: 'Cita {reference} confirmada: {service}, {date} {time}, {office}.' },
    'appointment-reminder': { subject: 'Recordatori: la vostra cita de demà {reference}', email: 'Us recordem la cita per a {service} demà, {date}, a les {time} a {office}.\nReferència: {reference}. Si no hi podeu anar, anul·leu-la per alliberar el torn.', sms: 'Recordatori: cita {reference} demà {date} {time}, {office}.' },
  },
  eu: {
    'case-status-changed': { subject: 'Zure {reference} eskaera: {status}', email: 'Zure {reference} eskaeraren ({service}) egoera aldatu da: {status}.{note}\n\nHemen jarrai dezakezu: {url}', sms: '{reference} eskaera: {status}. Xehetasunak: {url}' },
    'appointment-confirmed': { subject: 'Hitzordua baieztatuta {reference}', email: 'Zure hitzordua ({service}) baieztatuta dago: {date}, {time}, {office}.\nErreferentzia: {reference}. Ekarri zure nortasun-agiria.', sms: '{reference} hitzordua baieztatuta: {service}, {date} {time}, {office}.' },
    'appointment-reminder': { subject: 'Gogorarazpena: biharko hitzordua {reference}', email: 'Gogorarazten dizugu bihar duzula hitzordua ({service}): {date}, {time}, {office}.\nErreferentzia: {reference}. Ezin bazara etorri, ezeztatu txanda askatzeko.', sms: 'Gogorarazpena: {reference} hitzordua bihar {date} {time}, {office}.' },
  },
  gl: {
    'case-status-changed': { subject: 'A súa solicitude {reference}: {status}', email: 'A súa solicitude {reference} ({service}) cambiou de estado: {status}.{note}\n\nPode seguila en {url}', sms: 'Solicitude {reference}: {status}. Detalles: {url}' },
    'appointment-confirmed': { subject: 'Cita confirmada {reference}', email: 'A súa cita para {service} está confirmada o {date} ás {time} en {office}.\nReferencia: {reference}. Traia o seu documento de identidade.', sms: 'Cita {reference} confirmada: {service}, {date} {time}, {office}.' },
    'appointment-reminder': { subject: 'Lembranza: a súa cita de mañá {reference}', email: 'Lembrámoslle a súa cita para {service} mañá, {date}, ás {time} en {office}.\nReferencia: {reference}. Se non pode acudir, anúlea para liberar a quenda.', sms: 'Lembranza: cita {reference} mañá {date} {time}, {office}.' },
  },
  en: {
    'case-status-changed': { subject: 'Your request {reference}: {status}', email: 'Your request {reference} ({service}) has a new status: {status}.{note}\n\nFollow it at {url}', sms: 'Request {reference}: {status}. Details: {url}' },
    'appointment-confirmed': { subject: 'Appointment confirmed {reference}', email: 'Your appointment for {service} is confirmed on {date} at {time} at {office}.\nReference: {reference}. Please bring your ID document.', sms: 'Appointment {reference} confirmed: {service}, {date} {time}, {office}.' },
    'appointment-reminder': { subject: 'Reminder: your appointment tomorrow {reference}', email: 'A reminder of your appointment for {service} tomorrow, {date}, at {time} at {office}.\nReference: {reference}. If you cannot come, please cancel it so someone else can have the slot.', sms: 'Reminder: appointment {reference} tomorrow {date} {time}, {office}.' },
  },
  fr: {
    'case-status-changed': { subject: 'Votre demande {reference} : {status}', email: 'Votre demande {reference} ({service}) a changé d’état : {status}.{note}\n\nSuivez-la sur {url}', sms: 'Demande {reference} : {status}. Détails : {url}' },
    'appointment-confirmed': { subject: 'Rendez-vous confirmé {reference}', email: 'Votre rendez-vous pour {service} est confirmé le {date} à {time} à {office}.\nRéférence : {reference}. Apportez votre pièce d’identité.', sms: 'RDV {reference} confirmé : {service}, {date} {time}, {office}.' },
    'appointment-reminder': { subject: 'Rappel : votre rendez-vous de demain {reference}', email: 'Nous vous rappelons votre rendez-vous pour {service} demain, {date}, à {time} à {office}.\nRéférence : {reference}. Si vous ne pouvez pas venir, annulez-le pour libérer le créneau.', sms: 'Rappel : RDV {reference} demain {date} {time}, {office}.' },
  },
  ar: {
    'case-status-changed': { subject: 'طلبك {reference}: {status}', email: 'تغيّرت حالة طلبك {reference} ({service}): {status}.{note}\n\nيمكنك متابعته على {url}', sms: 'الطلب {reference}: {status}. التفاصيل: {url}' },
    'appointment-confirmed': { subject: 'تم تأكيد الموعد {reference}', email: 'تم تأكيد موعدك لخدمة {service} يوم {date} الساعة {time} في {office}.\nالرقم المرجعي: {reference}. يرجى إحضار وثيقة هويتك.', sms: 'تم تأكيد الموعد {reference}: {service}، {date} {time}، {office}.' },
    'appointment-reminder': { subject: 'تذكير: موعدك غدًا {reference}', email: 'نذكّرك بموعدك لخدمة {service} غدًا {date} الساعة {time} في {office}.\nالرقم المرجعي: {reference}. إذا لم تتمكن من الحضور، يرجى إلغاؤه ليستفيد غيرك من الموعد.', sms: 'تذكير: الموعد {reference} غدًا {date} {time}، {office}.' },
  },
};

/** Words for Open311's two statuses, for `statusLabel`. */
export const STATUS_LABELS: Readonly<Record<KioskLocale, { open: string; closed: string }>> = {
  es: { open: 'en trámite', closed: 'cerrada' },
  ca: { open: 'en tràmit', closed: 'tancada' },
  eu: { open: 'izapidetzen', closed: 'itxita' },
  gl: { open: 'en trámite', closed: 'pechada' },
  en: { open: 'in progress', closed: 'closed' },
  fr: { open: 'en cours', closed: 'clôturée' },
  ar: { open: 'قيد المعالجة', closed: 'مغلق' },
};

export interface RenderedMessage {
  readonly subject: string;
  readonly body: string;
}

function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

function valuesOf(params: NotificationParams): Record<string, string> {
  if (params.kind === 'case-status-changed') {
    const v = params.values;
    return { reference: v.reference, service: v.serviceName, status: v.statusLabel, url: v.statusUrl, note: v.publicNote ? `\n\n${v.publicNote}` : '' };
  }
  const v = params.values;
  return { reference: v.reference, service: v.serviceName, office: v.office, date: v.date, time: v.time };
}

/** The subject and body for one channel; SMS has no subject and uses the short text. */
export function renderNotification(locale: KioskLocale, channel: NotificationChannel, params: NotificationParams): RenderedMessage {
  const template = TEMPLATES[locale][params.kind];
  const values = valuesOf(params);
  return channel === 'email'
    ? { subject: fill(template.subject, values), body: fill(template.email, values) }
    : { subject: '', body: fill(template.sms, values) };
}
