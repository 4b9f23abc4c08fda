import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEscPosParser, decodeEscPos } from '../src/sim/index.js';

const GOLDEN_DIR = new URL('../../../shared/data/escpos-golden/', import.meta.url);
const golden = (name: string): Buffer => readFileSync(new URL(name, GOLDEN_DIR));
const goldenFiles = readdirSync(GOLDEN_DIR).filter((name) => name.endsWith('.bin'));

describe('ESC/POS parser on escpos-php golden streams', () => {
  it('finds the twelve files', () => {
    expect(goldenFiles).toHaveLength(12);
  });

  it('decodes the QR payloads of qr-code.bin', () => {
    const payloads = decodeEscPos(golden('qr-code.bin')).receipts.flatMap((r) => r.qrPayloads);
    expect(payloads[0]).toBe('Testing 123');
    expect(payloads[1]).toBe('Testing 123');
    expect(payloads).toContain('0123456789012345678901234567890123456789');
    expect(payloads).toContain('abcdefghijklmnopqrstuvwxyzabcdefghijklmn');
    expect(payloads).toContain('\0'.repeat(40));
  });

  it('decodes text, styles and cuts of demo.bin', () => {
    const decoded = decodeEscPos(golden('demo.bin'));
    expect(decoded.receipts[0]?.text).toBe('Hello world');
    expect(decoded.receipts[0]?.cut).toBe(true);
    const all = decoded.receipts.map((r) => r.text).join('\n');
    expect(all).toContain('ABCDEFGHIJabcdefghijk');
    expect(decoded.receipts.filter((r) => r.cut).length).toBeGreaterThan(3);
  });

  it('decodes the Spanish and German pangrams of character-encodings.bin (PC437/PC850)', () => {
    const text = decodeEscPos(golden('character-encodings.bin')).receipts.map((r) => r.text).join('\n');
    expect(text).toContain('El pingüino Wenceslao hizo kilómetros bajo exhaustiva lluvia y frío, añoraba a su querido cachorro.');
    expect(text).toContain('Falsches Üben von Xylophonmusik quält jeden größeren Zwerg.');
  });

  it('decodes the French pangram, switched to Windows-1252', () => {
    const text = decodeEscPos(golden('character-encodings.bin')).receipts.map((r) => r.text).join('\n');
    expect(text).toContain('Le c');
    expect(text).toContain('déçu mais l\'âme plutôt naïve');
  });

  for (const name of goldenFiles) {
    it(`survives ${name} whole and split into 1..7-byte chunks, with the same result`, () => {
      const bytes = golden(name);
      const whole = createEscPosParser().push(bytes);
      const parser = createEscPosParser();
      const pieces = [];
      for (let at = 0, size = 1; at < bytes.length; at += size, size = (size % 7) + 1) {
        pieces.push(...parser.push(bytes.subarray(at, at + size)));
      }
      expect(parser.pendingBytes()).toBe(0);
      // Text runs may split differently; everything else must match command for command.
      const shape = (cmds: typeof whole) =>
        cmds.map((c) => (c.kind === 'text' ? c.bytes.toString('latin1') : JSON.stringify(c))).join('').replace(/"text"/g, '');
      expect(shape(pieces)).toBe(shape(whole));
    });
  }

  it('skips raster images by their length: text after a big image still decodes', () => {
    const text = decodeEscPos(golden('bit-image.bin')).receipts.map((r) => r.text).join('\n');
    expect(text.length).toBeGreaterThan(0);
    expect(text).not.toMatch(/[\u2580-\u259f]{20}/);
  });

  it('counts garbage as unknown commands and keeps going', () => {
    const decoded = decodeEscPos(Buffer.concat([Buffer.from([0x1b, 0xfe, 0x01, 0x1d, 0xfd]), Buffer.from('still here\n')]));
    expect(decoded.unknownCommands).toBe(3);
    expect(decoded.receipts[0]?.text).toContain('still here');
  });
});
