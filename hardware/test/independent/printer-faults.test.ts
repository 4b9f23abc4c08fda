import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ackDeadlineMs, createNetworkPrinter, layoutReceiptEscPos, type PrintOutcome } from '../../src/index.js';
import type { FaultMode, FaultStage, PrinterEmulator } from '../../src/sim/index.js';
import { sampleReceipt, TEST_PROFILE, withEmulator } from '../fixtures.js';

/**
 * Every misbehaviour of the emulated printer, driven through the real network printer: the kiosk
 * is told the truth (printed / failed / unknown) and no job is lost or printed twice.
 *
 * What the kiosk must do with each outcome (the agent's print step follows this):
 * - `printed`: the printer acked the job; done.
 * - `failed`: nothing was sent to the paper (the status check said it cannot print, or it could not
 *   be reached). Tell the citizen, show the receipt on screen; printing again later is safe.
 * - `unknown`: the job was sent but no ack came. The paper may have come out (see `reply-late`
 *   below, where it did). The printer has already re-checked its status (`outcome.health`). Never
 *   print again automatically: tell the citizen to look at the tray and offer a "print a copy"
 *   button that calls `reprintLast()` only when they press it.
 */

const SLOW_REPLY_MS = 10_000;
/** Serials make each test's receipt recognisable on the paper ("#<serial>"). */
let nextSerial = 100;

interface FaultCase {
  readonly mode: FaultMode;
  readonly stage: FaultStage;
  readonly state: PrintOutcome['state'];
  readonly reasons: readonly string[];
  /** Complete (cut) copies on the paper right after the faulty attempt. */
  readonly copies: 0 | 1;
  /** Whether a partial, uncut piece of the job came out (the line dropped half-way). */
  readonly fragment: boolean;
}

const CASES: readonly FaultCase[] = [
  { mode: 'never-read', stage: 'connect', state: 'failed', reasons: ['unreachable'], copies: 0, fragment: false },
  // The job fits the kernel's socket buffers, so the write "succeeds" and the ack never comes; a
  // bigger job would stop at the write deadline instead.
  { mode: 'never-read', stage: 'job', state: 'unknown', reasons: ['no-ack', 'write-timeout'], copies: 0, fragment: false },
  { mode: 'close-without-reply', stage: 'connect', state: 'failed', reasons: ['unreachable'], copies: 0, fragment: false },
  // `closed` when the close lands while the job is still being written, else `connection-lost`.
  { mode: 'close-without-reply', stage: 'job', state: 'unknown', reasons: ['connection-lost', 'closed'], copies: 0, fragment: false },
  { mode: 'reply-late', stage: 'connect', state: 'failed', reasons: ['unreachable'], copies: 0, fragment: false },
  // The worst case for duplicates: the receipt came out, but the ack is too late to count.
  { mode: 'reply-late', stage: 'job', state: 'unknown', reasons: ['no-ack'], copies: 1, fragment: false },
  // drop-mid-job has no `connect` stage: the drop happens half-way through a job by definition.
  { mode: 'drop-mid-job', stage: 'job', state: 'unknown', reasons: ['connection-lost', 'closed'], copies: 0, fragment: true },
  // Another host holds the printer's only session (the stage does not matter for this fault).
  { mode: 'refuse-second-connection', stage: 'job', state: 'failed', reasons: ['unreachable'], copies: 0, fragment: false },
];

/**
 * A hang guard, not a speed check: the longest a print may take by the profile's own deadlines
 * (connect, status, write, ack, then the re-check), times a margin for a noisy machine.
 */
const HANG_MARGIN = 4;
function withinDeadlines<T>(promise: Promise<T>, jobBytes: number): Promise<T> {
  const d = TEST_PROFILE.deadlines;
  const bound = HANG_MARGIN * (2 * d.connectMs + 2 * d.statusReplyMs + d.writeMs + ackDeadlineMs(d, jobBytes));
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`print did not settle within its deadlines (${bound} ms)`)), bound);
  });
  return Promise.race([promise, hang]).finally(() => clearTimeout(timer));
}

/** A session held open by someone else; resolves once the printer has answered it (so it is registered). */
function holdSession(emulator: PrinterEmulator): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: emulator.port }, () => socket.write(Buffer.from([0x10, 0x04, 0x01])));
    socket.once('data', () => resolve(socket));
    socket.once('error', reject);
  });
}

