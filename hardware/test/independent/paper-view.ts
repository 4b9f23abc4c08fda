import { PROFILE_80MM_203DPI } from '../../src/index.js';
import { renderPaperPng, type PaperLine } from '../../src/sim/index.js';
import { decodeQrPng } from '../png-helpers.js';

/** Ways to look at decoded paper that match how other libraries describe what they printed. */

type TextLine = Extract<PaperLine, { kind: 'text' }>;

const isText = (line: PaperLine): line is TextLine => line.kind === 'text';

/**
 * The text lines as printed columns: a double-width character takes two columns, shown as the
 * character and a blank (how receiptline's own `text` output shows it). Trailing blanks dropped.
 */
export function columnView(lines: readonly PaperLine[]): string[] {
  return lines.filter(isText).map((line) => [...line.text].map((char) => char.padEnd(line.widthMultiplier, ' ')).join('').trimEnd());
}

/** Runs of whitespace (padding, wrapping) collapsed to one blank, ends trimmed. */
export const normaliseSpace = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** The text lines that carry something, for comparisons where a library adds blank feeds. */
export function printedText(lines: readonly PaperLine[]): TextLine[] {
  return lines.filter(isText).filter((line) => line.text.trim() !== '');
}

/** The receipt drawn by the emulator (80 mm, 203 dpi) and its QR code read back by @zxing/library. */
export function qrFromPaper(lines: readonly PaperLine[]): string | null {
  return decodeQrPng(renderPaperPng(lines, PROFILE_80MM_203DPI));
}

/** Columns a profile line holds at 1x; both libraries are told the same. */
export const COLUMNS = 48;
