import { existsSync } from 'node:fs';
import { SerialPort } from 'serialport';
import { classifyScanPayload, type PayloadOptions } from './payload.js';
import { ScanFramer, DEFAULT_MAX_FRAME_BYTES, type FramerOutput } from './scan-framer.js';
import { ScanEmitter, type ScanSource, type ScanSourceListeners, type ScanSourceState } from './scan-source.js';

/**
 * A QR scanner on a serial port (USB CDC `/dev/ttyACM*`, RS-232, or a pseudo-terminal). The path is
 * always explicit: `SerialPort.list()` fails where udev is absent. An unplug (the port closes with
 * `disconnected`) moves to `disconnected` and reopens with growing back-off until the device is
 * back; modem-line ioctl errors, which every pseudo-terminal raises, are ignored.
 */

export const SERIAL_SCANNER_DEFAULTS = {
  /** RS-232 scanners default to 9600 8N1; USB CDC ignores the rate. */
  baudRate: 9600,
  /** Ends a scan from a scanner configured with no suffix; a real burst has no gaps this long. */
  interByteTimeoutMs: 80,
  reopenInitialMs: 200,
  reopenMaxMs: 5_000,
  maxFrameBytes: DEFAULT_MAX_FRAME_BYTES,
  /** Fallback unplug check: how often the device path is looked for while connected. */
  presenceCheckMs: 1_000,
} as const;

/** The part of a serialport stream the scanner uses, so tests may pass SerialPortMock. */
export interface SerialPortLike {
  open(callback: (error: Error | null) => void): void;
  close(callback?: (error?: Error | null) => void): void;
  readonly isOpen: boolean;
  on(event: 'data', listener: (chunk: Buffer) => void): this;
  on(event: 'close', listener: (error?: (Error & { disconnected?: boolean }) | null) => void): this;
  on(event: 'error', listener: (error: Error) => void): this;
  removeAllListeners(): this;
}

export interface SerialScannerOptions extends PayloadOptions {
  readonly path: string;
  readonly baudRate?: number;
  readonly interByteTimeoutMs?: number;
  readonly reopenInitialMs?: number;
  readonly reopenMaxMs?: number;
  readonly maxFrameBytes?: number;
  readonly presenceCheckMs?: number;
  /** Strip a leading AIM symbology identifier such as `]Q1` (default true). */
  readonly stripAimPrefix?: boolean;
  readonly now?: () => number;
  readonly createPort?: (path: string, baudRate: number) => SerialPortLike;
}

const defaultCreatePort = (path: string, baudRate: number): SerialPortLike =>
  // hupcl false: dropping DTR on close would reset some scanners and fails on a pty anyway.
  new SerialPort({ path, baudRate, autoOpen: false, hupcl: false, lock: false });

/** The harmless errors of modem-control lines (DTR/RTS) on devices that have none, e.g. a pty. */
export const isModemLineError = (error: Error): boolean => /ioctl|Inappropriate|ENOTTY|modem/i.test(error.message);

const AIM_BYTES = /^\][A-Za-z][0-9A-Za-z]/;

export class SerialScanner implements ScanSource {
  readonly origin = 'serial' as const;
  private readonly emitter = new ScanEmitter('serial');
  private readonly framer: ScanFramer;
  private readonly options: Required<Omit<SerialScannerOptions, keyof PayloadOptions>> & PayloadOptions;
  private port: SerialPortLike | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private reopenTimer: NodeJS.Timeout | null = null;
  private presenceTimer: NodeJS.Timeout | null = null;
  private hungUp = false;
  private reopenDelay: number;
  private stopping = false;

  constructor(options: SerialScannerOptions) {
    this.options = {
      baudRate: SERIAL_SCANNER_DEFAULTS.baudRate,
      interByteTimeoutMs: SERIAL_SCANNER_DEFAULTS.interByteTimeoutMs,
      reopenInitialMs: SERIAL_SCANNER_DEFAULTS.reopenInitialMs,
      reopenMaxMs: SERIAL_SCANNER_DEFAULTS.reopenMaxMs,
      maxFrameBytes: SERIAL_SCANNER_DEFAULTS.maxFrameBytes,
      presenceCheckMs: SERIAL_SCANNER_DEFAULTS.presenceCheckMs,
      stripAimPrefix: true,
      now: Date.now,
      createPort: defaultCreatePort,
      ...options,
    };
    this.framer = new ScanFramer(this.options.maxFrameBytes);
    this.reopenDelay = this.options.reopenInitialMs;
  }

  get state(): ScanSourceState {
    return this.emitter.state;
  }

  listen(listeners: ScanSourceListeners): () => void {
    return this.emitter.listen(listeners);
  }

