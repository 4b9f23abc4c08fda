import { readFileSync } from 'node:fs';

/**
 * A fake headset jack for tests and demos: a file holding `connected` (anything else, or no file,
 * is disconnected), polled. A real kiosk's jack sensor would implement the same two functions.
 *
 * The file's content is read on every poll rather than watched with fs.watchFile: watchFile takes
 * its first stat asynchronously, so a change made before that stat lands becomes its baseline and
 * is never reported (a headset plugged in just after start-up stayed "disconnected").
 */
export interface HeadsetSwitch {
  connected(): boolean;
  stop(): void;
}

const POLL_MS = 200;

function readState(file: string): boolean {
  try {
    return readFileSync(file, 'utf8').trim() === 'connected';
  } catch {
    return false;
  }
}

export function watchHeadsetFile(file: string, onChange: (connected: boolean) => void): HeadsetSwitch {
  let state = readState(file);
  const listener = (): void => {
    const next = readState(file);
    if (next === state) return;
    state = next;
    onChange(next);
  };
  const timer = setInterval(listener, POLL_MS);
  timer.unref(); // the jack never keeps the agent alive on its own
  return {
    connected: () => state,
    stop: () => clearInterval(timer),
  };
}
