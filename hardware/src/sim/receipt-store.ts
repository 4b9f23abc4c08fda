import type { PaperContent, PaperLine } from './paper.js';

/** A receipt as the emulator printed it. */
export interface EmulatedReceipt {
  readonly id: string;
  readonly receivedAt: string;
  /** The text lines, decoded with the code page in force when each byte arrived. */
  readonly text: string;
  readonly lines: readonly PaperLine[];
  readonly qrPayloads: readonly string[];
  /** False when the job stopped before its cut (a dropped connection). */
  readonly cut: boolean;
}

export function receiptText(lines: readonly PaperLine[]): string {
  return lines
    .filter((line): line is Extract<PaperLine, { kind: 'text' }> => line.kind === 'text')
    .map((line) => line.text)
    .join('\n');
}

/** Keeps the newest receipts, up to a limit, so a long demo cannot exhaust memory. */
export class ReceiptStore {
  private items: EmulatedReceipt[] = [];
  private nextId = 1;

  constructor(
    private readonly maxReceipts: number,
    private readonly now: () => Date,
  ) {}

  add(content: PaperContent, cut: boolean): EmulatedReceipt {
    const receipt: EmulatedReceipt = {
      id: String(this.nextId),
      receivedAt: this.now().toISOString(),
      text: receiptText(content.lines),
      lines: content.lines,
      qrPayloads: content.qrPayloads,
      cut,
    };
    this.nextId += 1;
    this.items.push(receipt);
    if (this.items.length > this.maxReceipts) this.items.splice(0, this.items.length - this.maxReceipts);
    return receipt;
  }

  list(): EmulatedReceipt[] {
    return [...this.items];
  }

  get(id: string): EmulatedReceipt | undefined {
    return this.items.find((r) => r.id === id);
  }

  clear(): void {
    this.items = [];
  }
}
