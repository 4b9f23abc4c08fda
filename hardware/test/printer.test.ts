import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createNetworkPrinter, layoutReceiptEscPos, resolveProfile } from '../src/index.js';
import { nextReceipt, sampleReceipt, TEST_PROFILE, withEmulator } from './fixtures.js';
import type { PrinterEmulator } from '../src/sim/index.js';

const printerFor = (emulator: PrinterEmulator, profile = TEST_PROFILE) =>
  createNetworkPrinter({ host: '127.0.0.1', port: emulator.port, profile });

/** A port nobody listens on: bind an ephemeral port, then let it go. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

describe('network printer against the emulator over TCP', () => {
  it('reports printed only once the printer has acked the job, with the receipt on paper', async () => {
    await withEmulator(async (emulator) => {
      // Acks come late (status replies do not): "printed" must wait for them.
      emulator.setState({ fault: { mode: 'reply-late', stage: 'job', delayMs: 200 } });
      const printer = printerFor(emulator);
      const printed = nextReceipt(emulator);
      const outcome = await printer.print(sampleReceipt());
      expect(outcome).toMatchObject({ state: 'printed', reason: null, warning: null });
      expect(outcome.health).toMatchObject({ state: 'ok', reason: null });
      expect(emulator.activity().some((a) => a.event === 'ack-sent')).toBe(true);
      const receipt = await printed;
      expect(receipt.cut).toBe(true);
      expect(receipt.qrPayloads).toEqual([sampleReceipt().qrPayload]);
      expect(receipt.text).toContain('K7QM-000A4-R');
      await printer.close();
    });
  });

  it('says unknown, not printed, when the ack misses its deadline even though the paper came out', async () => {
    await withEmulator(async (emulator) => {
      emulator.setState({ fault: { mode: 'reply-late', stage: 'job', delayMs: 10_000 } });
      const profile = resolveProfile({ deadlines: { ...TEST_PROFILE.deadlines, ackBaseMs: 300, ackPerKiBMs: 0 } });
      const printer = printerFor(emulator, profile);
      const outcome = await printer.print(sampleReceipt());
      expect(outcome).toMatchObject({ state: 'unknown', reason: 'no-ack' });
      expect(outcome.health).toMatchObject({ state: 'ok' });
      expect(emulator.receipts()).toHaveLength(1);
      await printer.close();
    });
  });

  it('fails with paper-end and prints nothing when the roll is out', async () => {
    await withEmulator(async (emulator) => {
      emulator.setState({ paperEnd: true });
      const printer = printerFor(emulator);
      const outcome = await printer.print(sampleReceipt());
      expect(outcome).toMatchObject({ state: 'failed', reason: 'paper-end' });
      expect(outcome.health).toMatchObject({ state: 'error', reason: 'paper-end' });
      expect(emulator.receipts()).toEqual([]);
      expect(emulator.activity().some((a) => a.event === 'job-started')).toBe(false);
      await printer.close();
    });
  });

  it('prints with a paper-near-end warning', async () => {
    await withEmulator(async (emulator) => {
      emulator.setState({ paperNearEnd: true });
      const printer = printerFor(emulator);
      const outcome = await printer.print(sampleReceipt());
      expect(outcome).toMatchObject({ state: 'printed', reason: null, warning: 'paper-near-end' });
      expect(outcome.health).toMatchObject({ state: 'warning', reason: 'paper-near-end' });
      expect(emulator.receipts()).toHaveLength(1);
      await printer.close();
    });
  });

  it('fails with cover-open when the cover is open', async () => {
    await withEmulator(async (emulator) => {
      emulator.setState({ coverOpen: true });
      const printer = printerFor(emulator);
      expect(await printer.print(sampleReceipt())).toMatchObject({ state: 'failed', reason: 'cover-open' });
      expect(await printer.status()).toMatchObject({ state: 'error', reason: 'cover-open' });
      expect(emulator.receipts()).toEqual([]);
      await printer.close();
    });
  });

  for (const mode of ['close-without-reply', 'never-read', 'drop-mid-job'] as const) {
    it(`returns unknown (not a hang) when the printer does "${mode}" during the job`, async () => {
      await withEmulator(async (emulator) => {
        emulator.setState({ fault: { mode, stage: 'job' } });
        const printer = printerFor(emulator);
        const outcome = await printer.print(sampleReceipt());
        expect(outcome.state).toBe('unknown');
        expect(['no-ack', 'connection-lost']).toContain(outcome.reason);
        // The re-check after the unknown result still reaches the printer (status is answered).
        expect(outcome.health).toMatchObject({ state: 'ok' });
        expect(emulator.receipts().filter((r) => r.cut)).toEqual([]);
        await printer.close();
      });
    });
  }

  it('fails as unreachable when the printer never reads from the start', async () => {
    await withEmulator(async (emulator) => {
      emulator.setState({ fault: { mode: 'never-read', stage: 'connect' } });
      const printer = printerFor(emulator);
      const outcome = await printer.print(sampleReceipt());
      expect(outcome).toMatchObject({ state: 'failed', reason: 'unreachable' });
      expect(outcome.health).toMatchObject({ state: 'offline', reason: 'unreachable' });
      await printer.close();
    });
  });

  it('reports an unreachable port as offline/unreachable', async () => {
    const printer = createNetworkPrinter({ host: '127.0.0.1', port: await closedPort(), profile: TEST_PROFILE });
    expect(await printer.status()).toMatchObject({ state: 'offline', reason: 'unreachable' });
    expect(await printer.print(sampleReceipt())).toMatchObject({ state: 'failed', reason: 'unreachable' });
    await printer.close();
  });

  it('serialises concurrent jobs: the second starts only after the first was acked', async () => {
    await withEmulator(async (emulator) => {
      emulator.setState({ fault: { mode: 'reply-late', stage: 'job', delayMs: 150 } });
      const printer = printerFor(emulator);
      const [first, second] = await Promise.all([
        printer.print(sampleReceipt({ serial: '000001' })),
        printer.print(sampleReceipt({ serial: '000002' })),
      ]);
      expect([first.state, second.state]).toEqual(['printed', 'printed']);
      const activity = emulator.activity().filter((a) => a.event !== 'closed');
      const secondConnection = activity.find((a) => a.connection !== activity[0]?.connection)?.connection;
      const firstAck = activity.findIndex((a) => a.event === 'ack-sent');
      const secondStart = activity.findIndex((a) => a.connection === secondConnection);
      expect(firstAck).toBeGreaterThanOrEqual(0);
      expect(secondStart).toBeGreaterThan(firstAck);
      expect(emulator.receipts().map((r) => r.text.includes('#000001'))).toEqual([true, false]);
      await printer.close();
    });
  });

  it('prints ready-made bytes and refuses an invalid receipt without touching the printer', async () => {
    await withEmulator(async (emulator) => {
      const printer = printerFor(emulator);
      expect(await printer.print(sampleReceipt({ qrPayload: 'año' }))).toMatchObject({
        state: 'failed',
        reason: 'invalid-receipt',
      });
      expect(emulator.stats().connections).toBe(0);
      const bytes = layoutReceiptEscPos(sampleReceipt(), TEST_PROFILE);
      expect(await printer.printBytes(bytes)).toMatchObject({ state: 'printed' });
      await printer.close();
    });
  });

  it('reports offline while the printer is taken offline, and ok once it is back', async () => {
    await withEmulator(async (emulator) => {
      const printer = printerFor(emulator);
      emulator.setState({ offline: true });
      expect(await printer.status()).toMatchObject({ state: 'offline', reason: 'offline' });
      emulator.setState({ offline: false });
      expect(await printer.status()).toMatchObject({ state: 'ok', reason: null });
      await printer.close();
    });
  });
});
