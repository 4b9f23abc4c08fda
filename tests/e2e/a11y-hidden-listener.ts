import type { Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { expect, KEY_GAP_MS, type SpeechStack } from './a11y-helpers.js';

// A blind citizen at the kiosk with the screen curtain down (checklist item 1): only keypad keys go
// in, only the speech log comes out. Every choice is made by matching what was said, never by
// reading the page. Extends a11y-helpers.ts (owned by the lead) without touching it: its
// pressAndHear/downTo read document.activeElement, which stays empty while the screen is hidden.

/** Text that a matcher accepts: a phrase to contain, or a pattern. */
export type Heard = string | RegExp | ((text: string) => boolean);

const matches = (text: string, heard: Heard): boolean =>
  typeof heard === 'string' ? text.includes(heard) : heard instanceof RegExp ? heard.test(text) : heard(text);

/** A button (or link, option...) whose spoken name contains `name`: "<name>, botón ...". */
export const control = (name: string, role = 'botón'): Heard => (text) => text.includes(name) && text.includes(`, ${role}`);

/** How long the speech log must stay still before a press counts as answered. */
const SETTLE_MS = 350;

export class Listener {
  private lastKeyAt = 0;
  private lastKey = '';
  /** The log's length before the last key press: hear() listens from there by default. */
  private sinceLastKey = 0;

  constructor(
    private readonly page: Page,
    private readonly speech: SpeechStack,
  ) {}

  /** Every text said since the stack started. */
  texts(): string[] {
    return this.speech.said().map((line) => line.text ?? '');
  }

  last(): string {
    return this.speech.lastSaid()?.text ?? '';
  }

  /** One keypad key; then waits until something new is said and the log stays still. Returns the last new text ('' if none). */
  async press(key: string, { expectSpeech = true } = {}): Promise<string> {
    // The keypad drops the same key again within its debounce: wait it out.
    const since = Date.now() - this.lastKeyAt;
    if (key === this.lastKey && since < KEY_GAP_MS) await this.page.waitForTimeout(KEY_GAP_MS - since);
    const before = this.speech.said().length;
    this.sinceLastKey = before;
    await this.page.keyboard.press(key);
    this.lastKey = key;
    this.lastKeyAt = Date.now();
    if (expectSpeech) await expect.poll(() => this.speech.said().length, { message: `something is said after ${key}; said lately:\n${this.texts().slice(-8).join('\n')}\n`, timeout: 10_000 }).toBeGreaterThan(before);
    await this.settle();
    return this.speech.said().length > before ? this.last() : '';
  }

  /** Waits until the speech log has not grown for a moment. */
  async settle(): Promise<void> {
    let count = this.speech.said().length;
    for (;;) {
      await this.page.waitForTimeout(SETTLE_MS);
      const now = this.speech.said().length;
      if (now === count) return;
      count = now;
    }
  }

  /** Waits until something said since the last key press (or since `from`) matches; returns it. */
  async hear(heard: Heard, { from = this.sinceLastKey, timeout = 30_000 } = {}): Promise<string> {
    let found = '';
    await expect
      .poll(
        () => {
          found = this.texts().slice(from).find((text) => matches(text, heard)) ?? '';
          return found !== '';
        },
        { message: `hear ${String(heard)}; said lately:\n${this.texts().slice(-12).join('\n')}\n`, timeout },
      )
      .toBe(true);
    await this.settle();
    return found;
  }

  /**
   * Moves the highlight (Down to the end of the screen, then Up to its top) until the item spoken
   * matches. The end of a screen is heard as the same item said twice.
   */
  async seek(heard: Heard, maxPresses = 90): Promise<string> {
    if (matches(this.last(), heard)) return this.last();
    const trail: string[] = [];
    for (const key of ['ArrowDown', 'ArrowUp']) {
      let previous = this.last();
      for (let presses = 0; presses < maxPresses; presses += 1) {
        const text = await this.press(key);
        trail.push(text);
        if (matches(text, heard)) return text;
        if (text === previous) break;
        previous = text;
      }
    }
    throw new Error(`never heard ${String(heard)}; heard:\n${trail.join('\n')}`);
  }

  /** Finds an item by what is said and activates it with Enter; returns what is said next ('' if nothing). */
  async choose(heard: Heard, { expectSpeech = true } = {}): Promise<string> {
    await this.seek(heard);
    return this.press('Enter', { expectSpeech });
  }

  /**
   * Types on an on-screen keypad by ear: each key says its name when highlighted, the keypad's
   * layout (rows of names, as printed on the keys) tells which way the wanted key is, and the key
   * that answers is checked against the expected one before Enter types it.
   */
  async type(layout: KeypadLayout, text: string): Promise<void> {
    const keyOf = (spoken: string): number => layout.names.findIndex((name) => spoken.startsWith(`${name}, `));
    for (const char of text) {
      const target = layout.names.indexOf(layout.nameOf(char));
      if (target < 0) throw new Error(`no key for "${char}"`);
      let at = keyOf(this.last());
      if (at < 0) {
        // Not on the keypad yet: Down until one of its keys is said.
        await this.seek((spoken) => keyOf(spoken) >= 0);
        at = keyOf(this.last());
      }
      for (let presses = 0; at !== target; presses += 1) {
        if (presses > layout.names.length) throw new Error(`lost on the keypad looking for "${char}", last heard: ${this.last()}`);
        const sameRow = layout.rows[at] === layout.rows[target];
        const key = sameRow ? (target > at ? 'ArrowRight' : 'ArrowLeft') : target > at ? 'ArrowDown' : 'ArrowUp';
        at = keyOf(await this.press(key));
        if (at < 0) throw new Error(`left the keypad looking for "${char}", heard: ${this.last()}`);
      }
      await this.press('Enter', { expectSpeech: false });
    }
  }
}

/** A keypad as the citizen learns it: its keys' spoken names in reading order, and each key's row. */
export interface KeypadLayout {
  readonly names: readonly string[];
  readonly rows: readonly number[];
  /** The key name that types a character. */
  nameOf(char: string): string;
}

/** Builds a layout from react-simple-keyboard rows ("q w e", "{bksp}"), naming control keys. */
export function keypadLayout(rows: readonly string[], controlNames: Readonly<Record<string, string>>, nameOf: (char: string) => string = (char) => char): KeypadLayout {
  const names: string[] = [];
  const rowOf: number[] = [];
  rows.forEach((row, index) => {
    for (const key of row.split(' ')) {
      names.push(controlNames[key] ?? key);
      rowOf.push(index);
    }
  });
  return { names, rows: rowOf, nameOf };
}

/** True when nothing of the page is painted: every pixel of the screenshot is the same colour. */
export function blank(png: Buffer): { blank: boolean; colours: number } {
  const image = PNG.sync.read(png);
  const colours = new Set<number>();
  for (let i = 0; i < image.data.length && colours.size < 50; i += 4) {
    colours.add(((image.data[i] ?? 0) << 16) | ((image.data[i + 1] ?? 0) << 8) | (image.data[i + 2] ?? 0));
  }
  return { blank: colours.size === 1, colours: colours.size };
}
