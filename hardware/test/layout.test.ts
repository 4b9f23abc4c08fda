import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PRINTER_PROFILE,
  layoutReceiptEscPos,
  layoutReceiptText,
  PROFILE_58MM_203DPI,
  ReceiptValidationError,
  resolveProfile,
} from '../src/index.js';
import { decodeEscPos } from '../src/sim/index.js';
import { ACCENTED, sampleReceipt } from './fixtures.js';

const ESC_T_PC858 = Buffer.from([0x1b, 0x74, 19]);
const ESC_INIT = Buffer.from([0x1b, 0x40]);

describe('layoutReceiptEscPos', () => {
  it('round-trips Spanish and euro characters through the emulator decoder on PC858', () => {
    const bytes = layoutReceiptEscPos(sampleReceipt(), DEFAULT_PRINTER_PROFILE);
    const decoded = decodeEscPos(bytes);
    expect(decoded.unknownCommands).toBe(0);
    const [receipt] = decoded.receipts;
    expect(receipt?.cut).toBe(true);
    expect(receipt?.text).toContain(ACCENTED);
    expect(receipt?.text).toContain('hábiles como máximo');
    expect(receipt?.text).toContain("Oficina d'Atenció Ciutadana");
  });

  it('encodes the accented characters with PC858 bytes, not other pages', () => {
    const bytes = layoutReceiptEscPos(sampleReceipt({ whatNext: '€·' }), DEFAULT_PRINTER_PROFILE);
    expect(bytes.includes(Buffer.from([0xd5, 0xfa]))).toBe(true);
    expect(bytes.subarray(0, 3).equals(ESC_T_PC858)).toBe(true);
  });

  it('gives back the QR payload exactly, and one receipt per buffer', () => {
    const payload = 'https://girona.example/s/K7QM000A4R?t=a%C3%B1o&x=1';
    const decoded = decodeEscPos(layoutReceiptEscPos(sampleReceipt({ qrPayload: payload }), DEFAULT_PRINTER_PROFILE));
    expect(decoded.receipts).toHaveLength(1);
    expect(decoded.receipts[0]?.qrPayloads).toEqual([payload]);
  });

  it('sets the code page again after the cut resets the printer', () => {
    const bytes = layoutReceiptEscPos(sampleReceipt(), DEFAULT_PRINTER_PROFILE);
    const lastInit = bytes.lastIndexOf(ESC_INIT);
    expect(lastInit).toBeGreaterThan(0);
    expect(bytes.subarray(lastInit + 2).equals(ESC_T_PC858)).toBe(true);
    // Two receipts back to back still decode their euro signs.
    const twice = decodeEscPos(Buffer.concat([bytes, bytes]));
    expect(twice.receipts.map((r) => r.text.includes('€'))).toEqual([true, true]);
  });

  it('refuses a non-ASCII QR payload before building any bytes', () => {
    expect(() => layoutReceiptEscPos(sampleReceipt({ qrPayload: 'año' }), DEFAULT_PRINTER_PROFILE)).toThrow(
      ReceiptValidationError,
    );
  });

  it('prints the reference double size and the characters the page lacks as ?', () => {
    const decoded = decodeEscPos(layoutReceiptEscPos(sampleReceipt({ contact: 'Tel. 010 ☎' }), DEFAULT_PRINTER_PROFILE));
    const lines = decoded.receipts[0]?.lines ?? [];
    const reference = lines.find((l) => l.kind === 'text' && l.text === 'K7QM-000A4-R');
    expect(reference).toMatchObject({ widthMultiplier: 2, heightMultiplier: 2, bold: true, align: 'center' });
    expect(decoded.receipts[0]?.text).toContain('Tel. 010 ?');
  });
});

describe('layoutReceiptText', () => {
  for (const profile of [DEFAULT_PRINTER_PROFILE, resolveProfile({ columns: 42 }), PROFILE_58MM_203DPI]) {
    it(`matches the paper line for line at ${profile.columns} columns`, () => {
      const receipt = sampleReceipt();
      const text = layoutReceiptText(receipt, profile, { qrPlaceholder: '' });
      for (const line of text) expect([...line].length).toBeLessThanOrEqual(profile.columns);
      const paper = decodeEscPos(layoutReceiptEscPos(receipt, profile)).receipts[0]?.text.split('\n') ?? [];
      // The paper centres with ESC a (no spaces) and ends with the feed before the cut.
      expect(text.map((l) => l.trim())).toEqual(paper.map((l) => l.trim()).slice(0, text.length));
    });
  }
});
