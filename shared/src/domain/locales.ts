/** The languages a kiosk offers citizens. Spanish is the default (DESIGN.md section 7, i18n). */
export const KIOSK_LOCALES = ['es', 'ca', 'eu', 'gl', 'en', 'fr', 'ar'] as const;
export type KioskLocale = (typeof KIOSK_LOCALES)[number];
export const DEFAULT_LOCALE: KioskLocale = 'es';

/** The console's staff languages (issue 7): the co-official languages plus English. */
export const CONSOLE_LOCALES = ['es', 'ca', 'eu', 'gl', 'en'] as const;

const RIGHT_TO_LEFT: ReadonlySet<string> = new Set(['ar']);

export function isKioskLocale(value: string): value is KioskLocale {
  return (KIOSK_LOCALES as readonly string[]).includes(value);
}

export function textDirection(locale: string): 'rtl' | 'ltr' {
  return RIGHT_TO_LEFT.has(locale) ? 'rtl' : 'ltr';
}