  /** Opens the port. Resolves once open; if the device is absent it keeps retrying in the background. */
  async start(): Promise<void> {
    this.stopping = false;
    this.emitter.setState('starting');
    await this.tryOpen();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.clearTimers();
    const port = this.port;
    this.port = null;
    if (port !== null) {
      port.removeAllListeners();
      port.on('error', () => undefined);
      if (port.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    }
    this.framer.reset();
    this.emitter.setState('stopped');
  }

  private async tryOpen(): Promise<void> {
    const port = this.options.createPort(this.options.path, this.options.baudRate);
    const error = await new Promise<Error | null>((resolve) => port.open(resolve));
    if (this.stopping) {
      if (error === null) port.close();
      return;
    }
    if (error !== null && !isModemLineError(error)) {
      port.removeAllListeners();
      this.emitter.setState('disconnected', 'open-failed');
      this.scheduleReopen();
      return;
    }
    this.port = port;
    this.reopenDelay = this.options.reopenInitialMs;
    port.on('data', (chunk) => this.onData(chunk));
    port.on('error', (err) => {
      // Modem-line errors are noise on a pty; anything else shows in health, and 'close' follows.
      if (!isModemLineError(err)) this.emitter.setState('disconnected', 'port-error');
    });
    port.on('close', (err) => this.onClose(err ?? null));
    this.watchForHangup(port);
    this.emitter.setState('connected');
  }

  /**
   * serialport 13 misses a pty hang-up: its read gets 0 bytes and retries at once, forever. Asking
   * its poller for the disconnect event makes the hang-up surface as an error (and a close with
   * `disconnected`); the path check is a fallback for bindings without a poller (a vanished
   * /dev/ttyACM0 or socat link means the device is gone).
   */
  private watchForHangup(port: SerialPortLike): void {
    this.hungUp = false;
    const poller = (port as { port?: { poller?: { once?: (event: string, cb: (error: Error | null) => void) => void } } }).port?.poller;
    poller?.once?.('disconnect', (error) => {
      if ((error as { canceled?: boolean } | null)?.canceled === true) return;
      this.hangUp(port);
    });
    this.presenceTimer = setInterval(() => {
      if (!existsSync(this.options.path)) this.hangUp(port);
    }, this.options.presenceCheckMs);
    this.presenceTimer.unref();
  }

  private hangUp(port: SerialPortLike): void {
    if (this.port !== port) return;
    this.hungUp = true;
    if (port.isOpen) port.close();
    else this.onClose(null);
  }

  private onData(chunk: Buffer): void {
    this.handle(this.framer.push(chunk));
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.idleTimer = this.framer.hasPending
      ? setTimeout(() => {
          this.idleTimer = null;
          this.handle(this.framer.flush());
        }, this.options.interByteTimeoutMs)
      : null;
  }

  private handle(outputs: FramerOutput[]): void {
    const at = this.options.now();
    for (const output of outputs) {
      if (output.kind === 'overflow') {
        this.emitter.emitRejected('too-long', output.length, at);
        continue;
      }
      let bytes = output.bytes;
      if (this.options.stripAimPrefix && bytes.length >= 3 && AIM_BYTES.test(String.fromCharCode(...bytes.subarray(0, 3)))) {
        bytes = bytes.subarray(3);
      }
      const check = classifyScanPayload(bytes, this.options);
      if (check.ok) this.emitter.emitScan(check, at);
      else this.emitter.emitRejected(check.reason, bytes.length, at);
    }
  }

  private onClose(error: (Error & { disconnected?: boolean }) | null): void {
    if (this.port === null) return; // already handled (close after a detected hang-up)
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    if (this.presenceTimer !== null) clearInterval(this.presenceTimer);
    this.idleTimer = null;
    this.presenceTimer = null;
    // A scan cut off by the unplug is incomplete: drop it rather than guess.
    this.framer.reset();
    this.port.removeAllListeners();
    // A late error from the dead port must not become an unhandled 'error' event.
    this.port.on('error', () => undefined);
    this.port = null;
    if (this.stopping) return;
    this.emitter.setState('disconnected', error?.disconnected === true || this.hungUp ? 'unplugged' : 'closed');
    this.scheduleReopen();
  }

  private scheduleReopen(): void {
    if (this.stopping || this.reopenTimer !== null) return;
    const delay = this.reopenDelay;
    this.reopenDelay = Math.min(this.reopenDelay * 2, this.options.reopenMaxMs);
    this.reopenTimer = setTimeout(() => {
      this.reopenTimer = null;
      void this.tryOpen();
    }, delay);
  }

  private clearTimers(): void {
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    if (this.reopenTimer !== null) clearTimeout(this.reopenTimer);
    if (this.presenceTimer !== null) clearInterval(this.presenceTimer);
    this.idleTimer = null;
    this.reopenTimer = null;
    this.presenceTimer = null;
  }
}
