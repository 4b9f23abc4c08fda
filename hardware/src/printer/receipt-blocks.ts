import { formatIssuedAt, type Receipt } from './receipt-model.js';

/**
 * The receipt's layout as a list of blocks, independent of the output. The ESC/POS and the
 * plain-text layouts both render this list, so paper, screen and speech say the same things in
 * the same order.
 */
export type ReceiptBlock =
  | {
      readonly kind: 'text';
      readonly text: string;
      readonly align: 'left' | 'center';
      readonly bold?: boolean;
      /** Double width and height: the text gets half the columns. */
      readonly large?: boolean;
    }
  | { readonly kind: 'qr'; readonly payload: string }
  | { readonly kind: 'rule' }
  | { readonly kind: 'blank' };

export function receiptBlocks(receipt: Receipt): ReceiptBlock[] {
  const left = (text: string, bold = false): ReceiptBlock => ({ kind: 'text', text, align: 'left', bold });
  const centre = (text: string, bold = false): ReceiptBlock => ({ kind: 'text', text, align: 'center', bold });
  const blocks: ReceiptBlock[] = [
    centre(receipt.issuer, true),
    centre(receipt.office),
    { kind: 'rule' },
    centre(receipt.documentType, true),
    { kind: 'blank' },
    centre(receipt.labels.reference),
    { kind: 'text', text: receipt.reference, align: 'center', bold: true, large: true },
    { kind: 'blank' },
    { kind: 'qr', payload: receipt.qrPayload },
    { kind: 'blank' },
    left(`${receipt.labels.date}: ${formatIssuedAt(receipt)}`),
    left(receipt.office),
    { kind: 'rule' },
    left(receipt.whatNext),
    { kind: 'blank' },
    left(`${receipt.labels.status}: ${receipt.statusUrl}`),
    left(receipt.contact),
    { kind: 'rule' },
    left(receipt.privacyNotice),
  ];
  if (receipt.maskedId !== null) blocks.push(left(receipt.maskedId));
  blocks.push({ kind: 'blank' }, left(`${receipt.labels.kiosk}: ${receipt.kioskId} #${receipt.serial}`));
  return blocks;
}

/**
 * Breaks `text` into lines of at most `columns` characters, at spaces where possible (long
 * words, such as URLs, are cut). Explicit newlines are kept.
 */
export function wrapText(text: string, columns: number): string[] {
  if (columns < 1) throw new RangeError('columns must be at least 1');
  const lines: string[] = [];
  for (const paragraph of text.split(/\r\n|\r|\n/)) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter((w) => w.length > 0)) {
      let rest = word;
      while (rest.length > 0) {
        const candidate = line === '' ? rest : `${line} ${rest}`;
        if ([...candidate].length <= columns) {
          line = candidate;
          rest = '';
        } else if (line !== '') {
          lines.push(line);
          line = '';
        } else {
          const chars = [...rest];
          lines.push(chars.slice(0, columns).join(''));
          rest = chars.slice(columns).join('');
        }
      }
    }
    lines.push(line);
  }
  return lines;
}

/** Columns a block's text may use on a printer of `columns` columns. */
export function blockColumns(block: ReceiptBlock, columns: number): number {
  return block.kind === 'text' && block.large === true ? Math.floor(columns / 2) : columns;
}
