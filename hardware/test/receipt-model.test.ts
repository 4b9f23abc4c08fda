import { describe, expect, it } from 'vitest';
import { checkReceipt, formatIssuedAt, ReceiptValidationError, validateReceipt } from '../src/index.js';
import { sampleReceipt } from './fixtures.js';

describe('validateReceipt', () => {
  it('accepts a complete receipt', () => {
    expect(checkReceipt(sampleReceipt())).toEqual([]);
  });

  it('rejects a non-ASCII QR payload, naming the field and the rule', () => {
    const receipt = sampleReceipt({ qrPayload: 'https://girona.example/s/año' });
    expect(() => validateReceipt(receipt)).toThrow(ReceiptValidationError);
    expect(() => validateReceipt(receipt)).toThrow(/qrPayload must be printable ASCII/);
  });

  it('rejects an unmasked ID number without echoing it', () => {
    const problems = checkReceipt(sampleReceipt({ maskedId: '12345678Z' }));
    expect(problems.map((p) => p.field)).toEqual(['maskedId']);
    expect(JSON.stringify(problems)).not.toContain('12345678Z');
  });

  it('rejects a date without offset, an unknown zone and empty labels', () => {
    const receipt = sampleReceipt({
      issuedAt: '2025-03-12T13:05:00',
      timeZone: 'Europe/Atlantis',
      labels: { reference: '', date: 'Fecha', status: 'Estado', kiosk: 'Quiosco' },
    });
    expect(checkReceipt(receipt).map((p) => p.field).sort()).toEqual(['issuedAt', 'labels.reference', 'timeZone']);
  });
});

describe('formatIssuedAt', () => {
  it('prints local time in winter with the zone abbreviation and offset', () => {
    expect(formatIssuedAt(sampleReceipt())).toBe('12/03/2025 14:05 CET (UTC+01:00)');
  });

  it('follows summer time and other zones', () => {
    expect(formatIssuedAt({ issuedAt: '2025-07-01T10:00:00+00:00', timeZone: 'Europe/Madrid', locale: 'es' })).toBe(
      '01/07/2025 12:00 CEST (UTC+02:00)',
    );
    expect(formatIssuedAt({ issuedAt: '2025-07-01T10:00:00+00:00', timeZone: 'Atlantic/Canary', locale: 'es' })).toBe(
      '01/07/2025 11:00 WEST (UTC+01:00)',
    );
  });

  it('uses Latin digits and no bidi marks for Arabic', () => {
    const text = formatIssuedAt({ issuedAt: '2025-03-12T13:05:00Z', timeZone: 'Europe/Madrid', locale: 'ar' });
    expect(text).toMatch(/^[\x20-\x7e]+$/);
    expect(text).toContain('14:05');
    expect(text).toContain('UTC+01:00');
  });
});
