import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import type { RecordingEngine } from '@kiosk/hardware';

/**
 * Makes a recording engine also append each utterance to a JSON-lines file, so an end-to-end test
 * in another process can compare what was said with what was highlighted. A personal utterance
 * is written without its text: the file is a log, and logs never hold personal data.
 *
 * How each utterance ended goes to a second file beside it (`<file>.outcomes`), one JSON line
 * `{ "index": n, "outcome": "spoken" | "cancelled" | "failed" }` per utterance, n being its line in the first
 * file (from 0): a test sees a new action cut the previous speech short, or Stop end it.
 */
export function outcomesFileOf(file: string): string {
  return `${file}.outcomes`;
}

function linesIn(file: string): number {
  if (!existsSync(file)) return 0;
  return readFileSync(file, 'utf8').split('\n').filter((line) => line.trim() !== '').length;
}

export function recordToFile(engine: RecordingEngine, file: string): RecordingEngine {
  let next = linesIn(file);
  return {
    ...engine,
    get utterances() {
      return engine.utterances;
    },
    async say(utterance, signal) {
      const index = next;
      next += 1;
      const line = { text: utterance.private ? null : utterance.text, language: utterance.language, volumeDb: utterance.volumeDb, rate: utterance.rate, private: utterance.private };
      appendFileSync(file, `${JSON.stringify(line)}\n`);
      let outcome = 'failed';
      try {
        await engine.say(utterance, signal);
        outcome = signal.aborted ? 'cancelled' : 'spoken';
      } finally {
        appendFileSync(outcomesFileOf(file), `${JSON.stringify({ index, outcome })}\n`);
      }
    },
  };
}
