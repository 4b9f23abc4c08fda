import { KIOSK_LOCALES, type KioskLocale } from '@kiosk/shared';

/**
 * Which language the kiosk speaks in (EN 301 549 5.1.3.14): the display language when the agent
 * has a voice for it; otherwise the voiced language the citizen chose for this display language;
 * until they have chosen, the first voiced language (the kiosk's default, Spanish). The screen's
 * language never changes because of the voice.
 */
export type SpeechChoice = { readonly display: KioskLocale; readonly voice: KioskLocale } | null;

export function speechLanguageFor(display: KioskLocale, voiced: readonly KioskLocale[], choice: SpeechChoice): KioskLocale {
  if (voiced.length === 0 || voiced.includes(display)) return display;
  if (choice !== null && choice.display === display && voiced.includes(choice.voice)) return choice.voice;
  return voiced[0] ?? display;
}

/** The citizen must choose a voice: no voice for the display language and no choice for it yet. */
export function needsVoiceChoice(display: KioskLocale, voiced: readonly KioskLocale[], choice: SpeechChoice): boolean {
  if (voiced.length === 0 || voiced.includes(display)) return false;
  return choice === null || choice.display !== display || !voiced.includes(choice.voice);
}

/** The voices offered, Spanish (the default) first, then in the kiosk's language order. */
export function voiceChoices(voiced: readonly KioskLocale[]): KioskLocale[] {
  return KIOSK_LOCALES.filter((locale) => voiced.includes(locale)).sort((a, b) => (a === 'es' ? -1 : b === 'es' ? 1 : 0));
}

/**
 * A language's name in another language ("gallego" in Spanish), inside a sentence. Where the
 * browser's Intl does not know that language (Chromium lacks Basque and Galician), its own name,
 * lower-cased as those languages write language names (English's Intl is always there).
 */
export function languageName(language: KioskLocale, inLanguage: KioskLocale, endonym: string): string {
  const fallback = inLanguage === 'en' ? endonym : endonym.toLocaleLowerCase(language);
  try {
    if (Intl.DisplayNames.supportedLocalesOf([inLanguage]).length === 0) return fallback;
    const name = new Intl.DisplayNames([inLanguage], { type: 'language', fallback: 'none' }).of(language);
    return name === undefined || name === language ? fallback : name;
  } catch {
    return fallback;
  }
}
