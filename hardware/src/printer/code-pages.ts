/**
 * Printer code pages: which `ESC t n` number selects which table, and the upper half (0x80-0xFF)
 * of each table as Unicode. The lower half is ASCII on every page we support.
 *
 * Written out here (not taken from iconv) so that the emulator's decoder is an independent check
 * of the bytes node-thermal-printer encodes. Tables checked against the IBM/Microsoft definitions.
 */

/** Code page names as node-thermal-printer spells them (its `CharacterSet`). */
export type CodePageName = 'PC437_USA' | 'PC850_MULTILINGUAL' | 'PC858_EURO' | 'WPC1252';

const PC437_HIGH =
  '\u00c7\u00fc\u00e9\u00e2\u00e4\u00e0\u00e5\u00e7\u00ea\u00eb\u00e8\u00ef\u00ee\u00ec\u00c4\u00c5' +
  '\u00c9\u00e6\u00c6\u00f4\u00f6\u00f2\u00fb\u00f9\u00ff\u00d6\u00dc\u00a2\u00a3\u00a5\u20a7\u0192' +
  '\u00e1\u00ed\u00f3\u00fa\u00f1\u00d1\u00aa\u00ba\u00bf\u2310\u00ac\u00bd\u00bc\u00a1\u00ab\u00bb' +
  '\u2591\u2592\u2593\u2502\u2524\u2561\u2562\u2556\u2555\u2563\u2551\u2557\u255d\u255c\u255b\u2510' +
  '\u2514\u2534\u252c\u251c\u2500\u253c\u255e\u255f\u255a\u2554\u2569\u2566\u2560\u2550\u256c\u2567' +
  '\u2568\u2564\u2565\u2559\u2558\u2552\u2553\u256b\u256a\u2518\u250c\u2588\u2584\u258c\u2590\u2580' +
  '\u03b1\u00df\u0393\u03c0\u03a3\u03c3\u00b5\u03c4\u03a6\u0398\u03a9\u03b4\u221e\u03c6\u03b5\u2229' +
  '\u2261\u00b1\u2265\u2264\u2320\u2321\u00f7\u2248\u00b0\u2219\u00b7\u221a\u207f\u00b2\u25a0\u00a0';

const PC858_HIGH =
  '\u00c7\u00fc\u00e9\u00e2\u00e4\u00e0\u00e5\u00e7\u00ea\u00eb\u00e8\u00ef\u00ee\u00ec\u00c4\u00c5' +
  '\u00c9\u00e6\u00c6\u00f4\u00f6\u00f2\u00fb\u00f9\u00ff\u00d6\u00dc\u00f8\u00a3\u00d8\u00d7\u0192' +
  '\u00e1\u00ed\u00f3\u00fa\u00f1\u00d1\u00aa\u00ba\u00bf\u00ae\u00ac\u00bd\u00bc\u00a1\u00ab\u00bb' +
  '\u2591\u2592\u2593\u2502\u2524\u00c1\u00c2\u00c0\u00a9\u2563\u2551\u2557\u255d\u00a2\u00a5\u2510' +
  '\u2514\u2534\u252c\u251c\u2500\u253c\u00e3\u00c3\u255a\u2554\u2569\u2566\u2560\u2550\u256c\u00a4' +
  '\u00f0\u00d0\u00ca\u00cb\u00c8\u20ac\u00cd\u00ce\u00cf\u2518\u250c\u2588\u2584\u00a6\u00cc\u2580' +
  '\u00d3\u00df\u00d4\u00d2\u00f5\u00d5\u00b5\u00fe\u00de\u00da\u00db\u00d9\u00fd\u00dd\u00af\u00b4' +
  '\u00ad\u00b1\u2017\u00be\u00b6\u00a7\u00f7\u00b8\u00b0\u00a8\u00b7\u00b9\u00b3\u00b2\u25a0\u00a0';

/** PC850 is PC858 before the euro: 0xD5 was a dotless i. */
const PC850_HIGH = PC858_HIGH.slice(0, 0x55) + '\u0131' + PC858_HIGH.slice(0x56);

/** 0x81, 0x8D, 0x8F, 0x90 and 0x9D are unassigned in Windows-1252. */
const WPC1252_HIGH =
  '\u20ac\ufffd\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\ufffd\u017d\ufffd' +
  '\ufffd\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\ufffd\u017e\u0178' +
  Array.from({ length: 0x60 }, (_, i) => String.fromCharCode(0xa0 + i)).join('');

interface CodePage {
  readonly name: CodePageName;
  /** The `n` of `ESC t n` on Epson-compatible printers. */
  readonly escTNumber: number;
  readonly high: string;
}

export const CODE_PAGES: Readonly<Record<CodePageName, CodePage>> = {
  PC437_USA: { name: 'PC437_USA', escTNumber: 0, high: PC437_HIGH },
  PC850_MULTILINGUAL: { name: 'PC850_MULTILINGUAL', escTNumber: 2, high: PC850_HIGH },
  WPC1252: { name: 'WPC1252', escTNumber: 16, high: WPC1252_HIGH },
  PC858_EURO: { name: 'PC858_EURO', escTNumber: 19, high: PC858_HIGH },
};

/** What a printer selects after power-on or `ESC @`. */
export const POWER_ON_CODE_PAGE: CodePageName = 'PC437_USA';

export function codePageForEscT(n: number): CodePageName | null {
  for (const page of Object.values(CODE_PAGES)) if (page.escTNumber === n) return page.name;
  return null;
}

export const UNDECODABLE = '\ufffd';

/** Decodes one printable byte (0x20-0xFF) as `page` prints it. */
export function decodeByte(page: CodePageName | null, byte: number): string {
  if (byte < 0x80) return String.fromCharCode(byte);
  if (page === null) return UNDECODABLE;
  return CODE_PAGES[page].high.charAt(byte - 0x80) || UNDECODABLE;
}

/** Whether `char` prints on `page` without the byte builder switching pages behind our back. */
export function canEncode(page: CodePageName, char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  if (code >= 0x20 && code < 0x7f) return true;
  return char !== UNDECODABLE && CODE_PAGES[page].high.includes(char);
}

/** Replaces characters `page` cannot print, so a receipt never hops code pages mid-line. */
export function toPrintable(page: CodePageName, text: string, replacement = '?'): string {
  let out = '';
  for (const char of text) out += canEncode(page, char) ? char : replacement;
  return out;
}
