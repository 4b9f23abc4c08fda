import { layoutReceiptEscPos } from '../printer/layout-escpos.js';
import type { PrinterProfile } from '../printer/profile.js';
import type { Receipt } from '../printer/receipt-model.js';
import { decodeEscPos } from './decode.js';
import { renderPaperPng } from './printer-png.js';

/**
 * A receipt as a PNG for on-screen display: its own ESC/POS bytes drawn by the emulator's
 * renderer, so the screen shows exactly the layout the paper gets (same wrapping, same `?` for
 * characters the code page lacks). Pure: no printer, no network.
 */
export function layoutReceiptPng(receipt: Receipt, profile: PrinterProfile): Buffer {
  const decoded = decodeEscPos(layoutReceiptEscPos(receipt, profile));
  const printed = decoded.receipts.flatMap((part) => part.lines);
  return renderPaperPng(printed, profile);
}
