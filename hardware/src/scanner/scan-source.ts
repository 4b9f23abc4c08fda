import type { PayloadRejectReason, ScanPayload } from './payload.js';

/** Where a scan came from: the three kinds of reader a kiosk may have. */
export type ScanOrigin = 'serial' | 'keyboard-wedge' | 'camera';

/**
 * The one event every scanner emits. `payload` is already validated and classified: garbage,
 * binary and over-long input never becomes a `scan`, it becomes a `rejected` with a reason.
 */
export interface ScanEvent {
  readonly origin: ScanOrigin;
  readonly payload: ScanPayload;
  /** Milliseconds since the epoch (or the fake clock's time in tests). */
  readonly at: number;
}

/** A read that was refused; it carries only the reason and length, never the bytes (could be personal). */
export interface ScanRejection {
  readonly origin: ScanOrigin;
  readonly reason: PayloadRejectReason;
  readonly length: number;
  readonly at: number;
}

/** Connection state of a source, for device health (DevicesHealth.scanner). */
export type ScanSourceState = 'starting' | 'connected' | 'disconnected' | 'stopped';

export interface ScanSourceListeners {
  readonly scan?: (event: ScanEvent) => void;
  readonly rejected?: (rejection: ScanRejection) => void;
  /** `since`: when the new state began (milliseconds since the epoch), when the source knows better than "now". */
  readonly state?: (state: ScanSourceState, reason: string | null, since?: number) => void;
}

/** What the agent sees of any scanner: start it, listen, stop it. */
export interface ScanSource {
  readonly origin: ScanOrigin;
  readonly state: ScanSourceState;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Adds listeners; returns a function that removes them. */
  listen(listeners: ScanSourceListeners): () => void;
}

/** The listener bookkeeping every source shares. */
export class ScanEmitter {
  private readonly listeners = new Set<ScanSourceListeners>();
  state: ScanSourceState = 'stopped';
  reason: string | null = null;

  constructor(readonly origin: ScanOrigin) {}

  listen(listeners: ScanSourceListeners): () => void {
    this.listeners.add(listeners);
    return () => this.listeners.delete(listeners);
  }

  emitScan(payload: ScanPayload, at: number): void {
    const event: ScanEvent = { origin: this.origin, payload, at };
    for (const l of this.listeners) l.scan?.(event);
  }

  emitRejected(reason: PayloadRejectReason, length: number, at: number): void {
    const rejection: ScanRejection = { origin: this.origin, reason, length, at };
    for (const l of this.listeners) l.rejected?.(rejection);
  }

  /** A change of state; the same state again is ignored, even with another reason (the first reason stands). */
  setState(state: ScanSourceState, reason: string | null = null, since?: number): void {
    if (state === this.state) return;
    this.notify(state, reason, since);
  }

  /** Like setState, but a new reason for the same state is reported too (a camera file that was missing, then stale). */
  report(state: ScanSourceState, reason: string | null, since?: number): void {
    if (state === this.state && reason === this.reason) return;
    this.notify(state, reason, since);
  }

  private notify(state: ScanSourceState, reason: string | null, since: number | undefined): void {
    this.state = state;
    this.reason = reason;
    for (const l of this.listeners) l.state?.(state, reason, since);
  }
}
