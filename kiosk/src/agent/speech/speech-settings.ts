import { isKioskLocale, type KioskLocale } from '@kiosk/shared';

/** How the agent speaks, from the environment (see README.md). */
export interface SpeechSettings {
  readonly engine: 'auto' | 'espeak' | 'recording' | 'off';
  /** Recording engine only: where each utterance is appended as a JSON line (tests). */
  readonly recordFile: string | null;
  /** A file whose content says whether a headset is plugged in (a fake jack sensor); null: none. */
  readonly fakeHeadsetFile: string | null;
  /**
   * The display languages with a usable voice (KIOSK_SPEECH_VOICES, comma-separated). For any
   * other display language the citizen chooses one of these to hear the kiosk in.
   */
  readonly voicedLanguages?: readonly KioskLocale[];
  /** Recording engine only: simulated speaking time per character, so new speech cuts old speech short (tests). */
  readonly recordMsPerChar?: number;
}

/**
 * espeak-ng's voices for the kiosk's languages: Spanish, Catalan, English, French and Arabic are
 * good; Basque is experimental and there is no Galician voice (EN 301 549 5.1.3.14: ask instead).
 */
export const DEFAULT_VOICED_LANGUAGES: readonly KioskLocale[] = ['es', 'ca', 'en', 'fr', 'ar'];

/** A recording engine writing a log speaks at roughly espeak-ng's normal pace (175 words a minute). */
export const DEFAULT_RECORD_MS_PER_CHAR = 60;

export const DEFAULT_SPEECH_SETTINGS: SpeechSettings = { engine: 'auto', recordFile: null, fakeHeadsetFile: null };

const ENGINES = ['auto', 'espeak', 'recording', 'off'] as const;

function voicedLanguagesFrom(value: string | undefined): readonly KioskLocale[] {
  if (value === undefined || value.trim() === '') return DEFAULT_VOICED_LANGUAGES;
  const languages = value.split(',').map((part) => part.trim()).filter((part) => part !== '');
  const unknown = languages.filter((language) => !isKioskLocale(language));
  if (unknown.length > 0 || languages.length === 0) {
    throw new Error(`KIOSK_SPEECH_VOICES must list kiosk languages separated by commas, got "${value}"`);
  }
  return [...new Set(languages as KioskLocale[])];
}

function msPerCharFrom(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_RECORD_MS_PER_CHAR;
  const ms = Number(value);
  if (!Number.isFinite(ms) || ms < 0) throw new Error(`KIOSK_SPEECH_RECORD_MS_PER_CHAR must be a number >= 0, got "${value}"`);
  return ms;
}

export function speechSettingsFromEnv(env: NodeJS.ProcessEnv): SpeechSettings {
  const engine = env.KIOSK_SPEECH_ENGINE === undefined || env.KIOSK_SPEECH_ENGINE === '' ? 'auto' : env.KIOSK_SPEECH_ENGINE;
  if (!(ENGINES as readonly string[]).includes(engine)) {
    throw new Error(`KIOSK_SPEECH_ENGINE must be one of ${ENGINES.join(', ')}, got "${engine}"`);
  }
  return {
    engine: engine as SpeechSettings['engine'],
    recordFile: env.KIOSK_SPEECH_RECORD_FILE || null,
    fakeHeadsetFile: env.KIOSK_FAKE_HEADSET_FILE || null,
    voicedLanguages: voicedLanguagesFrom(env.KIOSK_SPEECH_VOICES),
    recordMsPerChar: msPerCharFrom(env.KIOSK_SPEECH_RECORD_MS_PER_CHAR),
  };
}
