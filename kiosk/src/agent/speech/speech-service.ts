import {
  DEFAULT_SPEECH_CONFIG,
  createEspeakEngine,
  createRecordingEngine,
  createSpeechPort,
  type RecordingEngine,
  type SpeechConfig,
  type SpeechEngine,
  type SpeechPort,
} from '@kiosk/hardware';
import type { KioskLocale, SpeechOutcome, SpeechStatus } from '@kiosk/shared';
import { watchHeadsetFile, type HeadsetSwitch } from './headset-switch.js';
import { recordToFile } from './recorded-speech-file.js';
import { DEFAULT_RECORD_MS_PER_CHAR, DEFAULT_VOICED_LANGUAGES, type SpeechSettings } from './speech-settings.js';

/**
 * The agent's speech: one speech port, its engine, and the headset switch. `say` answers as soon
 * as speech has started (or was refused), not when it ends: the renderer moves on while the
 * kiosk talks, and its next `say` interrupts this one.
 */
export interface SpeechService {
  say(text: string, language: KioskLocale, isPrivate: boolean): Promise<SpeechOutcome>;
  stop(): void;
  repeat(): Promise<SpeechOutcome>;
  changeVolume(change: 'down' | 'up' | 'default'): SpeechStatus;
  setRate(rate: number): SpeechStatus;
  /** The citizen agreed (or no longer agrees) to hear personal data through the loudspeaker. */
  setPrivateConsent(consent: boolean): SpeechStatus;
  status(): SpeechStatus;
  /** End of a session: back to the default volume and rate, the last utterance and any consent forgotten. */
  reset(): void;
  onHeadsetChanged(listener: (connected: boolean) => void): () => void;
  /** The recording engine when it is the one in use (tests read its utterances). */
  readonly recording: RecordingEngine | null;
  close(): void;
}

type Log = (message: string, fields?: Record<string, unknown>) => void;

/** A port that never makes a sound (KIOSK_SPEECH_ENGINE=off). */
const silentEngine: SpeechEngine = {
  name: 'off',
  availability: () => Promise.resolve({ available: false, reason: 'speech is off' }),
  say: () => Promise.resolve(),
};

async function pickEngine(settings: SpeechSettings, log: Log): Promise<{ engine: SpeechEngine; recording: RecordingEngine | null }> {
  const recording = (): { engine: SpeechEngine; recording: RecordingEngine } => {
    // Written to a file for an end-to-end test: utterances take a voice's time, so interruptions show.
    const engine =
      settings.recordFile === null
        ? createRecordingEngine()
        : recordToFile(createRecordingEngine({ msPerChar: settings.recordMsPerChar ?? DEFAULT_RECORD_MS_PER_CHAR }), settings.recordFile);
    return { engine, recording: engine };
  };
  if (settings.engine === 'off') return { engine: silentEngine, recording: null };
  if (settings.engine === 'recording') return recording();
  const espeak = createEspeakEngine();
  if (settings.engine === 'espeak') return { engine: espeak, recording: null };
  const availability = await espeak.availability();
  if (availability.available) return { engine: espeak, recording: null };
  log('speech: espeak-ng is not available, recording utterances instead of speaking', { reason: availability.reason });
  return recording();
}

export async function startSpeech(settings: SpeechSettings, log: Log, config: SpeechConfig = DEFAULT_SPEECH_CONFIG): Promise<SpeechService> {
  const { engine, recording } = await pickEngine(settings, log);
  const port: SpeechPort = createSpeechPort(engine, config);
  const listeners = new Set<(connected: boolean) => void>();
  const voicedLanguages = settings.voicedLanguages ?? DEFAULT_VOICED_LANGUAGES;
  let headset: HeadsetSwitch | null = null;
  if (settings.fakeHeadsetFile !== null) {
    headset = watchHeadsetFile(settings.fakeHeadsetFile, (connected) => {
      port.setHeadsetConnected(connected);
      for (const listener of listeners) listener(connected);
    });
    port.setHeadsetConnected(headset.connected());
  }

  const status = (): SpeechStatus => {
    const state = port.state;
    return {
      engine: engine.name,
      volumeStep: state.volumeStep,
      volumeSteps: config.volumeSteps,
      defaultVolumeStep: config.defaultVolumeStep,
      rate: state.rate,
      headsetConnected: state.headsetConnected,
      privateConsent: state.privateConsent,
      voicedLanguages: [...voicedLanguages],
    };
  };

  /** Starts speaking and answers at once: the port refuses (or fails) before its first `await`, speech itself takes longer. */
  async function started(speaking: Promise<Awaited<ReturnType<SpeechPort['speak']>>>): Promise<SpeechOutcome> {
    if (engine === silentEngine) return { state: 'off', reason: null };
    const pending = Symbol('pending');
    const first = await Promise.race([speaking, Promise.resolve(pending)]);
    void speaking.then((result) => {
      // Only the reason travels to the log: never the text, which may be personal.
      if (result.state === 'failed') log('speech: the engine failed', { engine: engine.name, reason: result.reason });
    });
    if (first === pending) return { state: 'speaking', reason: null };
    if (first.state === 'refused') return { state: 'refused', reason: first.reason };
    if (first.state === 'failed') return { state: 'failed', reason: first.reason };
    return { state: 'speaking', reason: null };
  }

  return {
    recording,
    say: (text, language, isPrivate) => started(port.speak(text, { language, private: isPrivate })),
    stop: () => port.cancel(),
    repeat: () => started(port.repeat()),
    changeVolume(change) {
      const step = change === 'default' ? config.defaultVolumeStep : port.state.volumeStep + (change === 'up' ? 1 : -1);
      port.setVolumeStep(step);
      return status();
    },
    setRate(rate) {
      port.setRate(rate);
      return status();
    },
    setPrivateConsent(consent) {
      port.setPrivateConsent(consent);
      return status();
    },
    status,
    reset: () => port.reset(),
    onHeadsetChanged(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      port.cancel();
      headset?.stop();
    },
  };
}
