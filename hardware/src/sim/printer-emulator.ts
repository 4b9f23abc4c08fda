import { EventEmitter } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import { completionReply } from '../printer/escpos-commands.js';
import { DEFAULT_PRINTER_PROFILE } from '../printer/profile.js';
import { isRealTime, type EscPosCommand } from './escpos-commands.js';
import { createEscPosParser, type EscPosParser } from './escpos-parser.js';
import {
  applyStatePatch,
  automaticStatusBlock,
  canPrintIn,
  INITIAL_STATE,
  paperSensorByte,
  realtimeStatusByte,
  type EmulatorState,
} from './emulator-state.js';
import { startEmulatorHttp, type EmulatorHttp } from './emulator-http.js';
import { Paper } from './paper.js';
import { renderPaperPng } from './printer-png.js';
import { ReceiptStore, type EmulatedReceipt } from './receipt-store.js';
import type { EmulatorActivity, PrinterEmulator, PrinterEmulatorOptions } from './printer-emulator-types.js';

export type { EmulatorActivity, EmulatorStats, PrinterEmulator, PrinterEmulatorOptions } from './printer-emulator-types.js';

/**
 * An ESC/POS network printer on a TCP port: a real protocol peer, not a mock. It parses the byte
 * stream, answers `DLE EOT` at once from its state, acks `GS ( H` only once everything before it
 * is printed, holds the job while it cannot print, and can be told to misbehave.
 */

export const DEFAULT_EMULATOR_HOST = '127.0.0.1';
export const DEFAULT_EMULATOR_PORT = 9100;
export const DEFAULT_EMULATOR_HTTP_PORT = 9180;
export const DEFAULT_MAX_RECEIPTS = 500;
/** Activity entries kept for tests and the HTTP side. */
export const ACTIVITY_LOG_SIZE = 1_000;

interface Connection {
  readonly number: number;
  readonly socket: Socket;
  readonly parser: EscPosParser;
  /** Set once it sent anything but real-time status queries. */
  jobStarted: boolean;
  automaticStatus: boolean;
  readonly timers: Set<NodeJS.Timeout>;
}

type Held = { command: EscPosCommand; connection: Connection };

