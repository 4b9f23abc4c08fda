/**
 * What the printable keys produce on the OS keyboard layouts a Spanish kiosk may run with, by
 * `KeyboardEvent.code` (the physical key) and shift level. A keyboard-wedge scanner types as if the
 * layout were US; the OS then maps its key codes through the real layout, so `/` arrives as `-` on
 * a Spanish layout. Knowing both tables, the US character is recovered from the code.
 * `Dead` marks a dead key (its `key` value in browsers).
 */

export type LayoutName = 'us' | 'es' | 'fr' | 'de';
export type KeyLevels = readonly [normal: string, shifted: string];
export type LayoutTable = Readonly<Record<string, KeyLevels>>;

const letters = (swap: Readonly<Record<string, string>> = {}): Record<string, KeyLevels> => {
  const table: Record<string, KeyLevels> = {};
  for (let c = 0; c < 26; c += 1) {
    const physical = String.fromCharCode(65 + c);
    const produced = (swap[physical] ?? physical).toLowerCase();
    table[`Key${physical}`] = [produced, produced.toUpperCase()];
  }
  return table;
};

const row = (codes: readonly string[], normal: string, shifted: readonly string[]): Record<string, KeyLevels> => {
  const table: Record<string, KeyLevels> = {};
  const normals = [...normal];
  codes.forEach((code, i) => {
    table[code] = [normals[i] ?? '', shifted[i] ?? ''];
  });
  return table;
};

const DIGITS = ['Digit1', 'Digit2', 'Digit3', 'Digit4', 'Digit5', 'Digit6', 'Digit7', 'Digit8', 'Digit9', 'Digit0'];
const PUNCTUATION = ['Backquote', 'Minus', 'Equal', 'BracketLeft', 'BracketRight', 'Backslash', 'Semicolon', 'Quote', 'Comma', 'Period', 'Slash'];
const SPACE: Record<string, KeyLevels> = { Space: [' ', ' '] };
const D = 'Dead';

export const LAYOUTS: Readonly<Record<LayoutName, LayoutTable>> = {
  us: {
    ...letters(),
    ...row(DIGITS, '1234567890', [...'!@#$%^&*()']),
    ...row(PUNCTUATION, "`-=[]\\;',./", [...'~_+{}|:"<>?']),
    ...SPACE,
  },
  es: {
    ...letters(),
    ...row(DIGITS, '1234567890', [...'!"·$%&/()=']),
    ...row(PUNCTUATION, "º'¡" + 'X' + '+çñX,.-', ['ª', '?', '¿', D, '*', 'Ç', 'Ñ', D, ';', ':', '_']),
    BracketLeft: [D, D],
    Quote: [D, D],
    IntlBackslash: ['<', '>'],
    ...SPACE,
  },
  fr: {
    ...letters({ Q: 'A', A: 'Q', W: 'Z', Z: 'W' }),
    KeyM: [',', '?'],
    ...row(DIGITS, '&é"\'(-è_çà', [...'1234567890']),
    ...row(PUNCTUATION, '²)=X$*mù;:!', ['³', '°', '+', D, '£', 'µ', 'M', '%', '.', '/', '§']),
    BracketLeft: [D, D],
    IntlBackslash: ['<', '>'],
    ...SPACE,
  },
  de: {
    ...letters({ Y: 'Z', Z: 'Y' }),
    ...row(DIGITS, '1234567890', [...'!"§$%&/()=']),
    ...row(PUNCTUATION, 'XßX' + 'ü+#öä,.-', ['°', '?', D, 'Ü', '*', "'", 'Ö', 'Ä', ';', ':', '_']),
    Backquote: [D, '°'],
    Equal: [D, D],
    IntlBackslash: ['<', '>'],
    ...SPACE,
  },
};

export interface KeyLike {
  readonly key: string;
  readonly code: string;
  readonly timeStamp: number;
  /** When the event carries it; otherwise the level is inferred from the layout tables. */
  readonly shiftKey?: boolean;
}

/** Which shift level produced `key` on `layout`, or null when this layout cannot have produced it. */
function levelOn(layout: LayoutTable, event: KeyLike): 0 | 1 | null {
  const levels = layout[event.code];
  if (levels === undefined) return null;
  if (event.shiftKey !== undefined && levels[event.shiftKey ? 1 : 0] === event.key) return event.shiftKey ? 1 : 0;
  if (levels[0] === event.key) return 0;
  if (levels[1] === event.key) return 1;
  return null;
}

/**
 * The character a US-layout keyboard would have typed for this key press, trying the OS layouts
 * in order (the first that could have produced `key` decides the shift level). Falls back to the
 * event's shift flag or the case of `key` (a composed character after a dead key), then to `key`.
 */
export function usCharacterFor(event: KeyLike, osLayouts: readonly LayoutName[]): string {
  const us = LAYOUTS.us[event.code];
  if (us === undefined) return event.key.length === 1 ? event.key : '';
  for (const name of osLayouts) {
    const level = levelOn(LAYOUTS[name], event);
    if (level !== null) return us[level];
  }
  const shifted = event.shiftKey ?? (event.key.length === 1 && event.key !== event.key.toLowerCase());
  return us[shifted ? 1 : 0];
}

/**
 * The US text of a whole burst. The OS layout is the first of `osLayouts` that could have produced
 * every key (a scanner's burst is typed through one layout); when none fits all keys (dead-key
 * compositions), each key is recovered on its own. Keys whose `code` is unknown keep their `key`.
 */
export function recoverUsText(keys: readonly KeyLike[], osLayouts: readonly LayoutName[]): { text: string; layout: LayoutName | null } {
  const layout = osLayouts.find((name) => keys.every((k) => LAYOUTS.us[k.code] === undefined || levelOn(LAYOUTS[name], k) !== null)) ?? null;
  const text = keys.map((k) => usCharacterFor(k, layout === null ? osLayouts : [layout])).join('');
  return { text, layout };
}
