import type { KioskLocale } from '@kiosk/shared';

/** The public figures page's words, in every kiosk language. `{days}` is the window length. */
export interface FiguresPageText {
  readonly title: string;
  readonly intro: string;
  readonly service: string;
  readonly closed: string;
  readonly median: string;
  readonly p90: string;
  readonly sla: string;
  readonly withinSla: string;
  readonly tooFew: string;
  readonly days: string;
}

export const FIGURES_PAGE_TEXT: Readonly<Record<KioskLocale, FiguresPageText>> = {
  es: { title: 'Tiempos de respuesta', intro: 'Solicitudes cerradas en los últimos {days} días.', service: 'Servicio', closed: 'Cerradas', median: 'Mediana', p90: '9 de cada 10 en', sla: 'Compromiso', withinSla: 'Dentro del compromiso', tooFew: 'Pocos casos para mostrar cifras', days: 'días' },
  ca: { title: 'Temps de resposta', intro: 'Sol·licituds tancades els darrers {days} dies.', service: 'Servei', closed: 'Tancades', median: 'Mediana', p90: '9 de cada 10 en', sla: 'Compromís', withinSla: 'Dins del compromís', tooFew: 'Pocs casos per mostrar xifres', days: 'dies' },
  eu: { title: 'Erantzun-denborak', intro: 'Azken {days} egunetan itxitako eskaerak.', service: 'Zerbitzua', closed: 'Itxitakoak', median: 'Mediana', p90: '10etik 9', sla: 'Konpromisoa', withinSla: 'Konpromisoaren barruan', tooFew: 'Kasu gutxiegi zifrak erakusteko', days: 'egun' },
  gl: { title: 'Tempos de resposta', intro: 'Solicitudes pechadas nos últimos {days} días.', service: 'Servizo', closed: 'Pechadas', median: 'Mediana', p90: '9 de cada 10 en', sla: 'Compromiso', withinSla: 'Dentro do compromiso', tooFew: 'Poucos casos para mostrar cifras', days: 'días' },
  en: { title: 'Response times', intro: 'Requests closed in the last {days} days.', service: 'Service', closed: 'Closed', median: 'Median', p90: '9 in 10 within', sla: 'Our promise', withinSla: 'Within the promise', tooFew: 'Too few cases to show figures', days: 'days' },
  fr: { title: 'Délais de réponse', intro: 'Demandes clôturées au cours des {days} derniers jours.', service: 'Service', closed: 'Clôturées', median: 'Médiane', p90: '9 sur 10 en', sla: 'Engagement', withinSla: 'Dans l’engagement', tooFew: 'Trop peu de cas pour afficher des chiffres', days: 'jours' },
  ar: { title: 'أوقات الاستجابة', intro: 'الطلبات المغلقة خلال آخر {days} يومًا.', service: 'الخدمة', closed: 'المغلقة', median: 'الوسيط', p90: '9 من كل 10 خلال', sla: 'التزامنا', withinSla: 'ضمن الالتزام', tooFew: 'عدد الحالات قليل جدًا لعرض الأرقام', days: 'أيام' },
};
