import { useLayoutEffect } from 'react';
import type { i18n } from 'i18next';
import { textDirection, type KioskLocale } from '@kiosk/shared';

/**
 * Follows the session's language: i18next's language and `<html lang dir>`, so screen readers,
 * hyphenation and the right-to-left layout of Arabic all switch together.
 */
export function useDocumentLanguage(instance: i18n, locale: KioskLocale, root: HTMLElement): void {
  useLayoutEffect(() => {
    void instance.changeLanguage(locale);
    root.lang = locale;
    root.dir = textDirection(locale);
  }, [instance, locale, root]);
}
