import type { KioskClient, KioskLocale, SpeechStatus } from '@kiosk/shared';
import type { PreferencesStore } from './preferences';
import { joinSentences, type SpokenText } from './spoken-text';
import { speechLanguageFor } from './speech-language';

/**
 * The renderer's side of the speech port: every call goes to the agent (kioskMethods 'speech.*').
 * Speech is help, never a gate: a failed call is dropped, the screen works as before. Callers name
 * the display language; what goes to the agent is the language to speak in, which differs when the
 * agent has no voice for the display language (speech-language.ts, the citizen's choice).
 */
export interface SpeechOutput {
  /** Says a highlighted item; its personal part only if the agent allows it (headset or consent), else `hiddenNotice` instead. */
  speakItem(spoken: SpokenText, language: KioskLocale, hiddenNotice: string): Promise<void>;
  say(text: string, language: KioskLocale): Promise<void>;
  stop(): void;
  repeat(): void;
  volume(change: 'down' | 'up' | 'default'): Promise<SpeechStatus | null>;
  rate(rate: number): Promise<SpeechStatus | null>;
  /** Tells the agent the citizen agreed (or no longer agrees) to hear personal data on the loudspeaker. */
  consent(consent: boolean): Promise<SpeechStatus | null>;
  /** The display languages the agent has a voice for (asked once; empty when the agent cannot say). */
  voicedLanguages(): Promise<readonly KioskLocale[]>;
  /** The language speech for `display` goes out in now. */
  languageFor(display: KioskLocale): KioskLocale;
}

export function createSpeechOutput(client: KioskClient, preferences: PreferencesStore): SpeechOutput {
  const quietly = <T>(call: Promise<T>): Promise<T | null> => call.catch(() => null);
  let voiced: readonly KioskLocale[] | null = null;
  let asking: Promise<readonly KioskLocale[]> | null = null;
  const voicedLanguages = (): Promise<readonly KioskLocale[]> => {
    if (voiced !== null) return Promise.resolve(voiced);
    asking ??= quietly(client.call('speech.state', {})).then((status) => {
      asking = null;
      // An agent that cannot answer: speak the display language, as before there was a choice.
      if (status === null) return [];
      voiced = status.voicedLanguages;
      return voiced;
    });
    return asking;
  };
  const languageFor = (display: KioskLocale): KioskLocale => speechLanguageFor(display, voiced ?? [], preferences.get().speechChoice);
  const send = async (text: string, display: KioskLocale, isPrivate: boolean) => {
    // Ask once; afterwards synchronous, so calls reach the agent in the order they were made.
    if (voiced === null) await voicedLanguages();
    return quietly(client.call('speech.say', { text, language: languageFor(display), private: isPrivate }));
  };
  const say = async (text: string, language: KioskLocale): Promise<void> => {
    if (text.trim() === '') return;
    await send(text, language, false);
  };
  return {
    say,
    async speakItem(spoken, language, hiddenNotice) {
      if (spoken.privateText === null) return say(spoken.text, language);
      const outcome = await send(joinSentences([spoken.text, spoken.privateText]), language, true);
      if (outcome?.state === 'refused') await say(joinSentences([spoken.text, hiddenNotice]), language);
    },
    stop: () => void quietly(client.call('speech.stop', {})),
    repeat: () => void quietly(client.call('speech.repeat', {})),
    volume: (change) => quietly(client.call('speech.volume', { change })),
    rate: (rate) => quietly(client.call('speech.rate', { rate })),
    consent: (consent) => quietly(client.call('speech.consent', { consent })),
    voicedLanguages,
    languageFor,
  };
}
