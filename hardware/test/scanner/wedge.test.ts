import { describe, expect, it } from 'vitest';
import type { KeyLike } from '../../src/scanner/keyboard-layouts.js';
import { WedgeClassifier, type WedgeOutput } from '../../src/scanner/wedge-classifier.js';
import { KeyboardWedgeSource } from '../../src/scanner/wedge-source.js';
import { record, REFERENCE } from './helpers.js';

// `[key, code]` pairs written out by hand from the layouts' keyboard charts (not generated from
// the tables under test): what the browser reports when a US-programmed scanner types on them.
type Press = readonly [key: string, code: string];
const press = (pairs: readonly Press[], start: number, gapMs: number): KeyLike[] =>
  pairs.map(([key, code], i) => ({ key, code, timeStamp: start + i * gapMs }));
const ENTER: Press = ['Enter', 'Enter'];
const word = (letters: string): Press[] => [...letters].map((c) => [c, `Key${c.toUpperCase()}`] as const);

// A valid reference for the tests, K7QM-000AA-? style, spelled per layout below.
const [ISSUER, SEQ, CHECK] = REFERENCE.split('-') as [string, string, string];
const refUs = (digit: (d: string) => Press, dash: Press, upper: (c: string) => Press): Press[] =>
  [...`${ISSUER}-${SEQ}-${CHECK}`].map((c) => (c === '-' ? dash : /\d/.test(c) ? digit(c) : upper(c)));
const plainDigit = (d: string): Press => [d, `Digit${d}`];
const plainUpper = (c: string): Press => [c, `Key${c}`];

/** `https://x/status/<ref>` typed on a Spanish layout: `:` arrives as Ñ, `/` as -, `-` as '. */
const SPANISH: Press[] = [
  ...word('https'), ['Ñ', 'Semicolon'], ['-', 'Slash'], ['-', 'Slash'], ...word('x'), ['-', 'Slash'],
  ...word('status'), ['-', 'Slash'],
  ...refUs(plainDigit, ["'", 'Minus'], plainUpper),
  ENTER,
];

const AZERTY_DIGITS: Readonly<Record<string, string>> = { '1': '&', '2': 'é', '3': '"', '4': "'", '5': '(', '6': '-', '7': 'è', '8': '_', '9': 'ç', '0': 'à' };
const AZERTY_UPPER: Readonly<Record<string, string>> = { Q: 'A', A: 'Q', W: 'Z', Z: 'W', M: '?' };
/** The same URL on a French AZERTY layout: `:` as M, `/` as !, digits unshifted as &é"'(-è_çà. */
const FRENCH: Press[] = [
  ...word('https'), ['M', 'Semicolon'], ['!', 'Slash'], ['!', 'Slash'], ['x', 'KeyX'], ['!', 'Slash'],
  ['s', 'KeyS'], ['t', 'KeyT'], ['q', 'KeyA'], ['t', 'KeyT'], ['u', 'KeyU'], ['s', 'KeyS'], ['!', 'Slash'],
  ...refUs((d) => [AZERTY_DIGITS[d] ?? d, `Digit${d}`], [')', 'Minus'], (c) => [AZERTY_UPPER[c] ?? c, `Key${c}`]),
  ENTER,
];

/** On a German layout: `:` as Ö, `/` as -, `-` as ß. */
const GERMAN: Press[] = [
  ...word('https'), ['Ö', 'Semicolon'], ['-', 'Slash'], ['-', 'Slash'], ...word('x'), ['-', 'Slash'],
  ...word('status'), ['-', 'Slash'],
  ...refUs(plainDigit, ['ß', 'Minus'], (c) => [c === 'Z' ? 'Y' : c === 'Y' ? 'Z' : c, `Key${c}`]),
  ENTER,
];

const feedAll = (classifier: WedgeClassifier, keys: readonly KeyLike[]): WedgeOutput[] => keys.flatMap((k) => classifier.feed(k));
const EXPECTED_URL = `https://x/status/${REFERENCE}`;

