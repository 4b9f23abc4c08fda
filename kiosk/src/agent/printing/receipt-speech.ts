import { formatIssuedAt, receiptBlocks, type Receipt } from '@kiosk/hardware';
import type { ReceiptOutcome } from '@kiosk/shared';
import type { ReceiptPrinter } from './receipt-printer.js';

/**
 * The receipt as speech (EN 301 549 5.1.3.16: everything on the receipt is also spoken): its text
 * blocks in printed order, from the same `receiptBlocks` the printer lays out, so what is said is
 * what is printed (each printed line is a piece of one of these, wrapped at spaces). The QR code,
 * rules and blank lines have no words. Receipts carry no personal data, so neither do these lines.
 */
export function receiptSpokenLines(receipt: Receipt): string[] {
  return receiptBlocks(receipt).flatMap((block) => (block.kind === 'text' && block.text.trim() !== '' ? [block.text.replace(/\s+/g, ' ').trim()] : []));
}

/** Stands for the reference (and serial) in a preview: lines holding it are left out. */
export const PREVIEW_REFERENCE = 'PREVIEW-REFERENCE';

/**
 * A receipt's lines before it exists (built with PREVIEW_REFERENCE): lines that hold the
 * reference, or, when `dropIssuedAt`, the time of issue (a request's receipt is dated when filed),
 * are left out: only what the printed receipt will really say.
 */
export function previewSpokenLines(receipt: Receipt, dropIssuedAt: boolean): string[] {
  const issuedAt = formatIssuedAt(receipt);
  return receiptSpokenLines(receipt).filter((line) => !line.includes(PREVIEW_REFERENCE) && !(dropIssuedAt && line.includes(issuedAt)));
}

/** The lines of the receipt printed last in this session, for "read the receipt" and its repeat. */
export interface SpokenReceipts {
  remember(receipt: Receipt): void;
  last(): string[] | null;
  /** At session end: the next citizen must not hear the previous one's receipt. */
  forget(): void;
}

export function createSpokenReceipts(): SpokenReceipts {
  let lines: string[] | null = null;
  return {
    remember: (receipt) => {
      lines = receiptSpokenLines(receipt);
    },
    last: () => lines,
    forget: () => {
      lines = null;
    },
  };
}

/**
 * The printer, remembering each receipt's lines as it is sent: whether the paper came out or not,
 * the citizen can hear it. A receipt the printer refuses as invalid (it throws) is not kept.
 */
export function rememberingReceipts(printer: ReceiptPrinter, spoken: SpokenReceipts): ReceiptPrinter {
  return {
    ...printer,
    async print(receipt: Receipt): Promise<ReceiptOutcome> {
      const outcome = await printer.print(receipt);
      spoken.remember(receipt);
      return outcome;
    },
  };
}
