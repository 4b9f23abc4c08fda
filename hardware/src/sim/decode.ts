import { createEscPosParser } from './escpos-parser.js';
import { Paper, type PaperContent } from './paper.js';
import { receiptText } from './receipt-store.js';

export interface DecodedReceipt extends PaperContent {
  readonly text: string;
  readonly cut: boolean;
}

export interface DecodedStream {
  /** One per cut, plus a last one with `cut: false` for content after the last cut. */
  readonly receipts: DecodedReceipt[];
  readonly unknownCommands: number;
  readonly unsupportedCodePages: number[];
}

/** Decodes a whole ESC/POS byte stream offline, as the emulator would print it. */
export function decodeEscPos(bytes: Buffer): DecodedStream {
  const parser = createEscPosParser();
  const paper = new Paper();
  const receipts: DecodedReceipt[] = [];
  let unknownCommands = 0;
  for (const command of parser.push(bytes)) {
    if (command.kind === 'unknown') unknownCommands += 1;
    const content = paper.apply(command);
    if (content !== null) receipts.push({ ...content, text: receiptText(content.lines), cut: true });
  }
  if (paper.hasContent()) {
    const rest = paper.tearOff();
    receipts.push({ ...rest, text: receiptText(rest.lines), cut: false });
  }
  return { receipts, unknownCommands, unsupportedCodePages: [...paper.unsupportedCodePages] };
}