describe('keyboard-wedge classifier', () => {
  for (const [name, pairs] of [['Spanish', SPANISH], ['French', FRENCH], ['German', GERMAN]] as const) {
    it(`recovers the URL a scanner typed on a ${name} layout from the key codes`, () => {
      const outputs = feedAll(new WedgeClassifier(), press(pairs, 1_000, 8));
      expect(outputs).toHaveLength(1);
      const [scan] = outputs;
      expect(scan).toMatchObject({ kind: 'scan', check: { ok: true, kind: 'status-url', value: REFERENCE, text: EXPECTED_URL } });
    });
  }

  it('uses the configured OS layout when it is known', () => {
    const outputs = feedAll(new WedgeClassifier({ osLayouts: ['es'] }), press(SPANISH, 0, 20));
    expect(outputs).toEqual([expect.objectContaining({ kind: 'scan', layout: 'es' })]);
  });

  it('treats slow keys as typing and hands every key back, Enter included', () => {
    const keys = press([...word('status'), ENTER], 0, 120);
    const outputs = feedAll(new WedgeClassifier(), keys);
    expect(outputs.every((o) => o.kind === 'typing')).toBe(true);
    expect(outputs.flatMap((o) => (o.kind === 'typing' ? o.keys : []))).toEqual(keys);
  });

  it('treats a fast but short burst as typing (fewer than the minimum characters)', () => {
    const outputs = feedAll(new WedgeClassifier(), press([...word('abc'), ENTER], 0, 5));
    expect(outputs).toEqual([{ kind: 'typing', keys: press([...word('abc'), ENTER], 0, 5) }]);
  });

  it('releases a fast burst with no terminator as typing once it goes quiet', () => {
    const classifier = new WedgeClassifier({ maxInterKeyMs: 40 });
    expect(feedAll(classifier, press(word('abcdefgh'), 0, 5))).toEqual([]);
    expect(classifier.nextDeadline).toBe(35 + 41);
    expect(classifier.tick(70)).toEqual([]);
    expect(classifier.tick(76)).toEqual([{ kind: 'typing', keys: press(word('abcdefgh'), 0, 5) }]);
  });

  it('separates a scan from typing that came just before it', () => {
    const typed = press(word('hola'), 0, 200);
    const scan = press([...refUs(plainDigit, ['-', 'Minus'], plainUpper), ENTER], 1_000, 10);
    const outputs = feedAll(new WedgeClassifier(), [...typed, ...scan]);
    expect(outputs.at(-1)).toMatchObject({ kind: 'scan', check: { kind: 'receipt-reference', value: REFERENCE } });
    expect(outputs.slice(0, -1).flatMap((o) => (o.kind === 'typing' ? o.keys : []))).toEqual(typed);
  });

  it('ignores modifier keys and accepts Tab as the terminator', () => {
    const keys: KeyLike[] = [];
    let t = 0;
    for (const [key, code] of refUs(plainDigit, ['-', 'Minus'], plainUpper)) {
      if (/[A-Z]/.test(key)) keys.push({ key: 'Shift', code: 'ShiftLeft', timeStamp: (t += 3) });
      keys.push({ key, code, timeStamp: (t += 3) });
    }
    keys.push({ key: 'Tab', code: 'Tab', timeStamp: (t += 3) });
    expect(feedAll(new WedgeClassifier(), keys)).toEqual([expect.objectContaining({ kind: 'scan', check: expect.objectContaining({ value: REFERENCE }) })]);
  });

  it('requires and strips a configured prefix and suffix, allowing slower scanners with a prefix', () => {
    const classifier = new WedgeClassifier({ prefix: '~~', suffix: '#' });
    const tilde: Press = ['~', 'Backquote'];
    const keys = press([tilde, tilde, ...refUs(plainDigit, ['-', 'Minus'], plainUpper), ['#', 'Digit3'], ENTER], 0, 90);
    expect(feedAll(classifier, keys)).toEqual([expect.objectContaining({ kind: 'scan', check: expect.objectContaining({ kind: 'receipt-reference', text: REFERENCE }) })]);
    const unprefixed = press([...refUs(plainDigit, ['-', 'Minus'], plainUpper), ENTER], 5_000, 5);
    expect(feedAll(classifier, unprefixed).every((o) => o.kind === 'typing')).toBe(true);
  });

  it('reports a scanned burst that is garbage as a rejected scan, not as typing', () => {
    const keys = press([...word('abc'), ['Escape', 'Escape'], ...word('def'), ENTER], 0, 5);
    const outputs = feedAll(new WedgeClassifier(), keys);
    expect(outputs).toEqual([expect.objectContaining({ kind: 'scan', check: { ok: true, kind: 'unknown', value: 'abcdef', text: 'abcdef' } })]);
    const long = press([...word('x'.repeat(600)), ENTER], 0, 2);
    expect(feedAll(new WedgeClassifier(), long)).toEqual([expect.objectContaining({ kind: 'scan', check: { ok: false, reason: 'too-long' } })]);
  });
});

describe('keyboard-wedge scan source (fake clock)', () => {
  it('emits the same scan event as the other sources and returns typing to the host', async () => {
    const timers: { run: () => void; at: number }[] = [];
    let now = 0;
    const typed: string[] = [];
    const source = new KeyboardWedgeSource({
      now: () => now,
      setTimer: (run, ms) => {
        const timer = { run, at: now + ms };
        timers.push(timer);
        return timer;
      },
      clearTimer: (timer) => timers.splice(timers.indexOf(timer as (typeof timers)[number]), 1),
      onTyping: (keys) => typed.push(keys.map((k) => k.key).join('')),
    });
    const events = record(source);
    await source.start();
    for (const key of press(SPANISH, 0, 10)) {
      now = key.timeStamp;
      source.feed(key);
    }
    expect(events.scans).toEqual([{ origin: 'keyboard-wedge', payload: expect.objectContaining({ kind: 'status-url', value: REFERENCE }), at: now }]);
    for (const key of press(word('hola'), 10_000, 5)) {
      now = key.timeStamp;
      source.feed(key);
    }
    expect(typed).toEqual([]);
    const timer = timers.at(-1);
    now = timer?.at ?? 0;
    timer?.run();
    expect(typed).toEqual(['hola']);
    await source.stop();
    expect(source.state).toBe('stopped');
  });
});
