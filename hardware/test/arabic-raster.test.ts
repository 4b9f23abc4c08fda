import { describe, expect, it } from 'vitest';
import { DEFAULT_PRINTER_PROFILE, layoutReceiptEscPos, layoutReceiptPng } from '../src/index.js';
import { shapeArabic, visualOrder } from '../src/printer/arabic-shaping.js';
import { rasterizeText } from '../src/printer/raster-text.js';
import { decodeEscPos, renderPaperPng } from '../src/sim/index.js';
import { sampleReceipt } from './fixtures.js';
import { decodeQrPng, pngDots } from './png-helpers.js';

const codes = (text: string): string[] => [...text].map((c) => (c.codePointAt(0) ?? 0).toString(16));

const arabicReceipt = sampleReceipt({
  locale: 'ar',
  issuer: 'بلدية جيرونا',
  documentType: 'إيصال طلب',
  whatNext: 'سنرد عليك خلال 10 أيام عمل كحد أقصى.',
  labels: { reference: 'رقم المرجع', date: 'التاريخ', status: 'الحالة', kiosk: 'الكشك' },
});

describe('Arabic printed as a raster image', () => {
  it('shapes letters into their contextual forms and lam-alef into its ligature', () => {
    expect(codes(shapeArabic('ببب'))).toEqual(['fe91', 'fe92', 'fe90']);
    // Dal never joins the letter after it; beh after it is isolated.
    expect(codes(shapeArabic('دب'))).toEqual(['fea9', 'fe8f']);
    expect(codes(shapeArabic('لا'))).toEqual(['fefb']);
    expect(codes(shapeArabic('بلا'))).toEqual(['fe91', 'fefc']);
    // Vowel marks are dropped without breaking the joining.
    expect(codes(shapeArabic('بَب'))).toEqual(['fe91', 'fe90']);
  });

  it('orders a line right to left, keeping Latin references and numbers left to right', () => {
    expect(visualOrder('رقم: K7QM-000A4-R')).toBe('K7QM-000A4-R :مقر');
    expect(visualOrder('في ١٢٣ (أيام)')).toBe('(مايأ) ١٢٣ يف');
    expect(visualOrder('Ref K7QM')).toBe('Ref K7QM');
  });

  it('sends Arabic lines as GS v 0 images (no "?"), keeps Latin lines as text, and the QR still reads', () => {
    const bytes = layoutReceiptEscPos(arabicReceipt, DEFAULT_PRINTER_PROFILE);
    const [printed] = decodeEscPos(bytes).receipts;
    if (printed === undefined) throw new Error('nothing printed');
    const images = printed.lines.filter((line) => line.kind === 'image');
    // issuer, document type, reference label, date line, what next, status line, kiosk line
    expect(images.length).toBeGreaterThanOrEqual(7);
    expect(images.every((line) => line.command === 'GS v 0' && line.raster !== undefined)).toBe(true);
    expect(printed.text).not.toMatch(/\?{2,}/);
    expect(printed.text).toContain('K7QM-000A4-R');
    // The first image is exactly the issuer drawn by the raster text renderer, full paper width.
    const issuer = rasterizeText(arabicReceipt.issuer, 576, { align: 'center', bold: true });
    const first = images[0];
    expect(first?.kind === 'image' ? first.raster?.data.equals(issuer.data) : false).toBe(true);
    expect(issuer.widthBytes * 8).toBe(576);
    const png = renderPaperPng(printed.lines, DEFAULT_PRINTER_PROFILE);
    expect(decodeQrPng(png)).toBe(arabicReceipt.qrPayload);
    expect(decodeQrPng(layoutReceiptPng(arabicReceipt, DEFAULT_PRINTER_PROFILE))).toBe(arabicReceipt.qrPayload);
  });

  it('draws the raster right-aligned for a start-aligned line and inks only inside the paper', () => {
    const image = rasterizeText('مرحبا', 576, { align: 'start' });
    const line = { kind: 'image', command: 'GS v 0', bytes: image.data.length, align: 'left', raster: { ...image, scaleX: 1, scaleY: 1 } } as const;
    const box = pngDots(renderPaperPng([line], DEFAULT_PRINTER_PROFILE)).inkBox();
    if (box === null) throw new Error('nothing drawn');
    expect(box.right).toBeGreaterThan(560);
    expect(box.left).toBeGreaterThan(400);
  });
});
