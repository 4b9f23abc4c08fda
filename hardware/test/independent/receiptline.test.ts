import receiptline from 'receiptline';
import { describe, expect, it } from 'vitest';
import { decodeEscPos } from '../../src/sim/index.js';
import { DOCUMENTS, type SampleDocument } from './documents.js';
import { columnView, COLUMNS, printedText, qrFromPaper } from './paper-view.js';

/**
 * Receipts written in ReceiptLine markup, turned into ESC/POS by receiptline, must decode in our
 * emulator to exactly the text receiptline says it printed: the same library's `text` output.
 * receiptline places columns with `ESC $` / `ESC \` (print position in dots) and draws QR codes
 * itself as `GS 8 L` raster graphics, so the payload can only come back by drawing the paper and
 * reading the symbol with @zxing/library.
 */

const PRINTER = { cpl: COLUMNS, encoding: 'multilingual' } as const;

/**
 * ReceiptLine markup: `^^^` 2x size, `"` bold, `|text|` left, `text|` right, `a | b` two columns.
 * No `=` (cut) at the end: receiptline cuts after the document by itself, so a trailing `=` would
 * print an extra blank slip (its quirk, not ours).
 */
const markup = (doc: SampleDocument): string =>
  [
    `^^^"${doc.title}"`,
    ...doc.body.map((line) => `|${line}|`),
    doc.centred,
    `Importe | ${doc.right}`,
    `{code:${doc.qr}; option:qrcode,6,m}`,
    'Fin|',
  ].join('\n');

const escpos = (doc: string): Buffer => Buffer.from(receiptline.transform(doc, { ...PRINTER, command: 'escpos' }), 'latin1');
/** What receiptline says it printed: its plain-text rendering of the same document. */
const saidPrinted = (doc: string): string[] =>
  receiptline
    .transform(doc, { ...PRINTER, command: 'text' })
    .split('\n')
    .map((line) => line.trimEnd());

const dropTrailingBlanks = (lines: string[]): string[] => {
  const out = [...lines];
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
};

describe('receipts from receiptline decode in the emulator', () => {
  for (const doc of DOCUMENTS) {
    describe(doc.name, () => {
      const source = markup(doc);
      const decoded = decodeEscPos(escpos(source));
      const receipt = decoded.receipts[0];

      it('uses only commands and code pages the emulator knows, and is cut once', () => {
        expect(decoded.unknownCommands).toBe(0);
        expect(decoded.unsupportedCodePages).toEqual([]);
        expect(decoded.receipts.map((r) => r.cut)).toEqual([true]);
      });

      it('prints exactly the lines receiptline says it printed, column for column', () => {
        // The text rendering shows the QR code as nothing and ends with a blank feed line.
        expect(dropTrailingBlanks(columnView(receipt?.lines ?? []))).toEqual(dropTrailingBlanks(saidPrinted(source)));
      });

      it('keeps the styles: bold double-size title, plain body', () => {
        const [title, ...rest] = printedText(receipt?.lines ?? []);
        expect(title).toMatchObject({ text: expect.stringContaining(doc.title), bold: true, widthMultiplier: 2, heightMultiplier: 2 });
        expect(rest.every((line) => !line.bold && line.widthMultiplier === 1)).toBe(true);
      });

      it('draws its raster QR code so that a decoder reads back the payload', () => {
        expect(receipt?.lines.some((line) => line.kind === 'image' && line.command === 'GS 8 L' && line.raster !== undefined)).toBe(true);
        expect(qrFromPaper(receipt?.lines ?? [])).toBe(doc.qr);
      });
    });
  }

  it('splits receipts at each cut (`=` inside the document, then its own final cut)', () => {
    const decoded = decodeEscPos(escpos('Primer rebut\n=\nSegon rebut: ç·ñ'));
    expect(decoded.receipts.map((r) => [r.text.trim(), r.cut])).toEqual([
      ['Primer rebut', true],
      ['Segon rebut: ç·ñ', true],
    ]);
  });
});
