import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEscPosParser, decodeEscPos, type PaperLine } from '../../src/sim/index.js';
import { qrFromPaper } from './paper-view.js';

/**
 * The escpos-php golden streams (shared/data/escpos-golden, see its README), checked against what
 * their authors say they contain. hardware/test/escpos-parser.test.ts already checks that each
 * stream survives any split and a few known strings; this file asserts whole lines and symbols.
 */

const GOLDEN_DIR = new URL('../../../../shared/data/escpos-golden/', import.meta.url);
const golden = (name: string): Buffer => readFileSync(new URL(name, GOLDEN_DIR));
const GOLDEN_FILES = readdirSync(GOLDEN_DIR).filter((name) => name.endsWith('.bin'));
/** Streams that select code pages on purpose that no kiosk printer profile uses. */
const CODE_PAGE_TOURS = new Set(['character-encodings.bin', 'character-tables.bin']);

const textLines = (lines: readonly PaperLine[]): string[] =>
  lines.filter((line): line is Extract<PaperLine, { kind: 'text' }> => line.kind === 'text').map((line) => line.text);

describe('every escpos-php golden stream decodes without error', () => {
  for (const name of GOLDEN_FILES) {
    it(`${name}: every byte understood, nothing left waiting, receipts end at cuts`, () => {
      const bytes = golden(name);
      const parser = createEscPosParser();
      parser.push(bytes);
      expect(parser.pendingBytes()).toBe(0);
      const decoded = decodeEscPos(bytes);
      expect(decoded.unknownCommands).toBe(0);
      if (!CODE_PAGE_TOURS.has(name)) expect(decoded.unsupportedCodePages).toEqual([]);
      expect(decoded.receipts.length).toBeGreaterThan(0);
      // Only the last receipt may be uncut (content after the final cut, as escpos-php ends).
      expect(decoded.receipts.slice(0, -1).every((receipt) => receipt.cut)).toBe(true);
    });
  }
});

describe('character-encodings.bin: the pangrams come back exactly', () => {
  const decoded = decodeEscPos(golden('character-encodings.bin'));
  const lines = decoded.receipts.flatMap((receipt) => textLines(receipt.lines));
  /** The line printed under a language's heading ("Spanish:"). */
  const pangramOf = (language: string): string | undefined => lines[lines.indexOf(`${language}:`) + 1];

  // The three named in the data README, and the others whose code pages (PC437, PC850, PC858,
  // Windows-1252) the emulator decodes. Each is the whole line, character for character.
  const EXACT: Record<string, string> = {
    Spanish: 'El pingüino Wenceslao hizo kilómetros bajo exhaustiva lluvia y frío, añoraba a su querido cachorro.',
    French:
      "Le cœur déçu mais l'âme plutôt naïve, Louÿs rêva de crapaüter en canoë au delà des îles, près du mälström où brûlent les novæ.",
    German: 'Falsches Üben von Xylophonmusik quält jeden größeren Zwerg.',
    Danish: 'Quizdeltagerne spiste jordbær med fløde, mens cirkusklovnen Wolther spillede på xylofon.',
    English: 'The quick brown fox jumps over the lazy dog.',
    'Irish Gaelic': "D'fhuascail Íosa, Úrmhac na hÓighe Beannaithe, pór Éava agus Ádhaimh.",
    Icelandic: 'Kæmi ný öxi hér ykist þjófum nú bæði víl og ádrepa.',
  };
  for (const [language, pangram] of Object.entries(EXACT)) {
    it(`${language}`, () => {
      expect(pangramOf(language)).toBe(pangram);
    });
  }

  it('shows U+FFFD, never a wrong letter, for the code pages it does not carry, and names them', () => {
    // Greek PC737 (14), Central European PC852 (18), Cyrillic PC866 (17), Turkish PC857 (13),
    // Katakana (1), Vietnamese (30), Baltic (33)...: none of them is a kiosk code page.
    for (const language of ['Greek', 'Hungarian', 'Latvian', 'Polish', 'Russian', 'Turkish', 'Vietnamese']) {
      expect(pangramOf(language)).toContain('\ufffd');
    }
    expect(decoded.unsupportedCodePages).toEqual(expect.arrayContaining([13, 14, 17, 18]));
    // The supported pages never report themselves as unsupported.
    for (const page of [0, 2, 16, 19]) expect(decoded.unsupportedCodePages).not.toContain(page);
  });
});

describe('qr-code.bin: every QR symbol decodes to its text, with the settings its caption names', () => {
  const decoded = decodeEscPos(golden('qr-code.bin'));
  const lines = decoded.receipts.flatMap((receipt) => receipt.lines);
  // escpos-php prints each symbol first and its caption on the next printed line.
  const symbols: { caption: string; line: Extract<PaperLine, { kind: 'qr' }> }[] = [];
  let waiting: Extract<PaperLine, { kind: 'qr' }> | null = null;
  for (const line of lines) {
    if (line.kind === 'qr') waiting = line;
    if (line.kind === 'text' && line.text.trim() !== '' && waiting !== null) {
      symbols.push({ caption: line.text.trim(), line: waiting });
      waiting = null;
    }
  }
  const expectedText = (caption: string): string =>
    caption === 'Numeric'
      ? '0123456789012345678901234567890123456789'
      : caption === 'Alphanumeric'
        ? 'abcdefghijklmnopqrstuvwxyzabcdefghijklmn'
        : caption === 'Binary'
          ? '\0'.repeat(40)
          : 'Testing 123';

  it('finds the 19 captioned symbols of the tour (plain, centred, 3 encodings, 4 levels, 7 sizes, 3 models)', () => {
    expect(symbols).toHaveLength(19);
  });

  it('stores each payload exactly and draws a symbol that @zxing/library reads back the same', () => {
    for (const { caption, line } of symbols) {
      expect({ caption, payload: line.payload }).toEqual({ caption, payload: expectedText(caption) });
      expect({ caption, read: qrFromPaper([line]) }).toEqual({ caption, read: expectedText(caption) });
    }
  });

  it('applies the error correction, module size and alignment each caption announces', () => {
    for (const { caption, line } of symbols) {
      const level = /^Error correction ([LMQH])$/.exec(caption)?.[1];
      if (level !== undefined) expect({ caption, level: line.errorLevel }).toEqual({ caption, level });
      const size = /^Pixel size (\d+)/.exec(caption)?.[1];
      if (size !== undefined) expect({ caption, size: line.moduleSize }).toEqual({ caption, size: Number(size) });
    }
    expect(symbols.find((s) => s.caption === 'Same example, centred')?.line.align).toBe('center');
    expect(symbols.find((s) => s.caption === 'Most simple example')?.line.align).toBe('left');
  });
});
