import { randomInt } from 'node:crypto';
import type { DeviceHealth } from '@kiosk/shared';
import { layoutReceiptEscPos } from './layout-escpos.js';
import { checkReceipt, type Receipt } from './receipt-model.js';
import { ackDeadlineMs, DEFAULT_PRINTER_PROFILE, type PrinterProfile } from './profile.js';
import { createSerialQueue } from './serial-queue.js';
import { canPrint, printerReason, toDeviceHealth, type PrinterFlags } from './status.js';
import { openPrinterConnection, TransportError, type PrinterConnection } from './tcp-transport.js';
import { queryPrinterFlags } from './status-query.js';
import { completionRequest, findCompletionReply, JOB_ID_LENGTH, jobIdFromCounter } from './escpos-commands.js';

/**
 * A network receipt printer (raw TCP, port 9100) driven the safe way (hardware.md "A safe job"):
 * status first, then the job with a completion request, and "printed" only on the printer's ack.
 */

export const DEFAULT_PRINTER_PORT = 9100;

export interface PrintOutcome {
  readonly state: 'printed' | 'failed' | 'unknown';
  /** Why it failed or is unknown, machine-readable (`paper-end`, `unreachable`, `no-ack`...). */
  readonly reason: string | null;
  /** A problem that did not stop this job, e.g. `paper-near-end`. */
  readonly warning: string | null;
  /** The printer's health as last seen during this job (null when it was never asked). */
  readonly health: DeviceHealth | null;
}

export interface NetworkPrinterOptions {
  readonly host: string;
  readonly port?: number;
  readonly profile?: PrinterProfile;
  /** Clock for `DeviceHealth.since`; injectable for tests. */
  readonly now?: () => Date;
}

export interface NetworkPrinter {
  /** Lays out, validates and prints one receipt. Never rejects for printer trouble. */
  print(receipt: Receipt): Promise<PrintOutcome>;
  /** Prints ready-made ESC/POS bytes (one receipt, ending with a cut) the same safe way. */
  printBytes(job: Buffer): Promise<PrintOutcome>;
  status(): Promise<DeviceHealth>;
  /** The last health seen, without asking the printer. */
  lastHealth(): DeviceHealth | null;
  /** Waits for queued work, then refuses more. */
  close(): Promise<void>;
}

type Checked = { kind: 'flags'; flags: PrinterFlags } | { kind: 'unreachable' };

export function createNetworkPrinter(options: NetworkPrinterOptions): NetworkPrinter {
  const host = options.host;
  const port = options.port ?? DEFAULT_PRINTER_PORT;
  const profile = options.profile ?? DEFAULT_PRINTER_PROFILE;
  const deadlines = profile.deadlines;
  const now = options.now ?? (() => new Date());
  const queue = createSerialQueue();
  // Random start: a late ack from before a restart never matches a new job's id.
  let jobCounter = randomInt(36 ** JOB_ID_LENGTH);
  let health: DeviceHealth | null = null;

  const record = (checked: Checked): DeviceHealth => {
    health = toDeviceHealth(checked.kind === 'flags' ? checked.flags : 'unreachable', health, now());
    return health;
  };

  const connect = (): Promise<PrinterConnection> => openPrinterConnection(host, port, deadlines.connectMs);

  async function check(connection: PrinterConnection): Promise<Checked> {
    try {
      return { kind: 'flags', flags: await queryPrinterFlags(connection, deadlines.statusReplyMs) };
    } catch (error) {
      if (error instanceof TransportError) return { kind: 'unreachable' };
      throw error;
    }
  }

  /** Status on a fresh connection: used on its own and to re-check after an unknown result. */
  async function checkFresh(): Promise<DeviceHealth> {
    let connection: PrinterConnection;
    try {
      connection = await connect();
    } catch {
      return record({ kind: 'unreachable' });
    }
    try {
      return record(await check(connection));
    } finally {
      connection.destroy();
    }
  }

  async function unknownOutcome(reason: string, warning: string | null): Promise<PrintOutcome> {
    // No ack: the paper may or may not have come out. Look again, but never call it printed.
    const after = await checkFresh();
    return { state: 'unknown', reason, warning, health: after };
  }

  async function runJob(job: Buffer): Promise<PrintOutcome> {
    let connection: PrinterConnection;
    try {
      connection = await connect();
    } catch {
      return { state: 'failed', reason: 'unreachable', warning: null, health: record({ kind: 'unreachable' }) };
    }
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
      connection.destroy();
    }
  }

  return {
    print(receipt) {
      const problems = checkReceipt(receipt);
      if (problems.length > 0) {
        return Promise.resolve({ state: 'failed', reason: 'invalid-receipt', warning: null, health });
      }
      return queue.run(() => runJob(layoutReceiptEscPos(receipt, profile)));
    },
    printBytes(job) {
      return queue.run(() => runJob(job));
    },
    status() {
      return queue.run(checkFresh);
    },
    lastHealth() {
      return health;
    },
    close() {
      return queue.close();
    },
  };
}
