import { describe, expect, it } from 'vitest';
import { canEncode } from '@kiosk/hardware';
import { KIOSK_LOCALES } from '@kiosk/shared';
import { RECEIPT_TEXT, usesCodePage } from '../../src/agent/printing/receipt-text.js';

describe('receipt text', () => {
  it('is printable on the PC858 code page in every language printed as characters', () => {
    for (const locale of KIOSK_LOCALES.filter(usesCodePage)) {
      const text = RECEIPT_TEXT[locale];
      const all = [text.documentType, text.whatNext, text.privacyNotice, ...Object.values(text.labels)].join('');
      const unprintable = [...all].filter((c) => !canEncode('PC858_EURO', c));
      expect({ locale, unprintable }).toEqual({ locale, unprintable: [] });
    }
  });

  it('has every label in every language', () => {
    for (const locale of KIOSK_LOCALES) {
      expect(Object.keys(RECEIPT_TEXT[locale].labels).sort()).toEqual(['date', 'kiosk', 'reference', 'status']);
    }
  });
});
