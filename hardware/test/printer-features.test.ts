import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { DeviceHealth } from '@kiosk/shared';
import { createNetworkPrinter, flagsFromAutomaticStatus, type ReceiptPrinter } from '../src/index.js';
import { splitReplies } from '../src/printer/printer-replies.js';
import { automaticStatusBlock, INITIAL_STATE, type PrinterEmulator } from '../src/sim/index.js';
import { nextReceipt, sampleReceipt, TEST_PROFILE, withEmulator } from './fixtures.js';

const printerFor = (emulator: PrinterEmulator, watchRetryMs = 50): ReceiptPrinter =>
  createNetworkPrinter({ host: emulator.host, port: emulator.port, profile: TEST_PROFILE, watchRetryMs });

/** Resolves with the first health the watcher reports that satisfies `wanted`. */
function healthWhere(seen: DeviceHealth[], subscribe: (cb: () => void) => void, wanted: (h: DeviceHealth) => boolean): Promise<DeviceHealth> {
  return new Promise((resolve) => {
    const found = seen.find(wanted);
    if (found) return resolve(found);
    subscribe(() => {
      const match = seen.find(wanted);
      if (match) resolve(match);
    });
  });
}

function holdConnection(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => resolve(socket));
    socket.on('error', reject);
  });
}

describe('printer: reprint, single-connection printers, automatic status', () => {
  it('reprints the last receipt on request, and forgets it on reset', async () => {
    await withEmulator(async (emulator) => {
      const printer = printerFor(emulator);
      expect(await printer.reprintLast()).toMatchObject({ state: 'failed', reason: 'nothing-to-reprint' });
      expect((await printer.print(sampleReceipt({ serial: '000777' }))).state).toBe('printed');
      expect((await printer.reprintLast()).state).toBe('printed');
      const [original, copy] = emulator.receipts();
      expect(copy?.text).toBe(original?.text);
      expect(copy?.text).toContain('#000777');
      printer.forgetLast();
      expect(await printer.reprintLast()).toMatchObject({ state: 'failed', reason: 'nothing-to-reprint' });
      expect(emulator.receipts()).toHaveLength(2);
      await printer.close();
    });
  });

  it('"refuse-second-connection": told unreachable at once while another client holds the printer, printed once it is free', async () => {
    await withEmulator(async (emulator) => {
      const holder = await holdConnection(emulator.port);
      emulator.setState({ fault: { mode: 'refuse-second-connection' } });
      const printer = printerFor(emulator);
      const refused = await printer.print(sampleReceipt());
      expect(refused).toMatchObject({ state: 'failed', reason: 'unreachable' });
      expect(emulator.stats().refusedConnections).toBeGreaterThanOrEqual(1);
      expect(emulator.receipts()).toEqual([]);
      const closed = new Promise((resolve) => holder.once('close', resolve));
      holder.destroy();
      await closed;
      // The emulator may not have seen the holder's close yet: ask until it has.
      await new Promise<void>((resolve) => {
        const poll = (): void => (emulator.stats().activeConnections === 0 ? resolve() : void setImmediate(poll));
        poll();
      });
      expect((await printer.print(sampleReceipt())).state).toBe('printed');
      expect(emulator.receipts()).toHaveLength(1);
      await printer.close();
    });
  });

  it('watch(): reports health changes from automatic status and prints on the kept-open connection', async () => {
    await withEmulator(async (emulator) => {
      const printer = printerFor(emulator);
      const seen: DeviceHealth[] = [];
      const waiters: Array<() => void> = [];
      const stop = printer.watch((health) => {
        seen.push(health);
        for (const wake of waiters) wake();
      });
      const when = (wanted: (h: DeviceHealth) => boolean): Promise<DeviceHealth> => healthWhere(seen, (cb) => waiters.push(cb), wanted);
      await when((h) => h.state === 'ok');
      emulator.setState({ paperNearEnd: true });
      expect(await when((h) => h.reason === 'paper-near-end')).toMatchObject({ state: 'warning' });
      emulator.setState({ coverOpen: true });
      expect(await when((h) => h.reason === 'cover-open')).toMatchObject({ state: 'error' });
      emulator.setState({ coverOpen: false, paperNearEnd: false });
      const okAgain = await when((h) => h.state === 'ok' && seen.indexOf(h) > 0);
      expect(Date.parse(okAgain.since)).not.toBeNaN();
      // Only the watch connection exists: the job went over it (single-connection printers stay usable).
      const printed = nextReceipt(emulator);
      expect((await printer.print(sampleReceipt())).state).toBe('printed');
      await printed;
      expect(emulator.stats().connections).toBe(1);
      stop();
      await printer.close();
      expect(seen.map((h) => h.reason)).toEqual([null, 'paper-near-end', 'cover-open', null]);
    });
  });

  it('watch(): a dropped watch connection is noticed: reopening fails, so the printer is reported unreachable', async () => {
    await withEmulator(async (emulator) => {
      const printer = printerFor(emulator);
      const seen: DeviceHealth[] = [];
      const waiters: Array<() => void> = [];
      const stop = printer.watch((health) => {
        seen.push(health);
        for (const wake of waiters) wake();
      });
      const when = (wanted: (h: DeviceHealth) => boolean): Promise<DeviceHealth> => healthWhere(seen, (cb) => waiters.push(cb), wanted);
      await when((h) => h.state === 'ok');
      // Close the kept connection from the printer's side: the watcher must notice and reconnect.
      await emulator.close();
      expect(await when((h) => h.reason === 'unreachable')).toMatchObject({ state: 'offline' });
      stop();
      await printer.close();
    });
  });
});

describe('printer replies', () => {
  it('splits automatic status blocks from status bytes and acks, even when an ack id looks like one', () => {
    const ack = Buffer.from([0x37, 0x22, 0x30, 0x31, 0x41, 0x42, 0x00]);
    const block = automaticStatusBlock({ ...INITIAL_STATE, coverOpen: true });
    const { replies, rest } = splitReplies(Buffer.concat([Buffer.from([0x12]), ack, block, Buffer.from([0x37])]));
    expect(replies.map((r) => [r.kind, r.bytes.length])).toEqual([
      ['answer', 1],
      ['answer', 7],
      ['automatic-status', 4],
    ]);
    expect([...rest]).toEqual([0x37]);
    expect(flagsFromAutomaticStatus(block)).toMatchObject({ coverOpen: true, offline: true, paperEnd: false });
  });
});
