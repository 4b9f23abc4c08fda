import { connect, type Socket } from 'node:net';

/**
 * A TCP connection to a network printer (port 9100) where every operation has a deadline.
 * node-thermal-printer's own transport waits forever when a printer closes without replying;
 * this one never does. After any failure the connection is destroyed: a late reply could
 * otherwise be read as the answer to the next question.
 */

export type TransportErrorCode = 'connect-failed' | 'connect-timeout' | 'write-timeout' | 'reply-timeout' | 'closed';

export class TransportError extends Error {
  constructor(
    readonly code: TransportErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

/** Looks for an answer in the bytes received so far: the value and how many bytes it used. */
export type ReplyMatcher<T> = (received: Buffer) => { value: T; consumed: number } | null;

export interface PrinterConnection {
  write(bytes: Buffer, deadlineMs: number): Promise<void>;
  read<T>(match: ReplyMatcher<T>, deadlineMs: number): Promise<T>;
  /** Bytes received and not yet consumed by a `read`. */
  pending(): Buffer;
  destroy(): void;
}

export function openPrinterConnection(host: string, port: number, deadlineMs: number): Promise<PrinterConnection> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    socket.setNoDelay(true);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new TransportError('connect-timeout', `no TCP connection to ${host}:${port} within ${deadlineMs} ms`));
    }, deadlineMs);
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      socket.destroy();
      reject(new TransportError('connect-failed', `cannot connect to ${host}:${port}: ${error.code ?? error.message}`));
    });
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(new SocketConnection(socket, `${host}:${port}`));
    });
  });
}

class SocketConnection implements PrinterConnection {
  private received = Buffer.alloc(0);
  private closedReason: string | null = null;
  private wake: (() => void) | null = null;

  constructor(
    private readonly socket: Socket,
    private readonly address: string,
  ) {
    socket.on('data', (chunk: Buffer) => {
      this.received = Buffer.concat([this.received, chunk]);
      this.wake?.();
    });
    const onEnd = (why: string) => () => {
      this.closedReason ??= why;
      this.wake?.();
    };
    socket.on('end', onEnd('the printer closed the connection'));
    socket.on('close', onEnd('the connection closed'));
    socket.on('error', (error: NodeJS.ErrnoException) => onEnd(`connection error ${error.code ?? error.message}`)());
  }

  pending(): Buffer {
    return this.received;
  }

  write(bytes: Buffer, deadlineMs: number): Promise<void> {
    if (this.closedReason !== null) return Promise.reject(this.closedError());
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.destroy();
        reject(new TransportError('write-timeout', `${this.address} did not take ${bytes.length} bytes within ${deadlineMs} ms`));
      }, deadlineMs);
      this.socket.write(bytes, (error) => {
        clearTimeout(timer);
        if (error) reject(new TransportError('closed', `writing to ${this.address} failed: ${error.message}`));
        else resolve();
      });
    });
  }

  read<T>(match: ReplyMatcher<T>, deadlineMs: number): Promise<T> {
    return new Promise((resolve, reject) => {
      const finish = (): void => {
        clearTimeout(timer);
        this.wake = null;
      };
      const attempt = (): void => {
        const found = match(this.received);
        if (found !== null) {
          this.received = this.received.subarray(found.consumed);
          finish();
          resolve(found.value);
        } else if (this.closedReason !== null) {
          finish();
          reject(this.closedError());
        }
      };
      const timer = setTimeout(() => {
        finish();
        this.destroy();
        reject(new TransportError('reply-timeout', `no reply from ${this.address} within ${deadlineMs} ms`));
      }, deadlineMs);
      this.wake = attempt;
      attempt();
    });
  }

  destroy(): void {
    this.closedReason ??= 'the connection was closed by us';
    this.socket.destroy();
  }

  private closedError(): TransportError {
    return new TransportError('closed', `${this.address}: ${this.closedReason ?? 'closed'}`);
  }
}
