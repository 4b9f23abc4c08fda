import { isKioskLocale } from '@kiosk/shared';
import type { KioskLocale } from '@kiosk/shared';

/** Longest Accept-Language header worth reading; anything longer is cut, not refused. */
export const MAX_ACCEPT_LANGUAGE_LENGTH = 500;

/** Primary subtags of Accept-Language, best first (`ca-ES;q=0.9, en;q=0.5` -> ca, en). */
export function acceptedLanguages(header: string | undefined): string[] {
  if (header === undefined) return [];
  return header
    .slice(0, MAX_ACCEPT_LANGUAGE_LENGTH)
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { language: tag.trim().toLowerCase().split('-')[0] ?? '', quality: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.language !== '' && entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index)
    .map((entry) => entry.language);
}

/**
 * Open311 has no language mechanism: `locale=` wins, then Accept-Language, then the tenant's
 * language (open311.md pitfall 5). An unsupported `locale` is ignored, not an error, the way
 * an unsupported Accept-Language is.
 */
export function negotiateLocale(
  explicit: string | undefined,
  acceptLanguage: string | undefined,
  fallback: KioskLocale,
): KioskLocale {
  const wanted = [explicit?.trim().toLowerCase().split('-')[0] ?? '', ...acceptedLanguages(acceptLanguage)];
  return wanted.find((language): language is KioskLocale => isKioskLocale(language)) ?? fallback;
}
