import { describe, expect, it } from 'vitest';
import { DEFAULT_KEYMAP, KEYPAD_ACTIONS, checkKeymap, createKeypad, type Keymap } from '../../src/renderer/a11y/keymap.js';
import { groupMoveFor, stepIndex } from '../../src/renderer/a11y/focus-order.js';

// The keypad map (reference/accessibility.md's default, configurable), auto-repeat and bounce
// filtering, and the focus order the arrows walk.

function clock(start = 1_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('keypad map', () => {
  it('maps the reference keys to their actions, by key or by code', () => {
    const time = clock();
    const keypad = createKeypad(DEFAULT_KEYMAP, 200, time.now);
    const press = (key: string, code?: string) => {
      time.advance(1_000);
      return keypad({ key, code, repeat: false });
    };
    expect(press('ArrowDown')).toBe('next');
    expect(press('ArrowUp')).toBe('previous');
    expect(press('ArrowRight')).toBe('groupNext');
    expect(press('ArrowLeft')).toBe('groupPrevious');
    expect(press('Enter', 'NumpadEnter')).toBe('activate');
    expect(press('Unidentified', 'NumpadEnter')).toBe('activate');
    expect(press('Escape')).toBe('back');
    expect(press('BrowserBack')).toBe('back');
    expect(press('F1')).toBe('help');
    expect(press('Help')).toBe('help');
    expect(press('F2')).toBe('toggleAudio');
    expect(press('F3')).toBe('repeat');
    expect(press('F4')).toBe('stop');
    expect(press('MediaPlayPause')).toBe('stop');
    expect(press('F9')).toBe('volumeDown');
    expect(press('AudioVolumeUp')).toBe('volumeUp');
    expect(press('F6')).toBe('nextLanguage');
    // Backspace is not Back (it deletes in a field), and printing keys are not keypad keys.
    expect(press('Backspace')).toBeNull();
    expect(press('a', 'KeyA')).toBeNull();
  });

  it('ignores auto-repeat and drops the same key again within the debounce, but not another key', () => {
    const time = clock();
    const keypad = createKeypad(DEFAULT_KEYMAP, 300, time.now);
    expect(keypad({ key: 'ArrowDown', repeat: false })).toBe('next');
    expect(keypad({ key: 'ArrowDown', repeat: true })).toBeNull();
    time.advance(299);
    expect(keypad({ key: 'ArrowDown', repeat: false })).toBeNull();
    time.advance(100);
    expect(keypad({ key: 'ArrowUp', repeat: false })).toBe('previous');
    time.advance(301);
    expect(keypad({ key: 'ArrowUp', repeat: false })).toBe('previous');
  });

  it('takes another map, and refuses one with a key doing two things or an action without a key', () => {
    const custom: Keymap = { ...DEFAULT_KEYMAP, activate: ['Enter', ' '] };
    const keypad = createKeypad(custom, 0);
    expect(keypad({ key: ' ', repeat: false })).toBe('activate');
    expect(() => checkKeymap({ ...DEFAULT_KEYMAP, repeat: ['F3', 'F4'] })).toThrow(/"F4" is mapped to both/);
    expect(() => checkKeymap({ ...DEFAULT_KEYMAP, help: [] })).toThrow(/"help" has no key/);
    expect(KEYPAD_ACTIONS.every((action) => DEFAULT_KEYMAP[action].length > 0)).toBe(true);
  });
});

describe('focus order', () => {
  const rowA = { name: 'row A' };
  const rowB = { name: 'row B' };
  // heading, field, three keys in row A, two in row B, a button.
  const items = [{ group: null }, { group: null }, { group: rowA }, { group: rowA }, { group: rowA }, { group: rowB }, { group: rowB }, { group: null }];

  it('Down and Up go through every item in reading order, starting at the top (or the bottom going up), without wrapping', () => {
    expect(stepIndex(items, -1, 'next')).toBe(0);
    expect(stepIndex(items, -1, 'previous')).toBe(7);
    const visited = [0];
    while (visited.length < 12) visited.push(stepIndex(items, visited.at(-1)!, 'next'));
    expect(visited).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 7, 7, 7, 7]);
    expect(stepIndex(items, 0, 'previous')).toBe(0);
    expect(stepIndex([], -1, 'next')).toBe(-1);
  });

  it('Left and Right stay inside a group, and act as Up and Down outside one', () => {
    expect(stepIndex(items, 2, 'groupNext')).toBe(3);
    expect(stepIndex(items, 4, 'groupNext')).toBe(4);
    expect(stepIndex(items, 5, 'groupPrevious')).toBe(5);
    expect(stepIndex(items, 6, 'groupPrevious')).toBe(5);
    expect(stepIndex(items, 1, 'groupNext')).toBe(2);
    expect(stepIndex(items, 7, 'groupPrevious')).toBe(6);
  });

  it('swaps Left and Right in a right-to-left language', () => {
    expect(groupMoveFor('groupNext', 'ltr')).toBe('groupNext');
    expect(groupMoveFor('groupNext', 'rtl')).toBe('groupPrevious');
    expect(groupMoveFor('groupPrevious', 'rtl')).toBe('groupNext');
  });
});
