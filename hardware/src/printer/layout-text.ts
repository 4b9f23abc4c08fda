import { blockColumns, receiptBlocks, wrapText } from './receipt-blocks.js';
import type { Receipt } from './receipt-model.js';
import type { PrinterProfile } from './profile.js';

export interface TextLayoutOptions {
  /** What stands where the QR code is printed; the screen shows the real code beside the text. */
  readonly qrPlaceholder?: string;
  readonly ruleCharacter?: string;
}

const DEFAULT_QR_PLACEHOLDER = '[QR]';

function centre(text: string, columns: number): string {
  const pad = Math.max(0, Math.floor((columns - [...text].length) / 2));
  return ' '.repeat(pad) + text;
}

/**
 * The receipt as plain text lines of the profile's width, for on-screen display and speech.
 * Line breaks are the same as on paper: both layouts wrap with `wrapText`.
 */
export function layoutReceiptText(
  receipt: Receipt,
  profile: Pick<PrinterProfile, 'columns'>,
  options: TextLayoutOptions = {},
): string[] {
  const columns = profile.columns;
  const lines: string[] = [];
  for (const block of receiptBlocks(receipt)) {
    switch (block.kind) {
      case 'rule':
        lines.push((options.ruleCharacter ?? '-').repeat(columns));
        break;
      case 'blank':
        lines.push('');
        break;
      case 'qr':
        lines.push(centre(options.qrPlaceholder ?? DEFAULT_QR_PLACEHOLDER, columns));
        break;
      case 'text':
        for (const line of wrapText(block.text, blockColumns(block, columns))) {
          // A large line is twice as wide on paper; on screen it is centred in the full width.
          lines.push(block.align === 'center' ? centre(line, columns) : line);
        }
        break;
    }
  }
  return lines;
}