export async function startPrinterEmulator(options: PrinterEmulatorOptions = {}): Promise<PrinterEmulator> {
  const host = options.host ?? DEFAULT_EMULATOR_HOST;
  const now = options.now ?? (() => new Date());
  const profile = options.profile ?? DEFAULT_PRINTER_PROFILE;
  const store = new ReceiptStore(options.maxReceipts ?? DEFAULT_MAX_RECEIPTS, now);
  const events = new EventEmitter();
  const paper = new Paper();
  const connections = new Set<Connection>();
  let held: Held[] = [];
  let state: EmulatorState = options.initialState ?? INITIAL_STATE;
  let activity: EmulatorActivity[] = [];
  const log = (connection: Connection, event: EmulatorActivity['event']): void => {
    activity.push({ connection: connection.number, event });
    if (activity.length > ACTIVITY_LOG_SIZE) activity = activity.slice(-ACTIVITY_LOG_SIZE);
  };
  const stats = { connections: 0, refusedConnections: 0, maxConcurrentConnections: 0, bytesReceived: 0, unknownCommands: 0, ignoredCommands: 0 };

  const faultApplies = (connection: Connection): boolean =>
    state.fault.mode !== 'none' && (state.fault.stage === 'connect' || connection.jobStarted);

  function reply(connection: Connection, bytes: Buffer, event?: EmulatorActivity['event']): void {
    const send = (): void => {
      if (connection.socket.destroyed) return;
      connection.socket.write(bytes);
      if (event) log(connection, event);
    };
    if (state.fault.mode === 'reply-late' && faultApplies(connection)) {
      const timer = setTimeout(() => {
        connection.timers.delete(timer);
        send();
      }, state.fault.delayMs);
      connection.timers.add(timer);
    } else {
      send();
    }
  }

  function finishReceipt(receipt: EmulatedReceipt): void {
    events.emit('receipt', receipt);
  }

  /** Runs a command that needs the printer able to print. */
  function execute(command: EscPosCommand, connection: Connection): void {
    switch (command.kind) {
      case 'completion-request':
        reply(connection, completionReply(command.jobId), 'ack-sent');
        return;
      case 'transmit-status':
        reply(connection, Buffer.from([command.n === 1 ? paperSensorByte(state) : 0x00]));
        return;
      case 'automatic-status':
        connection.automaticStatus = command.n !== 0;
        if (connection.automaticStatus) reply(connection, automaticStatusBlock(state));
        return;
      case 'unknown':
        stats.unknownCommands += 1;
        return;
      case 'ignored':
        stats.ignoredCommands += 1;
        return;
      default: {
        const content = paper.apply(command);
        if (content !== null) finishReceipt(store.add(content, true));
      }
    }
  }

  function accept(command: EscPosCommand, connection: Connection): void {
    if (command.kind === 'realtime-status') {
      // Answered at once, even offline or with a full buffer (hardware.md).
      log(connection, 'status-query');
      const byte = realtimeStatusByte(state, command.n);
      if (byte !== null) reply(connection, Buffer.from([byte]));
      return;
    }
    if (!canPrintIn(state) || held.length > 0) held.push({ command, connection });
    else execute(command, connection);
  }

  function drainHeld(): void {
    while (held.length > 0 && canPrintIn(state)) {
      const next = held.shift();
      if (next) execute(next.command, next.connection);
    }
  }

  function dropMidJob(connection: Connection, commands: EscPosCommand[]): void {
    // Half the job arrives, then the line goes dead: the paper shows what got through, uncut.
    for (const command of commands.slice(0, Math.floor(commands.length / 2))) accept(command, connection);
    if (paper.hasContent()) finishReceipt(store.add(paper.tearOff(), false));
    connection.socket.destroy();
  }

  function onData(connection: Connection, chunk: Buffer): void {
    stats.bytesReceived += chunk.length;
    if (state.fault.stage === 'connect' && state.fault.mode === 'close-without-reply') {
      connection.socket.destroy();
      return;
    }
    const commands = connection.parser.push(chunk);
    for (let i = 0; i < commands.length; i += 1) {
      const command = commands[i];
      if (command === undefined || connection.socket.destroyed) return;
      if (!connection.jobStarted && !isRealTime(command)) {
        connection.jobStarted = true;
        log(connection, 'job-started');
        const mode = state.fault.stage === 'job' ? state.fault.mode : 'none';
        if (mode === 'never-read') {
          connection.socket.pause();
          return;
        }
        if (mode === 'close-without-reply') {
          connection.socket.destroy();
          return;
        }
        if (mode === 'drop-mid-job') {
          dropMidJob(connection, commands.slice(i));
          return;
        }
      }
      accept(command, connection);
    }
  }

  function onConnection(socket: Socket): void {
    if (state.fault.mode === 'refuse-second-connection' && connections.size > 0) {
      // Like a single-session network printer: the busy port resets the newcomer.
      stats.refusedConnections += 1;
      socket.on('error', () => undefined);
      socket.resetAndDestroy();
      return;
    }
    stats.connections += 1;
    const connection: Connection = {
      number: stats.connections,
      socket,
      parser: createEscPosParser(),
      jobStarted: false,
      automaticStatus: false,
      timers: new Set(),
    };
    connections.add(connection);
    log(connection, 'connected');
    stats.maxConcurrentConnections = Math.max(stats.maxConcurrentConnections, connections.size);
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      for (const timer of connection.timers) clearTimeout(timer);
      connections.delete(connection);
      log(connection, 'closed');
    });
    if (state.fault.stage === 'connect' && state.fault.mode === 'never-read') {
      // Accept, then never read: the client's bytes pile up in the kernel.
      socket.pause();
      return;
    }
    socket.on('data', (chunk: Buffer) => onData(connection, chunk));
  }

  const server: Server = createServer(onConnection);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_EMULATOR_PORT, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;

  const emulator: PrinterEmulator = {
    host,
    port,
    httpPort: null,
    profile,
    receipts: () => store.list(),
    receipt: (id) => store.get(id),
    receiptPng(id) {
      const receipt = store.get(id);
      return receipt === undefined ? undefined : renderPaperPng(receipt.lines, profile);
    },
    clearReceipts: () => store.clear(),
    state: () => state,
    setState(patch) {
      state = applyStatePatch(state, patch);
      for (const connection of connections) {
        if (connection.automaticStatus) reply(connection, automaticStatusBlock(state));
      }
      drainHeld();
      return state;
    },
    onReceipt(listener) {
      events.on('receipt', listener);
      return () => events.off('receipt', listener);
    },
    stats: () => ({ ...stats, activeConnections: connections.size, heldCommands: held.length }),
    activity: () => [...activity],
    async close() {
      await http?.close();
      for (const connection of connections) connection.socket.destroy();
      held = [];
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  let http: EmulatorHttp | null = null;
  if (options.httpPort !== null) {
    try {
      http = await startEmulatorHttp(emulator, host, options.httpPort ?? DEFAULT_EMULATOR_HTTP_PORT);
    } catch (error) {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      throw error;
    }
  }
  return { ...emulator, httpPort: http?.port ?? null };
}
