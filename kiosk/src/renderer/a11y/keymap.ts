/**
 * The keypad: EZ Access-style tactile keys that arrive as ordinary key events (the default map is
 * the one in reference/accessibility.md). The map is data so a deployment can change it (WCAG 2.1.4).
 */
// The action names are part of the kiosk configuration's schema (a deployment may map them).
import { KEYPAD_ACTIONS, type KeypadAction } from '@kiosk/shared';

export { KEYPAD_ACTIONS, type KeypadAction };

/** Each action's keys, matched against KeyboardEvent.key or KeyboardEvent.code (NumpadEnter is a code). */
export type Keymap = Readonly<Record<KeypadAction, readonly string[]>>;

export const DEFAULT_KEYMAP: Keymap = {
  next: ['ArrowDown'],
  previous: ['ArrowUp'],
  groupNext: ['ArrowRight'],
  groupPrevious: ['ArrowLeft'],
  activate: ['Enter', 'NumpadEnter'],
  back: ['Escape', 'BrowserBack'],
  help: ['F1', 'Help'],
  toggleAudio: ['F2'],
  repeat: ['F3'],
  stop: ['F4', 'MediaPlayPause'],
  volumeDown: ['F9', 'AudioVolumeDown'],
  volumeUp: ['F10', 'AudioVolumeUp'],
  nextLanguage: ['F6'],
};

export interface KeyPress {
  readonly key: string;
  readonly code?: string;
  /** The OS's auto-repeat of a held key: never an action (no hold-to-repeat on a kiosk). */
  readonly repeat: boolean;
}

/** Checks a map: every action has a key and no key does two things. */
export function checkKeymap(keymap: Keymap): void {
  const seen = new Map<string, KeypadAction>();
  for (const action of KEYPAD_ACTIONS) {
    const keys = keymap[action];
    if (keys.length === 0) throw new Error(`keypad: "${action}" has no key`);
    for (const key of keys) {
      const other = seen.get(key);
      if (other !== undefined) throw new Error(`keypad: "${key}" is mapped to both "${other}" and "${action}"`);
      seen.set(key, action);
    }
  }
}

/**
 * Turns key presses into keypad actions: auto-repeat ignored, and the same key again within
 * `debounceMs` dropped as a bounce (a tremor, a sticky key). Other keys are not keypad keys: null.
 */
export function createKeypad(keymap: Keymap, debounceMs: number, now: () => number = () => Date.now()): (press: KeyPress) => KeypadAction | null {
  checkKeymap(keymap);
  const byKey = new Map<string, KeypadAction>();
  for (const action of KEYPAD_ACTIONS) for (const key of keymap[action]) byKey.set(key, action);
  let last: { key: string; at: number } | null = null;
  return (press) => {
    const action = byKey.get(press.key) ?? (press.code === undefined ? undefined : byKey.get(press.code));
    if (action === undefined || press.repeat) return null;
    const at = now();
    const bounce = last !== null && last.key === press.key && at - last.at < debounceMs;
    last = { key: press.key, at };
    return bounce ? null : action;
  };
}
