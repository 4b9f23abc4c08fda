import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPrinterEmulator } from '@kiosk/hardware/sim';
import type { Municipality, RequestDraft } from '@kiosk/shared';
import { openAgentDatabase, type AgentDatabase } from '../../src/agent/store/database.js';
import { RequestsRepository } from '../../src/agent/store/requests-repository.js';
import { OutboxSender } from '../../src/agent/outbox/sender.js';
import { HubClient } from '../../src/agent/sync/hub-client.js';
import { openReceiptPrinter, type ReceiptPrinter } from '../../src/agent/printing/receipt-printer.js';
import { fileRequest } from '../../src/agent/handlers/filing.js';

// Filing with the hub unreachable and a real printer emulator over TCP: the request is stored
// first, the receipt prints with the kiosk-minted reference, and the citizen is told "queued".

const municipality: Municipality = { name: 'Ayuntamiento de Villademo', office: 'Plaza Mayor 1', contact: '010', timeZone: 'Europe/Madrid', statusBaseUrl: 'http://127.0.0.1:8080/status' };
let drafts = 0;
const newDraft = (): RequestDraft => ({ draftId: `draft-${String(++drafts).padStart(4, '0')}`, serviceCode: 'LIGHT', description: 'Farola apagada en la calle Peña', attributes: {}, locale: 'es' });

let dir: string;
let db: AgentDatabase;
let emulator: Awaited<ReturnType<typeof startPrinterEmulator>>;
let printer: ReceiptPrinter;
let sender: OutboxSender;
let repository: RequestsRepository;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'agent-filing-'));
  db = openAgentDatabase(join(dir, 'agent.sqlite'));
  repository = new RequestsRepository(db, 'K7QM');
  const hub = new HubClient({ baseUrl: 'http://127.0.0.1:9', token: 'x.y', timeoutMs: 1000 });
  sender = new OutboxSender(repository, (item) => hub.submitCase(item.submission, item.idempotencyKey), { baseMs: 60_000, capMs: 60_000 });
  emulator = await startPrinterEmulator({ port: 0, httpPort: 0 });
  printer = openReceiptPrinter({ host: '127.0.0.1', port: emulator.port });
});
afterEach(async () => {
  sender.stop();
  await printer.close();
  await emulator.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const file = (draft = newDraft()) => fileRequest({ repository, sender, printer, municipality: () => municipality, kioskId: 'kiosk-1', sendWaitMs: 300 }, draft);

describe('filing at the kiosk', () => {
  it('offline: stores, prints a valid receipt with the QR of the status page, and says "queued"', async () => {
    const result = await file();
    expect(result.sync).toBe('queued');
    expect(result.receipt).toMatchObject({ state: 'printed', reason: null });
    expect(result.statusUrl).toBe(`http://127.0.0.1:8080/status/${result.reference}`);
    const [receipt] = emulator.receipts();
    expect(receipt?.text).toContain(result.reference);
    expect(receipt?.text).toContain('Ayuntamiento de Villademo');
    expect(receipt?.text).not.toContain('Peña');
    expect(receipt?.qrPayloads).toEqual([result.statusUrl]);
    expect(repository.figures().depth).toBe(1);
  });

  it('out of paper: the request is still stored and the outcome says the receipt failed', async () => {
    emulator.setState({ paperEnd: true });
    const result = await file();
    expect(result.receipt).toMatchObject({ state: 'failed', reason: 'paper-end' });
    expect(emulator.receipts()).toHaveLength(0);
    expect(db.prepare('SELECT reference FROM requests').all()).toEqual([{ reference: result.reference }]);
    expect(repository.figures().depth).toBe(1);
  });

  it('a retried call for the same draft answers the first filing and prints nothing more', async () => {
    const draft = newDraft();
    const first = await file(draft);
    const again = await file(draft);
    expect(again).toEqual(first);
    expect(emulator.receipts()).toHaveLength(1);
    expect(repository.figures().depth).toBe(1);
  });

  it('prints an Arabic receipt: the text as a raster image, the reference and QR intact', async () => {
    const result = await file({ ...newDraft(), locale: 'ar' });
    expect(result.receipt).toMatchObject({ state: 'printed' });
    const [receipt] = emulator.receipts();
    expect(receipt?.text).toContain(result.reference);
    expect(receipt?.qrPayloads).toEqual([result.statusUrl]);
    expect(receipt?.text).not.toContain('?????'); // no run of unprintable characters on the paper
  });

  it('paper nearly out: prints and raises the warning', async () => {
    emulator.setState({ paperNearEnd: true });
    const result = await file();
    expect(result.receipt).toMatchObject({ state: 'printed', warning: 'paper-near-end' });
  });
});
