import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  createNetworkPrinter,
  DEFAULT_PRINTER_PROFILE,
  layoutReceiptPng,
  PROFILE_58MM_203DPI,
  PROFILE_80MM_180DPI,
} from '../src/index.js';
import { renderPaperPng, type PaperLine } from '../src/sim/index.js';
import { decodeEscPos } from '../src/sim/index.js';
import { glyphRows, GLYPH_HEIGHT, GLYPH_WIDTH } from '../src/printer/bitmap-font.js';
import { nextReceipt, sampleReceipt, TEST_PROFILE, withEmulator } from './fixtures.js';
import { decodeQrPng, pngDots } from './png-helpers.js';

const GOLDEN_DIR = new URL('../../../shared/data/escpos-golden/', import.meta.url);
const golden = (name: string): Buffer => readFileSync(new URL(name, GOLDEN_DIR));

const text = (value: string, extra: Partial<Extract<PaperLine, { kind: 'text' }>> = {}): PaperLine => ({
  kind: 'text',
  text: value,
  align: 'left',
  bold: false,
  widthMultiplier: 1,
  heightMultiplier: 1,
  ...extra,
});

describe('emulator PNG rendering', () => {
  it('round trip: receipt -> ESC/POS -> TCP -> emulator -> PNG over HTTP -> QR decodes to the payload', async () => {
    await withEmulator(async (emulator) => {
      const receipt = sampleReceipt();
      const printer = createNetworkPrinter({ host: emulator.host, port: emulator.port, profile: TEST_PROFILE });
      const printed = nextReceipt(emulator);
      expect((await printer.print(receipt)).state).toBe('printed');
      const { id } = await printed;
      const list = (await (await fetch(`http://${emulator.host}:${emulator.httpPort}/receipts`)).json()) as Array<{ id: string; pngUrl: string; time: string }>;
      const entry = list.find((r) => r.id === id);
      expect(entry?.pngUrl).toBe(`/receipts/${id}.png`);
      const response = await fetch(`http://${emulator.host}:${emulator.httpPort}${entry?.pngUrl ?? ''}`);
      expect(response.headers.get('content-type')).toBe('image/png');
      const png = Buffer.from(await response.arrayBuffer());
      expect(pngDots(png).width).toBe(576);
      expect(decodeQrPng(png)).toBe(receipt.qrPayload);
      const page = await (await fetch(`http://${emulator.host}:${emulator.httpPort}/`)).text();
      expect(page).toContain(`<img class="paper" src="/receipts/${id}.png"`);
      expect((await fetch(`http://${emulator.host}:${emulator.httpPort}/receipts/999.png`)).status).toBe(404);
      await printer.close();
    });
  });

  it('draws every QR symbol of escpos-php qr-code.bin so that ZXing reads its text back', () => {
    const qrLines = decodeEscPos(golden('qr-code.bin')).receipts.flatMap((r) => r.lines).filter((l) => l.kind === 'qr');
    expect(qrLines.length).toBeGreaterThanOrEqual(15);
    for (const line of qrLines) {
      expect({ payload: line.payload, read: decodeQrPng(renderPaperPng([line], DEFAULT_PRINTER_PROFILE)) }).toEqual({
        payload: line.payload,
        read: line.payload,
      });
    }
  });

  it('draws GS v 0 and GS ( L images dot for dot: both escpos-php encodings of one image match', () => {
    const images = (name: string): Extract<PaperLine, { kind: 'image' }>[] =>
      decodeEscPos(golden(name)).receipts.flatMap((r) => r.lines).filter((l) => l.kind === 'image');
    const bitImages = images('bit-image.bin');
    const graphics = images('graphics.bin');
    expect(bitImages).toHaveLength(4);
    expect(graphics).toHaveLength(4);
    bitImages.forEach((bitImage, i) => {
      const a = renderPaperPng([bitImage], DEFAULT_PRINTER_PROFILE);
      const b = renderPaperPng([{ ...(graphics[i] as typeof bitImage) }], DEFAULT_PRINTER_PROFILE);
      expect(a.equals(b)).toBe(true);
    });
    // The raster's own bits, checked at every dot of the unscaled image.
    const first = bitImages[0];
    const raster = first?.raster;
    if (first === undefined || raster === undefined) throw new Error('bit-image.bin has no drawable image');
    const dots = pngDots(renderPaperPng([{ ...first, align: 'left' }], DEFAULT_PRINTER_PROFILE));
    const top = (dots.inkBox()?.top ?? 0) - firstInkRow(raster);
    let mismatches = 0;
    for (let y = 0; y < raster.height; y += 1) {
      for (let x = 0; x < raster.widthBytes * 8; x += 1) {
        const bit = ((raster.data[y * raster.widthBytes + (x >> 3)] ?? 0) >> (7 - (x & 7))) & 1;
        if ((bit === 1) !== dots.isBlack(x, top + y)) mismatches += 1;
      }
    }
    expect(mismatches).toBe(0);
    // Double width and height (mode 3) doubles the drawn size.
    const single = pngDots(renderPaperPng([bitImages[0] as typeof first], DEFAULT_PRINTER_PROFILE)).inkBox();
    const double = pngDots(renderPaperPng([bitImages[3] as typeof first], DEFAULT_PRINTER_PROFILE)).inkBox();
    if (single === null || double === null) throw new Error('blank image');
    expect(double.bottom - double.top + 1).toBe(2 * (single.bottom - single.top + 1));
    expect(double.right - double.left + 1).toBe(2 * (single.right - single.left + 1));
  });

  it('draws text with the bitmap font: accented glyphs as in the font, GS ! doubling the cell', () => {
    const profile = DEFAULT_PRINTER_PROFILE;
    const dots = pngDots(renderPaperPng([text('ñ€¿')], profile));
    const box = dots.inkBox();
    if (box === null) throw new Error('nothing drawn');
    // Find the text's top row: the first glyph row with ink, then compare every dot of each glyph.
    const glyphTop = box.top - Math.min(...['ñ', '€', '¿'].map((c) => firstInkRowOfGlyph(c)));
    ['ñ', '€', '¿'].forEach((char, i) => {
      const rows = glyphRows(char.codePointAt(0) ?? 0) ?? [];
      for (let y = 0; y < GLYPH_HEIGHT; y += 1) {
        for (let x = 0; x < GLYPH_WIDTH; x += 1) {
          const inFont = (((rows[y] ?? 0) >> (GLYPH_WIDTH - 1 - x)) & 1) === 1;
          expect(dots.isBlack(i * GLYPH_WIDTH + x, glyphTop + y)).toBe(inFont);
        }
      }
    });
    const normal = pngDots(renderPaperPng([text('K7QM')], profile)).inkBox();
    const large = pngDots(renderPaperPng([text('K7QM', { widthMultiplier: 2, heightMultiplier: 2 })], profile)).inkBox();
    if (normal === null || large === null) throw new Error('nothing drawn');
    expect(large.right - large.left + 1).toBeGreaterThanOrEqual(2 * (normal.right - normal.left + 1) - 1);
    expect(large.bottom - large.top + 1).toBe(2 * (normal.bottom - normal.top + 1));
  });

  it('layoutReceiptPng: the same layout at each profile width, with a readable QR', () => {
    for (const [profile, width] of [
      [DEFAULT_PRINTER_PROFILE, 576],
      [PROFILE_80MM_180DPI, 512],
      [PROFILE_58MM_203DPI, 384],
    ] as const) {
      const png = layoutReceiptPng(sampleReceipt(), profile);
      expect(pngDots(png).width).toBe(width);
      expect(decodeQrPng(png)).toBe(sampleReceipt().qrPayload);
    }
  });
});

function firstInkRow(raster: { widthBytes: number; height: number; data: Buffer }): number {
  for (let y = 0; y < raster.height; y += 1) {
    if (raster.data.subarray(y * raster.widthBytes, (y + 1) * raster.widthBytes).some((b) => b !== 0)) return y;
  }
  return 0;
}

function firstInkRowOfGlyph(char: string): number {
  const rows = glyphRows(char.codePointAt(0) ?? 0) ?? [];
  const index = rows.findIndex((row) => row !== 0);
  return index < 0 ? GLYPH_HEIGHT : index;
}
