import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import { describe, expect, it } from 'vitest';
import { decodeEscPos } from '../../src/sim/index.js';
import { DOCUMENTS, type SampleDocument } from './documents.js';
import { columnView, COLUMNS, normaliseSpace, printedText, qrFromPaper } from './paper-view.js';

/**
 * Receipts encoded by @point-of-sale/receipt-printer-encoder (Epson mapping, PC858, 48 columns)
 * must decode in our emulator to the text it was given. The library does its own layout: it wraps
 * at 48 columns and pads lines with spaces to align them (ESC a is only sent before the QR code),
 * so text is compared whitespace-normalised and alignment is checked by where the text sits.
 */

const encoder = () => new ReceiptPrinterEncoder({ language: 'esc-pos', codepageMapping: 'epson', columns: COLUMNS });

function encode(doc: SampleDocument): Buffer {
  let e = encoder().initialize().codepage('cp858').align('center').bold(true).size(2, 2).line(doc.title).size(1, 1).bold(false);
  e = e.align('left');
  for (const line of doc.body) e = e.line(line);
  e = e.align('center').line(doc.centred).align('right').line(doc.right);
  e = e.align('center').qrcode(doc.qr, { model: 2, size: 6, errorlevel: 'm' });
  return Buffer.from(e.cut().encode());
}

describe('receipts from @point-of-sale/receipt-printer-encoder decode in the emulator', () => {
  for (const doc of DOCUMENTS) {
    describe(doc.name, () => {
      const decoded = decodeEscPos(encode(doc));
      const receipt = decoded.receipts[0];

      it('uses only commands and code pages the emulator knows, and ends with a cut', () => {
        expect(decoded.unknownCommands).toBe(0);
        expect(decoded.unsupportedCodePages).toEqual([]);
        expect(receipt?.cut).toBe(true);
        // Library quirk: it sends its newline (LF CR) after the cut too, so one blank line
        // starts the next receipt. Nothing else may follow.
        const after = decoded.receipts.slice(1);
        expect(after.length).toBeLessThanOrEqual(1);
        expect(after.every((r) => !r.cut && r.text.trim() === '' && r.qrPayloads.length === 0)).toBe(true);
      });

      it('gives back every character of the text, in order', () => {
        const lines = printedText(receipt?.lines ?? []);
        const expected = [doc.title, ...doc.body, doc.centred, doc.right];
        expect(normaliseSpace(lines.map((l) => l.text).join(' '))).toBe(normaliseSpace(expected.join(' ')));
      });

      it('keeps the title bold and double size, centred by padding', () => {
        const title = printedText(receipt?.lines ?? [])[0];
        expect(title).toMatchObject({ bold: true, widthMultiplier: 2, heightMultiplier: 2 });
        const view = columnView([title!])[0] ?? '';
        const left = view.length - view.trimStart().length;
        const right = COLUMNS - view.length;
        expect(Math.abs(left - right)).toBeLessThanOrEqual(1);
      });

      it('wraps within the paper and aligns the centred and right lines by padding', () => {
        const views = columnView(printedText(receipt?.lines ?? []));
        for (const view of views) expect(view.length).toBeLessThanOrEqual(COLUMNS);
        const right = views.find((v) => v.trim() === doc.right) ?? '';
        expect(right.length).toBe(COLUMNS);
        const centred = views.find((v) => v.trim() === doc.centred) ?? '';
        const left = centred.length - centred.trimStart().length;
        expect(Math.abs(left - (COLUMNS - centred.length))).toBeLessThanOrEqual(1);
        // Body text is not bold: the title's style did not leak.
        expect(printedText(receipt?.lines ?? []).slice(1).every((l) => !l.bold && l.widthMultiplier === 1)).toBe(true);
      });

      it('prints the QR code with its payload, centred, and draws it so a decoder reads it back', () => {
        expect(receipt?.qrPayloads).toEqual([doc.qr]);
        expect(receipt?.lines.find((l) => l.kind === 'qr')).toMatchObject({ align: 'center', moduleSize: 6, errorLevel: 'M' });
        expect(qrFromPaper(receipt?.lines ?? [])).toBe(doc.qr);
      });
    });
  }
});
