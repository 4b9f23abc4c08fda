import { describe, expect, it } from 'vitest';
import { createEscPosParser, decodeEscPos } from '../../src/sim/index.js';

/** The commands the other libraries revealed the emulator lacked: print positions and GS 8 L. */

const ESC = 0x1b;
const GS = 0x1d;
const text = (s: string): Buffer => Buffer.from(s, 'latin1');
const bytes = (...parts: (number[] | Buffer)[]): Buffer => Buffer.concat(parts.map((p) => (Buffer.isBuffer(p) ? p : Buffer.from(p))));

describe('print position commands (ESC $, ESC \\)', () => {
  it('moves right by whole Font A cells (12 dots), from the line start or from here', () => {
    const line = decodeEscPos(bytes(text('Taxa'), [ESC, 0x24, (12 * 40) & 0xff, (12 * 40) >> 8], text('5,00'), [ESC, 0x5c, 24, 0], text('EUR'), [0x0a]));
    expect(line.receipts[0]?.text).toBe(`Taxa${' '.repeat(36)}5,00  EUR`);
  });

  it('ignores a move to the left (a text line cannot overprint) and reads ESC \\ as signed', () => {
    const line = decodeEscPos(bytes(text('abcdef'), [ESC, 0x5c, 0xe8, 0xff], text('g'), [ESC, 0x24, 12, 0], text('h'), [0x0a]));
    expect(line.receipts[0]?.text).toBe('abcdefgh');
  });

  it('counts padding in the cells of the style the text is printed in', () => {
    // 4 blanks at 1x = 48 dots = 2 cells at double width; the line takes the title's style.
    const decoded = decodeEscPos(bytes(text('    '), [ESC, 0x45, 1, GS, 0x21, 0x11], text('Title'), [0x0a]));
    expect(decoded.receipts[0]?.lines[0]).toMatchObject({ text: '  Title', bold: true, widthMultiplier: 2, heightMultiplier: 2 });
  });

  it('parses across any split of the stream', () => {
    const stream = bytes([ESC, 0x24, 0x30, 0x00, ESC, 0x5c, 0x10, 0x00]);
    const parser = createEscPosParser();
    const commands = [...stream].flatMap((byte) => parser.push(Buffer.from([byte])));
    expect(commands).toEqual([
      { kind: 'position', from: 'line-start', dots: 48 },
      { kind: 'position', from: 'current', dots: 16 },
    ]);
  });
});

describe('GS 8 L graphics (GS ( L with a 4-byte length)', () => {
  it('draws fn 112 monochrome graphics and skips the other functions by their length', () => {
    // 8 x 2 dots: one byte per row.
    const body = [0x30, 0x70, 0x30, 1, 1, 0x31, 8, 0, 2, 0, 0xff, 0x81];
    const store = bytes([GS, 0x38, 0x4c, body.length, 0, 0, 0], body);
    const setting = bytes([GS, 0x38, 0x4c, 3, 0, 0, 0, 0x30, 0x45, 0x41]);
    const decoded = decodeEscPos(bytes(setting, store, text('after'), [0x0a]));
    expect(decoded.unknownCommands).toBe(0);
    const image = decoded.receipts[0]?.lines[0];
    expect(image).toMatchObject({ kind: 'image', command: 'GS 8 L', raster: { widthBytes: 1, height: 2 } });
    expect(image?.kind === 'image' ? [...(image.raster?.data ?? [])] : []).toEqual([0xff, 0x81]);
    expect(decoded.receipts[0]?.text).toBe('after');
  });
});
