import type { EngineAvailability, SpeechEngine, Utterance } from './speech-engine.js';

/**
 * A speech engine for tests: it records every utterance (text, language, volume, rate, private)
 * instead of making sound. By default each utterance "finishes" at once; with `manual: true` it
 * lasts until `finish()` (so tests can cancel or interrupt one mid-way without timers); with
 * `msPerChar` it lasts as long as a voice would take (its length times that, divided by the rate),
 * so an end-to-end test sees a new action cut the previous utterance short.
 */

export interface RecordingEngineOptions {
  readonly manual?: boolean;
  /** Simulated speaking time per character at rate 1, in ms (0 or absent: finishes at once). */
  readonly msPerChar?: number;
}

/** The longest a simulated utterance lasts, whatever its length. */
const MAX_SIMULATED_MS = 60_000;

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

export function createRecordingEngine(options: RecordingEngineOptions = {}): RecordingEngine {
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
      const simulatedMs = Math.min(MAX_SIMULATED_MS, ((options.msPerChar ?? 0) * utterance.text.length) / (utterance.rate > 0 ? utterance.rate : 1));
      if (options.manual !== true && simulatedMs <= 0) {
        record.outcome = 'spoken';
        return Promise.resolve();
      }
      return new Promise((resolve) => {
        let timer: ReturnType<typeof setTimeout> | null = null;
        const done = (): void => {
          if (timer !== null) clearTimeout(timer);
          if (pending?.record === record) pending = null;
          resolve();
        };
        pending = { record, done };
        if (options.manual !== true) {
          timer = setTimeout(() => {
            record.outcome = 'spoken';
            done();
          }, simulatedMs);
        }
        signal.addEventListener(
          'abort',
          () => {
            if (record.outcome !== 'speaking') return;
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
