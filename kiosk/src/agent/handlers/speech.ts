import type { KioskHandlers } from './dispatch.js';
import type { SpeechService } from '../speech/speech-service.js';

type SpeechMethods = 'speech.say' | 'speech.stop' | 'speech.repeat' | 'speech.volume' | 'speech.rate' | 'speech.state' | 'speech.consent';

/** The renderer's speech methods, straight onto the agent's speech port (speech/speech-service.ts). */
export function speechHandlers(speech: SpeechService): Pick<KioskHandlers, SpeechMethods> {
  return {
    'speech.say': ({ text, language, private: isPrivate }) => speech.say(text, language, isPrivate),
    'speech.stop': async () => {
      speech.stop();
      return { stopped: true };
    },
    'speech.repeat': () => speech.repeat(),
    'speech.volume': async ({ change }) => speech.changeVolume(change),
    'speech.rate': async ({ rate }) => speech.setRate(rate),
    'speech.state': async () => speech.status(),
    'speech.consent': async ({ consent }) => speech.setPrivateConsent(consent),
  };
}
