import type { EngineAvailability, SpeechEngine, Utterance } from './speech-engine.js';

/**
 * A speech engine for tests: it records every utterance (text, language, volume, rate, private)
 * instead of making sound. By default each utterance "finishes" at once; with `manual: true` it
 * lasts until `finish()` (so tests can cancel or interrupt one mid-way without timers).
 */

export interface RecordedUtterance extends Utterance {
  /** How it ended: spoken to the end, or cut short by a cancel. */
  outcome: 'speaking' | 'spoken' | 'cancelled';
}

export interface RecordingEngine extends SpeechEngine {
  readonly utterances: readonly RecordedUtterance[];
  /** Ends the utterance in progress (manual mode). */
  finish(): void;
  /** Makes the next `say` fail, as a broken engine would. */
  failNext(message: string): void;
}

export function createRecordingEngine(options: { manual?: boolean } = {}): RecordingEngine {
  const utterances: RecordedUtterance[] = [];
  let pending: { record: RecordedUtterance; done: () => void } | null = null;
  let failure: string | null = null;
  return {
    name: 'recording',
    utterances,
    availability(): Promise<EngineAvailability> {
      return Promise.resolve({ available: true });
    },
    say(utterance: Utterance, signal: AbortSignal): Promise<void> {
      if (failure !== null) {
        const message = failure;
        failure = null;
        return Promise.reject(new Error(message));
      }
      const record: RecordedUtterance = { ...utterance, outcome: 'speaking' };
      utterances.push(record);
      if (options.manual !== true) {
        record.outcome = 'spoken';
        return Promise.resolve();
      }
      return new Promise((resolve) => {
        const done = (): void => {
          pending = null;
          resolve();
        };
        pending = { record, done };
        signal.addEventListener(
          'abort',
          () => {
            record.outcome = 'cancelled';
            done();
          },
          { once: true },
        );
      });
    },
    finish() {
      if (pending === null) return;
      pending.record.outcome = 'spoken';
      pending.done();
    },
    failNext(message) {
      failure = message;
    },
  };
}
