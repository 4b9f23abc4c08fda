import { describe, expect, it } from 'vitest';
import { DEFAULT_KIOSK_CONFIG, KioskAccessibilitySchema, KioskConfigSchema, REACH_LIMIT_MM, reachTopFraction } from '@kiosk/shared';
import { DEFAULT_A11Y_CONFIG, a11yConfigFrom } from '../../src/renderer/a11y/a11y-config.js';
import { DEFAULT_KEYMAP, createKeypad, type KeypadAction } from '../../src/renderer/a11y/keymap.js';

// What a deployment may set about accessibility in the kiosk configuration (checklist items 3, 23
// and 25): a keypad map of non-printing keys, the repeated-key debounces, and the panel's mounting
// from which reach mode's free top part follows (EN 301 549 8.3: controls within 1220 mm).

const keymapWith = (change: Partial<Record<KeypadAction, string[]>>) => ({ ...DEFAULT_KEYMAP, ...change });

describe('checklist 03: the keypad map', () => {
  it('uses only non-printing keys by default (WCAG 2.1.4), and the default map passes the configuration schema', () => {
    for (const keys of Object.values(DEFAULT_KEYMAP)) for (const key of keys) expect(key.length, key).toBeGreaterThan(1);
    expect(KioskAccessibilitySchema.safeParse({ keymap: DEFAULT_KEYMAP }).success).toBe(true);
  });

  it('refuses a configured map with a printing key, a key doing two things, or an action without a key', () => {
    for (const printing of ['a', '5', ' ', 'ñ', 'Ñ']) {
      expect(KioskAccessibilitySchema.safeParse({ keymap: keymapWith({ next: [printing] }) }).success, JSON.stringify(printing)).toBe(false);
    }
    expect(KioskAccessibilitySchema.safeParse({ keymap: keymapWith({ next: ['F3'] }) }).success).toBe(false);
    expect(KioskAccessibilitySchema.safeParse({ keymap: keymapWith({ stop: [] }) }).success).toBe(false);
    const { nextLanguage: _dropped, ...incomplete } = DEFAULT_KEYMAP;
    expect(KioskAccessibilitySchema.safeParse({ keymap: incomplete }).success).toBe(false);
  });

  it('takes a configured map into the renderer: its keys act, the replaced default keys do not', () => {
    const keymap = keymapWith({ next: ['PageDown'], previous: ['PageUp'] });
    const parsed = KioskConfigSchema.parse({ ...DEFAULT_KIOSK_CONFIG, accessibility: { keymap, keypadDebounceMs: 500 } });
    const config = a11yConfigFrom(parsed.accessibility);
    expect(config.keypadDebounceMs).toBe(500);
    let now = 0;
    const keypad = createKeypad(config.keymap, config.keypadDebounceMs, () => now);
    expect(keypad({ key: 'PageDown', repeat: false })).toBe('next');
    now += 1_000;
    expect(keypad({ key: 'ArrowDown', repeat: false })).toBeNull();
    // EN 5.8: the configured 0.5 s debounce drops the same key 499 ms later, not 500 ms later.
    now += 1_000;
    expect(keypad({ key: 'PageUp', repeat: false })).toBe('previous');
    now += 499;
    expect(keypad({ key: 'PageUp', repeat: false })).toBeNull();
    now += 500;
    expect(keypad({ key: 'PageUp', repeat: false })).toBe('previous');
  });
});

describe('checklist 23: repeated-key debounces', () => {
  it('are adjustable from 0 to at least 0.5 s (EN 5.8), the on-screen keyboard off by default', () => {
    expect(DEFAULT_A11Y_CONFIG.onScreenKeyDebounceMs).toBe(0);
    for (const ms of [0, 500, 1000]) expect(KioskAccessibilitySchema.safeParse({ onScreenKeyDebounceMs: ms, keypadDebounceMs: ms }).success).toBe(true);
    for (const ms of [-1, 1001, 0.5]) expect(KioskAccessibilitySchema.safeParse({ onScreenKeyDebounceMs: ms }).success).toBe(false);
    expect(a11yConfigFrom({ onScreenKeyDebounceMs: 500 }).onScreenKeyDebounceMs).toBe(500);
  });
});

describe('checklist 25: reach mode from the panel mounting', () => {
  it('leaves free the share of the panel above 1220 mm', () => {
    expect(REACH_LIMIT_MM).toBe(1220);
    expect(reachTopFraction({ topEdgeHeightMm: 1700, heightMm: 900 })).toBeCloseTo(480 / 900, 10);
    // A panel hung entirely within reach needs no free part.
    expect(reachTopFraction({ topEdgeHeightMm: 1200, heightMm: 500 })).toBe(0);
    expect(a11yConfigFrom({ panel: { topEdgeHeightMm: 1700, heightMm: 900 } }).reachTopFraction).toBeCloseTo(0.5333, 3);
    // The default (a 508 mm panel whose top edge is at 1372 mm) keeps about the top 30 % free.
    expect(DEFAULT_A11Y_CONFIG.reachTopFraction).toBeCloseTo(0.3, 2);
  });

  it('refuses a mounting that leaves too little of the panel within reach, or reaches below the floor', () => {
    expect(KioskAccessibilitySchema.safeParse({ panel: { topEdgeHeightMm: 2000, heightMm: 900 } }).success).toBe(false);
    expect(KioskAccessibilitySchema.safeParse({ panel: { topEdgeHeightMm: 800, heightMm: 900 } }).success).toBe(false);
    expect(KioskAccessibilitySchema.safeParse({ panel: { topEdgeHeightMm: 1700, heightMm: 900 } }).success).toBe(true);
  });

  it('keeps every default when the configuration says nothing about accessibility', () => {
    expect(a11yConfigFrom(undefined)).toBe(DEFAULT_A11Y_CONFIG);
    expect(a11yConfigFrom({})).toEqual(DEFAULT_A11Y_CONFIG);
    expect(KioskConfigSchema.safeParse(DEFAULT_KIOSK_CONFIG).success).toBe(true);
  });
});
