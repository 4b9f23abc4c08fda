import { createNetworkPrinter, type Receipt } from '@kiosk/hardware';
import type { DeviceHealth, KioskLocale, ReceiptOutcome } from '@kiosk/shared';
import { RECEIPT_TEXT } from './receipt-text.js';

/** Who the receipt is from: the municipality and office, as the hub's catalogue describes them. */
export interface ReceiptIssuer {
  readonly name: string;
  readonly office: string;
  readonly contact: string;
  readonly timeZone: string;
}

export interface FilingReceiptInput {
  readonly reference: string;
  readonly sequence: number;
  readonly statusUrl: string;
  readonly locale: KioskLocale;
  readonly issuedAt: Date;
  readonly issuer: ReceiptIssuer;
  readonly kioskId: string;
}

/** Builds the receipt model for a filed request. No personal data: only the reference and what next. */
export function buildFilingReceipt(input: FilingReceiptInput): Receipt {
  const locale = input.locale;
  const text = RECEIPT_TEXT[locale];
  return {
    issuer: input.issuer.name,
    office: input.issuer.office,
    documentType: text.documentType,
    reference: input.reference,
    qrPayload: input.statusUrl,
    issuedAt: input.issuedAt.toISOString(),
    timeZone: input.issuer.timeZone,
    locale,
    whatNext: text.whatNext,
    statusUrl: input.statusUrl,
    contact: input.issuer.contact,
    privacyNotice: text.privacyNotice,
    maskedId: null,
    kioskId: input.kioskId,
    serial: String(input.sequence),
    labels: text.labels,
  };
}

export interface ReceiptPrinter {
  print(receipt: Receipt): Promise<ReceiptOutcome>;
  health(): Promise<DeviceHealth>;
  /**
   * Prints the last receipt of the CURRENT session again (paper jam, a torn ticket). Fails with
   * `nothing-to-reprint` once the session ended: forgetLast runs then, by design.
   */
  reprintLast(): Promise<ReceiptOutcome>;
  /** Drops the receipt kept for "reprint last": the next citizen must not get the previous one's. */
  forgetLast(): void;
  close(): Promise<void>;
}

/** The kiosk's receipt printer, or a stand-in that says honestly that there is none. */
export function openReceiptPrinter(target: { host: string; port: number } | null): ReceiptPrinter {
  if (!target) {
    const since = new Date().toISOString();
    return {
      print: async () => ({ state: 'skipped', reason: 'no-printer', warning: null }),
      reprintLast: async () => ({ state: 'skipped', reason: 'no-printer', warning: null }),
      health: async () => ({ state: 'offline', reason: 'not-configured', since }),
      forgetLast: () => {},
      close: async () => {},
    };
  }
  const printer = createNetworkPrinter({ host: target.host, port: target.port });
  return {
    async print(receipt) {
      const outcome = await printer.print(receipt);
      return { state: outcome.state, reason: outcome.reason, warning: outcome.warning };
    },
    async reprintLast() {
      const outcome = await printer.reprintLast();
      return { state: outcome.state, reason: outcome.reason, warning: outcome.warning };
    },
    health: () => printer.status(),
    forgetLast: () => printer.forgetLast(),
    close: async () => {
      await printer.close();
    },
  };
}
