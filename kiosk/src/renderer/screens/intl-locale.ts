/**
 * The locale to format dates and numbers with. Some Chromium builds ship without Basque or
 * Galician date data and silently fall back to English; Spanish (the municipality's common
 * language) is the better fallback for a citizen who chose a co-official language.
 */
export function intlLocale(locale: string): string {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0 ? locale : 'es';
  } catch {
    return 'es';
  }
}

