import type { PrinterDeadlines } from './profile.js';
import type { SerialQueue } from './serial-queue.js';
import { ENABLE_AUTOMATIC_STATUS } from './escpos-commands.js';
import type { PrinterConnection } from './reply-buffer.js';
import type { PrinterTransport } from './printer-transports.js';
import { queryPrinterFlags } from './status-query.js';
import { flagsFromAutomaticStatus, isAutomaticStatusFirstByte, type PrinterFlags } from './status.js';

/**
 * The kept-open status connection of a watched printer: opened through the printer's queue (so
 * it never lands in the middle of a job), asks `DLE EOT` once, then turns automatic status back
 * on and reports every block the printer sends. When it breaks it is reopened after a pause;
 * while it cannot be opened the printer is reported unreachable.
 */

export const DEFAULT_WATCH_RETRY_MS = 5_000;

export interface StatusWatchOptions {
  readonly transport: PrinterTransport;
  readonly deadlines: PrinterDeadlines;
  readonly queue: SerialQueue;
  readonly retryMs: number;
  readonly report: (flags: PrinterFlags | 'unreachable') => void;
}

export interface StatusWatch {
  /** The open connection, or null when not watching (or between reopen attempts). */
  connection(): PrinterConnection | null;
  start(): void;
  stop(): void;
  /** Stops for good (after the queue is closed). */
  dispose(): void;
}

export function createStatusWatch(options: StatusWatchOptions): StatusWatch {
  const { transport, deadlines, queue, retryMs, report } = options;
  let active = false;
  let kept: PrinterConnection | null = null;
  let retryTimer: NodeJS.Timeout | null = null;

  const scheduleOpen = (delayMs: number): void => {
    if (!active || retryTimer !== null) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      // The queue may be closed by now; then there is nothing left to watch for.
      queue.run(open).catch(() => undefined);
    }, delayMs);
  };

  async function open(): Promise<void> {
    if (!active || (kept !== null && !kept.closed)) return;
    let connection: PrinterConnection;
    try {
      connection = await transport.open(deadlines.connectMs);
    } catch {
      report('unreachable');
      scheduleOpen(retryMs);
      return;
    }
    connection.onAutomaticStatus((block) => {
      if (block[0] !== undefined && isAutomaticStatusFirstByte(block[0])) report(flagsFromAutomaticStatus(block));
    });
    connection.onClose(() => {
      if (kept !== connection) return;
      kept = null;
      // Reopen at once: a job that failed on it closed it, or the printer dropped it.
      scheduleOpen(0);
    });
    try {
      report(await queryPrinterFlags(connection, deadlines.statusReplyMs));
      await connection.write(ENABLE_AUTOMATIC_STATUS, deadlines.writeMs);
    } catch {
      connection.destroy();
      report('unreachable');
      scheduleOpen(retryMs);
      return;
    }
    if (!active) {
      connection.destroy();
      return;
    }
    kept = connection;
  }

  return {
    connection: () => (kept !== null && !kept.closed ? kept : null),
    start() {
      if (active) return;
      active = true;
      queue.run(open).catch(() => undefined);
    },
    stop() {
      active = false;
      if (retryTimer !== null) clearTimeout(retryTimer);
      retryTimer = null;
      const connection = kept;
      kept = null;
      // Through the queue: a job may be using the connection right now.
      if (connection !== null) queue.run(() => Promise.resolve(connection.destroy())).catch(() => connection.destroy());
    },
    dispose() {
      active = false;
      if (retryTimer !== null) clearTimeout(retryTimer);
      retryTimer = null;
      kept?.destroy();
      kept = null;
    },
  };
}
