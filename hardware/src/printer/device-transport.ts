import { close, constants, open, read, write } from 'node:fs';
import { ReplyBuffer, TransportError, type PrinterConnection, type ReplyMatcher } from './reply-buffer.js';

/**
 * A printer on a character device: a USB printer-class device (`/dev/usb/lp0`), a USB CDC or
 * RS-232 serial line (`/dev/ttyACM0`, `/dev/ttyS0`). The file is opened non-blocking and read by
 * polling: a blocking read on a device that never answers would hold one of libuv's few pool
 * threads forever. Line settings (baud rate, raw mode) of a serial line are the system's job
 * (udev rule or `stty -F /dev/ttyS0 115200 raw -echo`); USB devices need none.
 */

export const DEVICE_TRANSPORT_DEFAULTS = {
  /** How often to look for reply bytes (and retry a write the device is not ready for). */
  pollMs: 10,
  /** Largest read per poll. */
  readChunkBytes: 4096,
} as const;

const RETRY_CODES = new Set(['EAGAIN', 'EWOULDBLOCK', 'EINTR']);

export interface DeviceTransportOptions {
  readonly pollMs?: number;
}

export function openDeviceConnection(path: string, deadlineMs: number, options: DeviceTransportOptions = {}): Promise<PrinterConnection> {
  const flags = constants.O_RDWR | constants.O_NONBLOCK | constants.O_NOCTTY;
  return new Promise((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      reject(new TransportError('connect-timeout', `could not open ${path} within ${deadlineMs} ms`));
    }, deadlineMs);
    open(path, flags, (error, fd) => {
      clearTimeout(timer);
      if (settled) {
        if (!error) close(fd, () => undefined);
        return;
      }
      if (error) reject(new TransportError('connect-failed', `cannot open ${path}: ${error.code ?? error.message}`));
      else resolve(new DeviceConnection(fd, path, options.pollMs ?? DEVICE_TRANSPORT_DEFAULTS.pollMs));
    });
  });
}

class DeviceConnection implements PrinterConnection {
  private readonly replies: ReplyBuffer;
  private pollTimer: NodeJS.Timeout | null = null;
  private fdOpen = true;
  /** A read is in flight: closing the fd now could let the number be reused under it. */
  private reading = false;

  constructor(
    private readonly fd: number,
    private readonly path: string,
    private readonly pollMs: number,
  ) {
    this.replies = new ReplyBuffer(path, () => this.destroy());
    this.poll();
  }

  get closed(): boolean {
    return this.replies.closed;
  }

  private poll(): void {
    if (this.replies.closed) return;
    const chunk = Buffer.alloc(DEVICE_TRANSPORT_DEFAULTS.readChunkBytes);
    this.reading = true;
    read(this.fd, chunk, 0, chunk.length, null, (error, bytesRead) => {
      this.reading = false;
      if (this.replies.closed) {
        this.release();
        return;
      }
      if (error && !RETRY_CODES.has(error.code ?? '')) {
        // EIO: the device went away (USB unplugged, the other end of a pty closed).
        this.replies.close(`reading ${this.path} failed: ${error.code ?? error.message}`);
        this.release();
        return;
      }
      if (!error && bytesRead > 0) {
        this.replies.push(chunk.subarray(0, bytesRead));
        setImmediate(() => this.poll());
        return;
      }
      this.pollTimer = setTimeout(() => this.poll(), this.pollMs);
    });
  }

  pending(): Buffer {
    return this.replies.pending();
  }

  onAutomaticStatus(listener: (block: Buffer) => void): void {
    this.replies.onAutomaticStatus(listener);
  }

  onClose(listener: (reason: string) => void): void {
    this.replies.onClose(listener);
  }

  write(bytes: Buffer, deadlineMs: number): Promise<void> {
    if (this.replies.closed) return Promise.reject(this.replies.closedError());
    return new Promise((resolve, reject) => {
      let offset = 0;
      let done = false;
      const timer = setTimeout(() => {
        done = true;
        this.destroy();
        reject(new TransportError('write-timeout', `${this.path} did not take ${bytes.length} bytes within ${deadlineMs} ms`));
      }, deadlineMs);
      const step = (): void => {
        if (done) return;
        if (this.replies.closed) {
          clearTimeout(timer);
          reject(this.replies.closedError());
          return;
        }
        write(this.fd, bytes, offset, bytes.length - offset, null, (error, written) => {
          if (done) return;
          if (error && !RETRY_CODES.has(error.code ?? '')) {
            clearTimeout(timer);
            this.destroy();
            reject(new TransportError('closed', `writing to ${this.path} failed: ${error.code ?? error.message}`));
            return;
          }
          offset += error ? 0 : written;
          if (offset >= bytes.length) {
            clearTimeout(timer);
            resolve();
          } else {
            // The device buffer is full (a printer busy printing): try again shortly.
            setTimeout(step, error || written === 0 ? this.pollMs : 0);
          }
        });
      };
      step();
    });
  }

  read<T>(match: ReplyMatcher<T>, deadlineMs: number): Promise<T> {
    return this.replies.read(match, deadlineMs);
  }

  destroy(): void {
    this.replies.close('the device was closed by us');
    this.release();
  }

  private release(): void {
    if (this.pollTimer !== null) clearTimeout(this.pollTimer);
    if (!this.fdOpen || this.reading) return;
    this.fdOpen = false;
    close(this.fd, () => undefined);
  }
}
