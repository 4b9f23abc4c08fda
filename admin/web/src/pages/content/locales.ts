import { KIOSK_LOCALES, textDirection, type KioskLocale } from '@kiosk/shared';

/**
 * Content is citizen-facing, so the editor works in the seven KIOSK languages, not the console's
 * five. Names are endonyms (as the kiosk shows them), the same in every console language.
 */
export const CONTENT_LOCALES: readonly KioskLocale[] = KIOSK_LOCALES;

export const LANGUAGE_ENDONYMS: Readonly<Record<KioskLocale, string>> = {
  es: 'Español',
  ca: 'Català',
  eu: 'Euskara',
  gl: 'Galego',
  en: 'English',
  fr: 'Français',
  ar: 'العربية',
};

/** Attributes for a field or block written in `locale` (Arabic right to left). */
export function langProps(locale: KioskLocale): { lang: KioskLocale; dir: 'rtl' | 'ltr' } {
  return { lang: locale, dir: textDirection(locale) };
}

/** The kiosk languages an entry has no text in, in kiosk order. */
export function missingLocales(present: readonly string[]): KioskLocale[] {
  return CONTENT_LOCALES.filter((locale) => !present.includes(locale));
}
