import type { KioskLocale } from '@kiosk/shared';

/** Each language in its own name: a citizen looks for the word they can read, not a translation. */
export const LANGUAGE_ENDONYMS: Readonly<Record<KioskLocale, string>> = {
  es: 'Español',
  ca: 'Català',
  eu: 'Euskara',
  gl: 'Galego',
  en: 'English',
  fr: 'Français',
  ar: 'العربية',
};
