import { splitReplies } from './printer-replies.js';

/**
 * What a printer connection (TCP or device file) has received and not yet read, with reads that
 * wait for a matching answer under a deadline. Shared by every transport so they behave alike.
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
  /**
   * Takes automatic status blocks (`GS a`) out of the stream as they arrive and hands them to
   * `listener`, so status and ack readers never see them. For kept-open connections.
   */
  onAutomaticStatus(listener: (block: Buffer) => void): void;
  /** Called once when the connection closes for any reason. */
  onClose(listener: (reason: string) => void): void;
  readonly closed: boolean;
  destroy(): void;
}

export class ReplyBuffer {
  private received: Buffer = Buffer.alloc(0);
  /** Bytes not yet split into replies (automatic-status mode only). */
  private unsplit: Buffer = Buffer.alloc(0);
  private closedReason: string | null = null;
  private wake: (() => void) | null = null;
  private automaticStatus: ((block: Buffer) => void) | null = null;
  private readonly closeListeners: Array<(reason: string) => void> = [];

  constructor(
    private readonly address: string,
    private readonly destroyTransport: () => void,
  ) {}

  get closed(): boolean {
    return this.closedReason !== null;
  }

  push(chunk: Buffer): void {
    if (this.automaticStatus === null) {
      this.received = Buffer.concat([this.received, chunk]);
    } else {
      const { replies, rest } = splitReplies(Buffer.concat([this.unsplit, chunk]));
      this.unsplit = rest;
      for (const reply of replies) {
        if (reply.kind === 'automatic-status') this.automaticStatus(reply.bytes);
        else this.received = Buffer.concat([this.received, reply.bytes]);
      }
    }
    this.wake?.();
  }

  close(reason: string): void {
    if (this.closedReason !== null) return;
    this.closedReason = reason;
    this.wake?.();
    for (const listener of this.closeListeners) listener(reason);
  }

  onAutomaticStatus(listener: (block: Buffer) => void): void {
    this.automaticStatus = listener;
  }

  onClose(listener: (reason: string) => void): void {
    if (this.closedReason !== null) listener(this.closedReason);
    else this.closeListeners.push(listener);
  }

  pending(): Buffer {
    return this.received;
  }

  closedError(): TransportError {
    return new TransportError('closed', `${this.address}: ${this.closedReason ?? 'closed'}`);
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
        this.destroyTransport();
        reject(new TransportError('reply-timeout', `no reply from ${this.address} within ${deadlineMs} ms`));
      }, deadlineMs);
      this.wake = attempt;
      attempt();
    });
  }
}
