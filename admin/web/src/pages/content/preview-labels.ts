import type { KioskLocale } from '@kiosk/shared';

/**
 * The answer screen's own words in each kiosk language, copied from the kiosk's messages
 * (kiosk/src/renderer/i18n/messages/*.ts, `faq.*`), so the preview reads as the kiosk will. The
 * console may not import kiosk code; keep these in step with the kiosk if it rewords them.
 */
export interface PreviewLabels {
  readonly easyRead: string;
  readonly fullText: string;
  readonly whatToBring: string;
  readonly cost: string;
  readonly duration: string;
  readonly where: string;
  readonly responsible: string;
  readonly usefulQuestion: string;
}

export const PREVIEW_LABELS: Readonly<Record<KioskLocale, PreviewLabels>> = {
  es: { easyRead: 'Ver en lectura fácil', fullText: 'Ver el texto completo', whatToBring: 'Qué tiene que traer', cost: 'Cuánto cuesta', duration: 'Cuánto tarda', where: 'Dónde', responsible: 'Quién lo gestiona', usefulQuestion: '¿Le ha sido útil esta información?' },
  ca: { easyRead: 'Veure en lectura fàcil', fullText: 'Veure el text complet', whatToBring: 'Què heu de portar', cost: 'Quant costa', duration: 'Quant triga', where: 'On', responsible: 'Qui el gestiona', usefulQuestion: 'Us ha estat útil aquesta informació?' },
  eu: { easyRead: 'Irakurketa errazean ikusi', fullText: 'Testu osoa ikusi', whatToBring: 'Zer ekarri behar duzun', cost: 'Zenbat balio duen', duration: 'Zenbat irauten duen', where: 'Non', responsible: 'Nork kudeatzen duen', usefulQuestion: 'Erabilgarria izan zaizu informazio hau?' },
  gl: { easyRead: 'Ver en lectura fácil', fullText: 'Ver o texto completo', whatToBring: 'Que ten que traer', cost: 'Canto custa', duration: 'Canto tarda', where: 'Onde', responsible: 'Quen o xestiona', usefulQuestion: 'Foille útil esta información?' },
  en: { easyRead: 'Show the easy-read version', fullText: 'Show the full text', whatToBring: 'What to bring', cost: 'What it costs', duration: 'How long it takes', where: 'Where', responsible: 'Who handles it', usefulQuestion: 'Was this information useful?' },
  fr: { easyRead: 'Voir en facile à lire', fullText: 'Voir le texte complet', whatToBring: 'Ce qu’il faut apporter', cost: 'Combien ça coûte', duration: 'Combien de temps', where: 'Où', responsible: 'Qui s’en occupe', usefulQuestion: 'Cette information vous a-t-elle été utile ?' },
  ar: { easyRead: 'عرض النسخة السهلة القراءة', fullText: 'عرض النص الكامل', whatToBring: 'ما يجب أن تحضره', cost: 'كم يكلف', duration: 'كم يستغرق', where: 'أين', responsible: 'من يتولى الأمر', usefulQuestion: 'هل كانت هذه المعلومات مفيدة لك؟' },
};
