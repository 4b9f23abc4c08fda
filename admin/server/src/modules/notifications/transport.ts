import type { NotificationChannel } from './tables.js';

/** What the outbox hands a channel. The transport knows its own sender and endpoint. */
export interface OutgoingMessage {
  readonly id: string;
  readonly to: string;
  readonly subject: string;
  readonly body: string;
  readonly locale: string;
}

export interface NotificationTransport {
  send(message: OutgoingMessage): Promise<void>;
  close(): Promise<void>;
}

/** A channel without a transport keeps its messages pending until one is configured. */
export type NotificationTransports = Partial<Record<NotificationChannel, NotificationTransport>>;

/**
 * A failed delivery. `code` is safe to store and log (a status or error code, never the remote
 * server's text, which often quotes the address); `permanent` means no retry can succeed.
 */
export class DeliveryError extends Error {
  override name = 'DeliveryError';
  constructor(
    readonly code: string,
    readonly permanent: boolean,
  ) {
    super(`delivery failed: ${code}`);
  }
}
