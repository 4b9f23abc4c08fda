import { classifyScanPayload, type PayloadCheck, type PayloadOptions } from './payload.js';
import { recoverUsText, type KeyLike, type LayoutName } from './keyboard-layouts.js';

/**
 * Tells a keyboard-wedge scanner's keystrokes from a person's typing (pure; the clock is the
 * events' `timeStamp` and the `now` given to `tick`). A scanner types a burst: at least
 * `minLength` characters, every gap under `maxInterKeyMs`, ending in Enter or Tab. Keys are held
 * while they might be a scan; when the burst turns out to be typing they are released, in order,
 * for the screen to use. The text of a scan is recovered from `KeyboardEvent.code` through the US
 * layout, so a Spanish, French or German OS layout does not garble `/ : - _`.
 */

export const WEDGE_DEFAULTS = {
  minLength: 6,
  /** Honeywell types about 10 ms per key, Zebra up to 80-100 ms; people rarely go under 50. */
  maxInterKeyMs: 50,
  /** With a configured prefix the burst is identified by it, so slower scanners are allowed. */
  prefixedMaxInterKeyMs: 120,
  /** Keys held at most; a longer burst is still recognised and rejected as too long. */
  maxHeldKeys: 1024,
  terminators: ['Enter', 'Tab'] as readonly string[],
  /** OS layouts to try, in order, when the real one is not configured. */
  osLayouts: ['us', 'es', 'fr', 'de'] as readonly LayoutName[],
} as const;

export interface WedgeOptions extends PayloadOptions {
  readonly minLength?: number;
  readonly maxInterKeyMs?: number;
  readonly prefixedMaxInterKeyMs?: number;
  readonly maxHeldKeys?: number;
  readonly terminators?: readonly string[];
  /** The OS layouts, in the order to try; give just the real one when it is known. */
  readonly osLayouts?: readonly LayoutName[];
  /** Characters the scanner is programmed to send first / last (US characters); required and stripped. */
  readonly prefix?: string;
  readonly suffix?: string;
}

export type WedgeOutput =
  | { readonly kind: 'scan'; readonly check: PayloadCheck; readonly layout: LayoutName | null }
  | { readonly kind: 'typing'; readonly keys: readonly KeyLike[] };

const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'CapsLock', 'NumLock', 'Fn', 'OS']);

export class WedgeClassifier {
  private held: KeyLike[] = [];
  private overflow = 0;
  private readonly o: Required<Omit<WedgeOptions, keyof PayloadOptions | 'prefix' | 'suffix'>> & WedgeOptions;

  constructor(options: WedgeOptions = {}) {
    this.o = { ...WEDGE_DEFAULTS, ...options };
  }

  /** Feeds one keydown. Returns what became certain: nothing yet, a scan, or keys that were typing. */
  feed(event: KeyLike): WedgeOutput[] {
    if (MODIFIERS.has(event.key)) return [];
    const out = this.tick(event.timeStamp);
    if (this.isTerminator(event)) {
      out.push(this.finish(event));
      return out;
    }
    if (this.held.length < this.o.maxHeldKeys) this.held.push(event);
    else this.overflow += 1;
    return out;
  }

  /** Call from a timer: a burst that went quiet without a terminator was typing. */
  tick(now: number): WedgeOutput[] {
    const last = this.held.at(-1);
    if (last === undefined || now - last.timeStamp <= this.gapLimit()) return [];
    return [this.release()];
  }

  /** When the host should call `tick` next, or null when nothing is held. */
  get nextDeadline(): number | null {
    const last = this.held.at(-1);
    return last === undefined ? null : last.timeStamp + this.gapLimit() + 1;
  }

  private isTerminator(event: KeyLike): boolean {
    return this.o.terminators.includes(event.key) || this.o.terminators.includes(event.code) || event.code === 'NumpadEnter';
  }

  private gapLimit(): number {
    if (this.o.prefix === undefined || this.o.prefix.length === 0) return this.o.maxInterKeyMs;
    const { text } = recoverUsText(this.held.slice(0, this.o.prefix.length), this.o.osLayouts);
    return this.o.prefix.startsWith(text) ? this.o.prefixedMaxInterKeyMs : this.o.maxInterKeyMs;
  }

  private finish(terminator: KeyLike): WedgeOutput {
    const keys = this.held;
    const fastEnough = keys.length > 0 && terminator.timeStamp - (keys.at(-1)?.timeStamp ?? 0) <= this.gapLimit();
    const { text, layout } = recoverUsText(keys, this.o.osLayouts);
    const prefix = this.o.prefix ?? '';
    const suffix = this.o.suffix ?? '';
    const framed = text.startsWith(prefix) && text.endsWith(suffix) && text.length >= prefix.length + suffix.length;
    const body = framed ? text.slice(prefix.length, text.length - suffix.length) : text;
    if (!fastEnough || !framed || keys.length + this.overflow < this.o.minLength) return this.release(terminator);
    const check: PayloadCheck = this.overflow > 0 ? { ok: false, reason: 'too-long' } : classifyScanPayload(body, this.o);
    this.held = [];
    this.overflow = 0;
    return { kind: 'scan', check, layout };
  }

  private release(extra?: KeyLike): WedgeOutput {
    const keys = extra === undefined ? this.held : [...this.held, extra];
    this.held = [];
    this.overflow = 0;
    return { kind: 'typing', keys };
  }
}
