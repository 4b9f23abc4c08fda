import type { Receipt } from '@kiosk/hardware';
import type { ReceiptIssuer } from '../printing/receipt-printer.js';
import { RECEIPT_TEXT } from '../printing/receipt-text.js';

/**
 * The page a "print test page" job prints: the real receipt layout (fonts, QR, cut) with no
 * citizen in it, so a technician can judge print quality and the paper path from afar.
 */
export function buildTestPageReceipt(input: { issuer: ReceiptIssuer; kioskId: string; statusBaseUrl: string; now: Date }): Receipt {
  const text = RECEIPT_TEXT.es;
  return {
    issuer: input.issuer.name,
    office: input.issuer.office,
    documentType: 'PÁGINA DE PRUEBA / TEST PAGE',
    reference: 'TEST-00000-0',
    qrPayload: input.statusBaseUrl,
    issuedAt: input.now.toISOString(),
    timeZone: input.issuer.timeZone,
    locale: 'es',
    whatNext: 'Impresora correcta si este texto, el código QR y el corte se ven bien. ÁÉÍÓÚÑÇ €',
    statusUrl: input.statusBaseUrl,
    contact: input.issuer.contact,
    privacyNotice: 'Sin datos personales.',
    maskedId: null,
    kioskId: input.kioskId,
    serial: '0',
    labels: text.labels,
  };
}
