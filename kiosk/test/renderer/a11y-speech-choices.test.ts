import { afterEach, describe, expect, it } from 'vitest';
import { KioskCallError, PROTOCOL_VERSION, type KioskClient, type KioskLocale } from '@kiosk/shared';
import { dispatchKioskCall, type KioskHandlers } from '../../src/agent/handlers/dispatch.js';
import { speechHandlers } from '../../src/agent/handlers/speech.js';
import { startSpeech, type SpeechService } from '../../src/agent/speech/speech-service.js';
import { createSpeechOutput } from '../../src/renderer/a11y/speech-output.js';
import { createPreferencesStore, DEFAULT_PREFERENCES, MAX_RATE, MIN_RATE, stepRate } from '../../src/renderer/a11y/preferences.js';
import { languageName, needsVoiceChoice, speechLanguageFor, voiceChoices } from '../../src/renderer/a11y/speech-language.js';
import { LANGUAGE_ENDONYMS } from '../../src/renderer/i18n/endonyms.js';

// The citizen's speech choices in the renderer (rate steps, the voice for a display language
// without one, consent for personal data) and the speech output that carries them to the agent:
// here the real agent speech handlers on the recording engine, through the real dispatch.

const VOICED: readonly KioskLocale[] = ['es', 'ca', 'en', 'fr', 'ar'];

let services: SpeechService[] = [];
afterEach(() => {
  for (const service of services) service.close();
  services = [];
});

/** A KioskClient whose calls go through the agent's dispatch to its speech handlers. */
async function agentClient(voicedLanguages: readonly KioskLocale[] = VOICED): Promise<{ client: KioskClient; speech: SpeechService }> {
  const speech = await startSpeech({ engine: 'recording', recordFile: null, fakeHeadsetFile: null, voicedLanguages }, () => undefined);
  services.push(speech);
  const handlers = speechHandlers(speech) as KioskHandlers;
  let id = 0;
  const client: KioskClient = {
    async call(method, params) {
      id += 1;
      const reply = await dispatchKioskCall(handlers, { v: PROTOCOL_VERSION, id: `t${id}`, method, params });
      if (!reply.ok) throw new KioskCallError(reply.error.code, reply.error.message);
      return reply.value as never;
    },
    on: () => () => undefined,
    close: () => undefined,
  };
  return { client, speech };
}

describe('speech rate steps', () => {
  it('step by a quarter within 0.5..2, and the store keeps the rate in range', () => {
    expect(stepRate(1, 'faster')).toBe(1.25);
    expect(stepRate(1, 'slower')).toBe(0.75);
    expect(stepRate(1.1, 'faster')).toBe(1.25);
    expect(stepRate(MAX_RATE, 'faster')).toBe(MAX_RATE);
    expect(stepRate(MIN_RATE, 'slower')).toBe(MIN_RATE);
    let rate = 1;
    for (let i = 0; i < 10; i += 1) rate = stepRate(rate, 'faster');
    expect(rate).toBe(2);
    const store = createPreferencesStore();
    store.set({ rate: stepRate(store.get().rate, 'slower'), privateConsent: true, speechChoice: { display: 'gl', voice: 'ca' } });
    expect(store.get()).toMatchObject({ rate: 0.75, privateConsent: true });
    store.reset();
    expect(store.get()).toEqual(DEFAULT_PREFERENCES);
    expect(DEFAULT_PREFERENCES).toMatchObject({ rate: 1, privateConsent: false, speechChoice: null });
  });
});

describe('speech language', () => {
  it('is the display language when voiced, else the citizen\'s choice for that display language, else the first voice', () => {
    expect(speechLanguageFor('ca', VOICED, null)).toBe('ca');
    expect(speechLanguageFor('ar', VOICED, { display: 'gl', voice: 'es' })).toBe('ar');
    expect(speechLanguageFor('gl', VOICED, null)).toBe('es');
    expect(speechLanguageFor('gl', VOICED, { display: 'gl', voice: 'fr' })).toBe('fr');
    // A choice made for Galician is not a choice for Basque: asked again.
    expect(speechLanguageFor('eu', VOICED, { display: 'gl', voice: 'fr' })).toBe('es');
    expect(needsVoiceChoice('eu', VOICED, { display: 'gl', voice: 'fr' })).toBe(true);
    expect(needsVoiceChoice('gl', VOICED, { display: 'gl', voice: 'fr' })).toBe(false);
    expect(needsVoiceChoice('en', VOICED, null)).toBe(false);
    // An agent that reports no voices: the display language, no question.
    expect(speechLanguageFor('gl', [], null)).toBe('gl');
    expect(needsVoiceChoice('gl', [], null)).toBe(false);
  });

  it('offers the voices Spanish first, each named for the announcement in the chosen language', () => {
    expect(voiceChoices(['fr', 'ar', 'es', 'ca', 'en'])).toEqual(['es', 'ca', 'en', 'fr', 'ar']);
    expect(voiceChoices(['en', 'ca'])).toEqual(['ca', 'en']);
    expect(languageName('gl', 'es', LANGUAGE_ENDONYMS.gl)).toBe('gallego');
    expect(languageName('gl', 'en', LANGUAGE_ENDONYMS.gl)).toBe('Galician');
    expect(languageName('es', 'es', LANGUAGE_ENDONYMS.es)).toBe('español');
    expect(languageName('eu', 'fr', LANGUAGE_ENDONYMS.eu)).toBe('basque');
  });
});

describe('speech output to the agent', () => {
  it('speaks a display language without a voice in the chosen voice, and a voiced one in itself', async () => {
    const { client, speech } = await agentClient();
    const preferences = createPreferencesStore();
    const output = createSpeechOutput(client, preferences);
    expect(await output.voicedLanguages()).toEqual(VOICED);
    await output.say('Ola', 'gl');
    preferences.set({ speechChoice: { display: 'gl', voice: 'ca' } });
    await output.say('Ola de novo', 'gl');
    await output.say('Bonjour', 'fr');
    expect(speech.recording?.utterances.map((u) => [u.text, u.language])).toEqual([
      ['Ola', 'es'],
      ['Ola de novo', 'ca'],
      ['Bonjour', 'fr'],
    ]);
  });

  it('a personal value is refused on the loudspeaker and the notice said instead; after consent it is spoken; consent withdrawn, hidden again', async () => {
    const { client, speech } = await agentClient();
    const output = createSpeechOutput(client, createPreferencesStore());
    const item = { text: 'DNI, campo de texto', privateText: '12345678Z' };
    await output.speakItem(item, 'es', 'Contenido oculto.');
    expect(speech.recording?.utterances.map((u) => [u.text, u.private])).toEqual([['DNI, campo de texto. Contenido oculto.', false]]);
    expect((await output.consent(true))?.privateConsent).toBe(true);
    await output.speakItem(item, 'es', 'Contenido oculto.');
    expect(speech.recording?.utterances.at(-1)).toMatchObject({ text: 'DNI, campo de texto. 12345678Z', private: true });
    expect((await output.consent(false))?.privateConsent).toBe(false);
    await output.speakItem(item, 'es', 'Contenido oculto.');
    expect(speech.recording?.utterances.at(-1)).toMatchObject({ text: 'DNI, campo de texto. Contenido oculto.', private: false });
  });

  it('sets the rate the agent speaks at', async () => {
    const { client, speech } = await agentClient();
    const output = createSpeechOutput(client, createPreferencesStore());
    expect((await output.rate(stepRate(1, 'faster')))?.rate).toBe(1.25);
    await output.say('Más rápido', 'es');
    expect(speech.recording?.utterances.at(-1)?.rate).toBe(1.25);
  });
});
