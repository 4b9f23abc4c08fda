import type { PrinterProfile } from '../printer/profile.js';
import type { EmulatorState } from './emulator-state.js';
import type { EmulatedReceipt } from './receipt-store.js';

/** The printer emulator's public shape: its options, statistics and handle. */

/** What happened on which connection, in order: lets tests check ordering without timing. */
export interface EmulatorActivity {
  readonly connection: number;
  readonly event: 'connected' | 'status-query' | 'job-started' | 'ack-sent' | 'closed';
}

export interface PrinterEmulatorOptions {
  readonly host?: string;
  /** TCP port of the printer; 0 picks a free one. */
  readonly port?: number;
  /** HTTP port of the inspection side; 0 picks a free one, null starts none. */
  readonly httpPort?: number | null;
  readonly profile?: PrinterProfile;
  readonly maxReceipts?: number;
  readonly initialState?: EmulatorState;
  readonly now?: () => Date;
}

export interface EmulatorStats {
  readonly connections: number;
  /** Connections reset by the `refuse-second-connection` fault (not counted in `connections`). */
  readonly refusedConnections: number;
  readonly activeConnections: number;
  readonly maxConcurrentConnections: number;
  readonly bytesReceived: number;
  readonly unknownCommands: number;
  readonly ignoredCommands: number;
  /** Commands waiting for the printer to be able to print again. */
  readonly heldCommands: number;
}

export interface PrinterEmulator {
  readonly host: string;
  readonly port: number;
  /** null when started without the HTTP side. */
  readonly httpPort: number | null;
  readonly profile: PrinterProfile;
  receipts(): EmulatedReceipt[];
  receipt(id: string): EmulatedReceipt | undefined;
  /** The receipt drawn as the paper looks (PNG at the profile's width); undefined for an unknown id. */
  receiptPng(id: string): Buffer | undefined;
  clearReceipts(): void;
  state(): EmulatorState;
  /** Validates and applies a (possibly untrusted) patch; throws StatePatchError when invalid. */
  setState(patch: unknown): EmulatorState;
  onReceipt(listener: (receipt: EmulatedReceipt) => void): () => void;
  stats(): EmulatorStats;
  activity(): EmulatorActivity[];
  close(): Promise<void>;
}
