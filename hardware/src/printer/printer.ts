import { randomInt } from 'node:crypto';
import type { DeviceHealth } from '@kiosk/shared';
import { layoutReceiptEscPos } from './layout-escpos.js';
import { checkReceipt, type Receipt } from './receipt-model.js';
import { ackDeadlineMs, DEFAULT_PRINTER_PROFILE, type PrinterProfile } from './profile.js';
import { createSerialQueue } from './serial-queue.js';
import { canPrint, printerReason, toDeviceHealth, type PrinterFlags } from './status.js';
import { TransportError, type PrinterConnection } from './reply-buffer.js';
import { queryPrinterFlags } from './status-query.js';
import { completionRequest, findCompletionReply, JOB_ID_LENGTH, jobIdFromCounter } from './escpos-commands.js';
import { deviceTransport, tcpTransport, DEFAULT_PRINTER_PORT, type PrinterTransport } from './printer-transports.js';
import { createStatusWatch, DEFAULT_WATCH_RETRY_MS, type StatusWatch } from './status-watch.js';
import type { DeviceTransportOptions } from './device-transport.js';

export { DEFAULT_PRINTER_PORT } from './printer-transports.js';

/**
 * A receipt printer driven the safe way (hardware.md "A safe job"): status first, then the job
 * with a completion request, and "printed" only on the printer's ack. Works over any transport
 * (TCP 9100, a USB or serial device file); optionally keeps a connection open to hear automatic
 * status (`GS a`) while idle.
 */

export interface PrintOutcome {
  readonly state: 'printed' | 'failed' | 'unknown';
  /** Why it failed or is unknown, machine-readable (`paper-end`, `unreachable`, `no-ack`...). */
  readonly reason: string | null;
  /** A problem that did not stop this job, e.g. `paper-near-end`. */
  readonly warning: string | null;
  /** The printer's health as last seen during this job (null when it was never asked). */
  readonly health: DeviceHealth | null;
}

export interface PrinterOptions {
  readonly transport: PrinterTransport;
  readonly profile?: PrinterProfile;
  /** Clock for `DeviceHealth.since`; injectable for tests. */
  readonly now?: () => Date;
  /** Wait before reopening the kept-open status connection after it failed. */
  readonly watchRetryMs?: number;
}

export interface NetworkPrinterOptions {
  readonly host: string;
  readonly port?: number;
  readonly profile?: PrinterProfile;
  readonly now?: () => Date;
  readonly watchRetryMs?: number;
}

export interface DevicePrinterOptions extends DeviceTransportOptions {
  /** e.g. `/dev/usb/lp0`, `/dev/ttyACM0`. */
  readonly path: string;
  readonly profile?: PrinterProfile;
  readonly now?: () => Date;
  readonly watchRetryMs?: number;
}

export interface ReceiptPrinter {
  /** Lays out, validates and prints one receipt. Never rejects for printer trouble. */
  print(receipt: Receipt): Promise<PrintOutcome>;
  /** Prints ready-made ESC/POS bytes (one receipt, ending with a cut) the same safe way. */
  printBytes(job: Buffer): Promise<PrintOutcome>;
  /** Prints the last job again (the citizen asked for a copy); fails with `nothing-to-reprint` if none. */
  reprintLast(): Promise<PrintOutcome>;
  /** Forgets the last job (session reset: the receipt may carry personal data). */
  forgetLast(): void;
  status(): Promise<DeviceHealth>;
  /** The last health seen, without asking the printer. */
  lastHealth(): DeviceHealth | null;
  /**
   * Keeps a connection open with automatic status back on and calls `listener` on every health
   * change (paper near end, cover opened, unreachable...). Returns a function that stops watching.
   */
  watch(listener: (health: DeviceHealth) => void): () => void;
  /** Waits for queued work, then refuses more. */
  close(): Promise<void>;
}

/** The name the TCP-only printer had first; every transport gives the same interface. */
export type NetworkPrinter = ReceiptPrinter;

type Checked = { kind: 'flags'; flags: PrinterFlags } | { kind: 'unreachable' };

export function createNetworkPrinter(options: NetworkPrinterOptions): ReceiptPrinter {
  return createPrinter({ ...options, transport: tcpTransport(options.host, options.port ?? DEFAULT_PRINTER_PORT) });
}

export function createDevicePrinter(options: DevicePrinterOptions): ReceiptPrinter {
  const transportOptions = options.pollMs === undefined ? {} : { pollMs: options.pollMs };
  return createPrinter({ ...options, transport: deviceTransport(options.path, transportOptions) });
}

