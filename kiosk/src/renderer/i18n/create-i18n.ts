import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LOCALE, KIOSK_LOCALES } from '@kiosk/shared';
import { MESSAGES } from './resources.js';

/** One i18next instance per app, initialised synchronously (resources are bundled, not fetched). */
export function createKioskI18n(): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: Object.fromEntries(KIOSK_LOCALES.map((locale) => [locale, { translation: MESSAGES[locale] }])),
    lng: DEFAULT_LOCALE,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: [...KIOSK_LOCALES],
    initAsync: false,
    // React already escapes text; escaping here would show "&lt;" to citizens.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}
