import type { KioskLocale } from '@kiosk/shared';
import { SpeechEngineError, type SpeechEngine, type Utterance } from './speech-engine.js';

/**
 * The speech port: what the agent calls to read the screen aloud. One utterance at a time (a new
 * one cancels the one in progress, as screen readers do), volume in fixed dB steps, and the
 * private-audio rule: personal text is only spoken into a headset, or after the citizen agreed
 * to hear it aloud.
 */

export interface SpeechConfig {
  /** Loudness of the quietest and loudest step in dB relative to normal; the range must be >= 18 dB. */
  readonly minVolumeDb: number;
  readonly maxVolumeDb: number;
  readonly volumeSteps: number;
  /** The step a session starts at (and returns to on reset). */
  readonly defaultVolumeStep: number;
  readonly minRate: number;
  readonly maxRate: number;
}

/** 9 steps of 3 dB from -18 to +6 dB: 24 dB of range (EN 301 549 asks for at least 18 dB). */
export const DEFAULT_SPEECH_CONFIG: SpeechConfig = {
  minVolumeDb: -18,
  maxVolumeDb: 6,
  volumeSteps: 9,
  defaultVolumeStep: 6,
  minRate: 0.5,
  maxRate: 2,
};

/** The volume range EN 301 549 (5.1.3.x / 7.1.x) requires of speech output. */
export const MIN_VOLUME_RANGE_DB = 18;

export interface SpeakOptions {
  readonly language: KioskLocale;
  /** Personal text (a name, an ID number): refused unless a headset is connected or consent was given. */
  readonly private?: boolean;
}

export type SpeakResult =
  | { readonly state: 'spoken' }
  | { readonly state: 'cancelled' }
  | { readonly state: 'refused'; readonly reason: 'private-needs-headset' | 'nothing-to-repeat' | 'empty-text' }
  | { readonly state: 'failed'; readonly reason: string };

export interface SpeechState {
  readonly speaking: boolean;
  readonly volumeStep: number;
  readonly volumeDb: number;
  readonly rate: number;
  readonly headsetConnected: boolean;
  readonly privateConsent: boolean;
  /** The language of the last utterance (never its text: it may be personal). */
  readonly lastLanguage: KioskLocale | null;
}

export interface SpeechPort {
  speak(text: string, options: SpeakOptions): Promise<SpeakResult>;
  /** Stops what is being said now; its `speak` resolves with `cancelled`. */
  cancel(): void;
  /** Says the last utterance again with the current volume and rate. */
  repeat(): Promise<SpeakResult>;
  setVolumeStep(step: number): void;
  setRate(rate: number): void;
  setHeadsetConnected(connected: boolean): void;
  /** The citizen agreed to hear personal data through the loudspeaker (cleared by `reset`). */
  setPrivateConsent(consent: boolean): void;
  /** Back to the defaults at the end of a session: stops speaking, forgets the last utterance and consent. */
  reset(): void;
  readonly state: SpeechState;
}

export function volumeDbOfStep(config: SpeechConfig, step: number): number {
  if (config.volumeSteps < 2) return config.maxVolumeDb;
  return config.minVolumeDb + ((config.maxVolumeDb - config.minVolumeDb) * step) / (config.volumeSteps - 1);
}

function checkConfig(config: SpeechConfig): void {
  if (config.maxVolumeDb - config.minVolumeDb < MIN_VOLUME_RANGE_DB) {
    throw new RangeError(`speech: the volume range must cover at least ${MIN_VOLUME_RANGE_DB} dB`);
  }
  if (!Number.isInteger(config.volumeSteps) || config.volumeSteps < 2) throw new RangeError('speech: volumeSteps must be an integer >= 2');
  if (config.defaultVolumeStep < 0 || config.defaultVolumeStep >= config.volumeSteps) {
    throw new RangeError('speech: defaultVolumeStep must be one of the steps');
  }
  if (!(config.minRate > 0 && config.minRate <= 1 && config.maxRate >= 1)) throw new RangeError('speech: rates must bracket 1');
}

export function createSpeechPort(engine: SpeechEngine, config: SpeechConfig = DEFAULT_SPEECH_CONFIG): SpeechPort {
  checkConfig(config);
  let volumeStep = config.defaultVolumeStep;
  let rate = 1;
  let headsetConnected = false;
  let privateConsent = false;
  let last: { text: string; options: SpeakOptions } | null = null;
  let current: AbortController | null = null;
  let currentIsPrivate = false;

  async function say(text: string, options: SpeakOptions): Promise<SpeakResult> {
    const isPrivate = options.private === true;
    if (isPrivate && !headsetConnected && !privateConsent) return { state: 'refused', reason: 'private-needs-headset' };
    if (text.trim() === '') return { state: 'refused', reason: 'empty-text' };
    current?.abort();
    const controller = new AbortController();
    current = controller;
    currentIsPrivate = isPrivate;
    last = { text, options };
    const utterance: Utterance = {
      text,
      language: options.language,
      volumeDb: volumeDbOfStep(config, volumeStep),
      rate,
      private: isPrivate,
    };
    try {
      await engine.say(utterance, controller.signal);
      return controller.signal.aborted ? { state: 'cancelled' } : { state: 'spoken' };
    } catch (error) {
      if (controller.signal.aborted) return { state: 'cancelled' };
      return { state: 'failed', reason: error instanceof SpeechEngineError ? error.code : 'engine-failed' };
    } finally {
      if (current === controller) current = null;
    }
  }

  return {
    speak: say,
    cancel() {
      current?.abort();
    },
    repeat() {
      if (last === null) return Promise.resolve({ state: 'refused', reason: 'nothing-to-repeat' });
      return say(last.text, last.options);
    },
    setVolumeStep(step) {
      if (!Number.isInteger(step)) throw new RangeError('speech: the volume step must be an integer');
      volumeStep = Math.min(config.volumeSteps - 1, Math.max(0, step));
    },
    setRate(next) {
      if (!Number.isFinite(next)) throw new RangeError('speech: the rate must be a number');
      rate = Math.min(config.maxRate, Math.max(config.minRate, next));
    },
    setHeadsetConnected(connected) {
      headsetConnected = connected;
      // Unplugging the headset must not leave personal text coming out of the loudspeaker.
      if (!connected && !privateConsent && currentIsPrivate) current?.abort();
    },
    setPrivateConsent(consent) {
      privateConsent = consent;
      // Withdrawing consent silences personal text already coming out of the loudspeaker.
      if (!consent && !headsetConnected && currentIsPrivate) current?.abort();
    },
    reset() {
      current?.abort();
      last = null;
      privateConsent = false;
      volumeStep = config.defaultVolumeStep;
      rate = 1;
    },
    get state(): SpeechState {
      return {
        speaking: current !== null,
        volumeStep,
        volumeDb: volumeDbOfStep(config, volumeStep),
        rate,
        headsetConnected,
        privateConsent,
        lastLanguage: last?.options.language ?? null,
      };
    },
  };
}
