import { once } from 'node:events';
import type { FilingResult, Municipality, RequestDraft } from '@kiosk/shared';
import type { OutboxSender } from '../outbox/sender.js';
import type { RequestsRepository } from '../store/requests-repository.js';
import { buildFilingReceipt, type ReceiptPrinter } from '../printing/receipt-printer.js';

export interface FilingDeps {
  readonly repository: RequestsRepository;
  readonly sender: OutboxSender;
  readonly printer: ReceiptPrinter;
  /** Who issues the receipt; from the last catalogue the hub sent. */
  readonly municipality: () => Municipality;
  readonly kioskId: string;
  /** How long to wait for the hub before saying "queued" (the request is safe either way). */
  readonly sendWaitMs: number;
}

/**
 * Filing a request, in the order that keeps the kiosk's promises (DESIGN.md section 5):
 * 1. store the request and its outbox row in one transaction (after this it cannot be lost);
 * 2. wake the sender and print the receipt (valid offline: the kiosk minted the reference);
 * 3. say honestly whether the hub already has it ("sent") or it will follow ("queued").
 */
export async function fileRequest(deps: FilingDeps, draft: RequestDraft): Promise<FilingResult> {
  const stored = deps.repository.file(draft);
  const municipality = deps.municipality();
  const statusUrl = `${municipality.statusBaseUrl.replace(/\/$/, '')}/${stored.reference}`;
  if (stored.replayed) {
    // The renderer lost our first answer and asked again: same filing, no second receipt.
    const receipt = stored.receipt ?? { state: 'unknown' as const, reason: 'interrupted', warning: null };
    return { reference: stored.reference, statusUrl, sync: deps.repository.isAcked(stored.id) ? 'sent' : 'queued', receipt };
  }
  const acked = waitForAck(deps, stored.id);
  deps.sender.kick();
  const receipt = await deps.printer.print(
    buildFilingReceipt({
      reference: stored.reference,
      sequence: stored.sequence,
      statusUrl,
      locale: draft.locale,
      issuedAt: new Date(),
      issuer: municipality,
      kioskId: deps.kioskId,
    }),
  );
  deps.repository.recordReceipt(stored.id, receipt);
  const sent = await acked;
  return { reference: stored.reference, statusUrl, sync: sent ? 'sent' : 'queued', receipt };
}

async function waitForAck(deps: FilingDeps, requestId: number): Promise<boolean> {
  if (deps.repository.isAcked(requestId)) return true;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), deps.sendWaitMs);
  try {
    for (;;) {
      const [acked] = (await once(deps.sender, 'acked', { signal: controller.signal })) as [number];
      if (acked === requestId) return true;
    }
  } catch {
    return deps.repository.isAcked(requestId);
  } finally {
    clearTimeout(timer);
  }
}