export function createPrinter(options: PrinterOptions): ReceiptPrinter {
  const transport = options.transport;
  const profile = options.profile ?? DEFAULT_PRINTER_PROFILE;
  const deadlines = profile.deadlines;
  const now = options.now ?? (() => new Date());
  const queue = createSerialQueue();
  // Random start: a late ack from before a restart never matches a new job's id.
  let jobCounter = randomInt(36 ** JOB_ID_LENGTH);
  let health: DeviceHealth | null = null;
  let lastJob: Buffer | null = null;
  const listeners = new Set<(health: DeviceHealth) => void>();

  const recordHealth = (flags: PrinterFlags | 'unreachable'): DeviceHealth => {
    const next = toDeviceHealth(flags, health, now());
    const changed = next !== health;
    health = next;
    if (changed) for (const listener of listeners) listener(next);
    return next;
  };
  const record = (checked: Checked): DeviceHealth => recordHealth(checked.kind === 'flags' ? checked.flags : 'unreachable');

  const watcher: StatusWatch = createStatusWatch({
    transport,
    deadlines,
    queue,
    retryMs: options.watchRetryMs ?? DEFAULT_WATCH_RETRY_MS,
    report: recordHealth,
  });

  /** The kept-open connection while watching, else a new one (closed after the task). */
  async function acquire(): Promise<{ connection: PrinterConnection; kept: boolean }> {
    const kept = watcher.connection();
    if (kept !== null) return { connection: kept, kept: true };
    return { connection: await transport.open(deadlines.connectMs), kept: false };
  }

  async function check(connection: PrinterConnection): Promise<Checked> {
    try {
      return { kind: 'flags', flags: await queryPrinterFlags(connection, deadlines.statusReplyMs) };
    } catch (error) {
      if (error instanceof TransportError) return { kind: 'unreachable' };
      throw error;
    }
  }

  /** Status on a connection of its own: used alone and to re-check after an unknown result. */
  async function checkFresh(): Promise<DeviceHealth> {
    let acquired: { connection: PrinterConnection; kept: boolean };
    try {
      acquired = await acquire();
    } catch {
      return record({ kind: 'unreachable' });
    }
    try {
      return record(await check(acquired.connection));
    } finally {
      if (!acquired.kept) acquired.connection.destroy();
    }
  }

  async function unknownOutcome(reason: string, warning: string | null): Promise<PrintOutcome> {
    // No ack: the paper may or may not have come out. Look again, but never call it printed.
    const after = await checkFresh();
    return { state: 'unknown', reason, warning, health: after };
  }

  async function runJob(job: Buffer): Promise<PrintOutcome> {
    let acquired: { connection: PrinterConnection; kept: boolean };
    try {
      acquired = await acquire();
    } catch {
      return { state: 'failed', reason: 'unreachable', warning: null, health: record({ kind: 'unreachable' }) };
    }
    const connection = acquired.connection;
    try {
      const checked = await check(connection);
      const before = record(checked);
      if (checked.kind === 'unreachable') return { state: 'failed', reason: 'unreachable', warning: null, health: before };
      if (!canPrint(checked.flags)) {
        return { state: 'failed', reason: printerReason(checked.flags), warning: null, health: before };
      }
      const warning = checked.flags.paperNearEnd ? 'paper-near-end' : null;
      const jobId = jobIdFromCounter(jobCounter);
      jobCounter += 1;
      try {
        await connection.write(Buffer.concat([job, completionRequest(jobId)]), deadlines.writeMs);
      } catch (error) {
        connection.destroy();
        return unknownOutcome(error instanceof TransportError ? error.code : 'write-failed', warning);
      }
      try {
        await connection.read((received) => {
          const consumed = findCompletionReply(received, jobId);
          return consumed === null ? null : { value: true, consumed };
        }, ackDeadlineMs(deadlines, job.length));
      } catch (error) {
        connection.destroy();
        const reason = error instanceof TransportError && error.code === 'closed' ? 'connection-lost' : 'no-ack';
        return unknownOutcome(reason, warning);
      }
      return { state: 'printed', reason: null, warning, health: before };
    } finally {
      if (!acquired.kept) connection.destroy();
    }
  }

  const printJob = (job: Buffer): Promise<PrintOutcome> => {
    lastJob = job;
    return queue.run(() => runJob(job));
  };

  return {
    print(receipt) {
      const problems = checkReceipt(receipt);
      if (problems.length > 0) {
        return Promise.resolve({ state: 'failed', reason: 'invalid-receipt', warning: null, health });
      }
      return printJob(layoutReceiptEscPos(receipt, profile));
    },
    printBytes: printJob,
    reprintLast() {
      if (lastJob === null) return Promise.resolve({ state: 'failed', reason: 'nothing-to-reprint', warning: null, health });
      return printJob(lastJob);
    },
    forgetLast() {
      lastJob = null;
    },
    status() {
      return queue.run(checkFresh);
    },
    lastHealth() {
      return health;
    },
    watch(listener) {
      listeners.add(listener);
      watcher.start();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) watcher.stop();
      };
    },
    async close() {
      listeners.clear();
      watcher.stop();
      await queue.close();
      watcher.dispose();
    },
  };
}