/**
 * Complete copies carry the serial; an uncut fragment may stop before it, so fragments are counted
 * on the whole paper (every test has an emulator of its own).
 */
function copiesOf(emulator: PrinterEmulator, serial: string): { cut: number; uncut: number } {
  const receipts = emulator.receipts();
  return { cut: receipts.filter((r) => r.cut && r.text.includes(`#${serial}`)).length, uncut: receipts.filter((r) => !r.cut).length };
}

/** A dropped job's fragment is the start of the receipt, not something else. */
function expectFragmentIsStartOf(emulator: PrinterEmulator, serial: string): void {
  const fragment = emulator.receipts().find((r) => !r.cut);
  const full = emulator.receipts().find((r) => r.cut && r.text.includes(`#${serial}`));
  const fragmentLines = fragment?.text.split('\n') ?? [];
  const fullLines = full?.text.split('\n') ?? [];
  expect(fragmentLines.length).toBeGreaterThan(0);
  expect(fullLines.slice(0, fragmentLines.length - 1)).toEqual(fragmentLines.slice(0, -1));
  expect(fullLines[fragmentLines.length - 1]?.startsWith(fragmentLines.at(-1) ?? '')).toBe(true);
}

describe('printer faults: the truth within the deadlines, never a lost or doubled receipt', () => {
  for (const fault of CASES) {
    it(`${fault.mode} (${fault.stage}): ${fault.state}, ${fault.copies} cop${fault.copies === 1 ? 'y' : 'ies'}, reprint only on request`, async () => {
      await withEmulator(async (emulator) => {
        const serial = String((nextSerial += 1)).padStart(6, '0');
        const receipt = sampleReceipt({ serial });
        const printer = createNetworkPrinter({ host: '127.0.0.1', port: emulator.port, profile: TEST_PROFILE });
        const holder = fault.mode === 'refuse-second-connection' ? await holdSession(emulator) : null;
        try {
          emulator.setState({ fault: { mode: fault.mode, stage: fault.stage, delayMs: SLOW_REPLY_MS } });
          const jobBytes = layoutReceiptEscPos(receipt, TEST_PROFILE).length;
          const outcome = await withinDeadlines(printer.print(receipt), jobBytes);

          expect(outcome.state).toBe(fault.state);
          expect(fault.reasons).toContain(outcome.reason);
          // "unknown" comes with a fresh look at the printer, which answers status again.
          if (outcome.state === 'unknown') expect(outcome.health).toMatchObject({ state: 'ok' });
          else expect(outcome.health).toMatchObject({ state: 'offline', reason: 'unreachable' });

          // The fault clears. Any retry the printer made on its own would be queued before this
          // status call (one queue per printer), so after it the paper shows everything.
          emulator.setState({ fault: { mode: 'none' } });
          holder?.destroy();
          expect(await withinDeadlines(printer.status(), 0)).toMatchObject({ state: 'ok' });
          expect(copiesOf(emulator, serial)).toEqual({ cut: fault.copies, uncut: fault.fragment ? 1 : 0 });

          // A copy is the caller's decision (the citizen pressed "print a copy"), and prints once.
          const copy = await withinDeadlines(printer.reprintLast(), jobBytes);
          expect(copy.state).toBe('printed');
          expect(copiesOf(emulator, serial).cut).toBe(fault.copies + 1);
          if (fault.fragment) expectFragmentIsStartOf(emulator, serial);
        } finally {
          holder?.destroy();
          await printer.close();
        }
      });
    });
  }

  it('a later job is never held back or duplicated by an earlier unknown one', async () => {
    await withEmulator(async (emulator) => {
      const printer = createNetworkPrinter({ host: '127.0.0.1', port: emulator.port, profile: TEST_PROFILE });
      try {
        emulator.setState({ fault: { mode: 'close-without-reply', stage: 'job' } });
        const first = sampleReceipt({ serial: '000901' });
        expect((await printer.print(first)).state).toBe('unknown');
        emulator.setState({ fault: { mode: 'none' } });
        const second = sampleReceipt({ serial: '000902' });
        expect((await printer.print(second)).state).toBe('printed');
        expect(copiesOf(emulator, '000901')).toEqual({ cut: 0, uncut: 0 });
        expect(copiesOf(emulator, '000902')).toEqual({ cut: 1, uncut: 0 });
      } finally {
        await printer.close();
      }
    });
  });
});
