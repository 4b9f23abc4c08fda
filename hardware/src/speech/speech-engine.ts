import type { KioskLocale } from '@kiosk/shared';

/** One thing to say, with everything an engine needs to say it. */
export interface Utterance {
  readonly text: string;
  readonly language: KioskLocale;
  /** Gain relative to the engine's normal loudness, in dB (0 = normal). */
  readonly volumeDb: number;
  /** Speaking rate relative to normal (1 = normal, 2 = twice as fast). */
  readonly rate: number;
  /** Whether the text is personal and may only go to a headset (or with consent). */
  readonly private: boolean;
}

export type EngineAvailability = { readonly available: true } | { readonly available: false; readonly reason: string };

/**
 * A speech engine. `say` resolves when the utterance has been spoken completely, and rejects
 * with SpeechEngineError when the engine failed; when `signal` aborts it stops at once and
 * resolves (cancelling is not a failure).
 */
export interface SpeechEngine {
  readonly name: string;
  availability(): Promise<EngineAvailability>;
  say(utterance: Utterance, signal: AbortSignal): Promise<void>;
}

export class SpeechEngineError extends Error {
  constructor(
    readonly code: 'unavailable' | 'engine-failed',
    message: string,
  ) {
    super(message);
    this.name = 'SpeechEngineError';
  }
}
