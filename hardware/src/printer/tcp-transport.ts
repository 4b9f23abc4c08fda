import { connect, type Socket } from 'node:net';
import { ReplyBuffer, TransportError, type PrinterConnection, type ReplyMatcher } from './reply-buffer.js';

export { TransportError, type PrinterConnection, type ReplyMatcher, type TransportErrorCode } from './reply-buffer.js';

/**
 * A TCP connection to a network printer (port 9100) where every operation has a deadline.
 * node-thermal-printer's own transport waits forever when a printer closes without replying;
 * this one never does. After any failure the connection is destroyed: a late reply could
 * otherwise be read as the answer to the next question.
 */

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
  private readonly replies: ReplyBuffer;

  constructor(
    private readonly socket: Socket,
    private readonly address: string,
  ) {
    this.replies = new ReplyBuffer(address, () => this.destroy());
    socket.on('data', (chunk: Buffer) => this.replies.push(chunk));
    socket.on('end', () => this.replies.close('the printer closed the connection'));
    socket.on('close', () => this.replies.close('the connection closed'));
    socket.on('error', (error: NodeJS.ErrnoException) => this.replies.close(`connection error ${error.code ?? error.message}`));
  }

  get closed(): boolean {
    return this.replies.closed;
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
    return this.replies.read(match, deadlineMs);
  }

  destroy(): void {
    this.replies.close('the connection was closed by us');
    this.socket.destroy();
  }
}
