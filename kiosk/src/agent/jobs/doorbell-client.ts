import { WebSocket } from 'ws';
import { DOORBELL_CLOSE, DoorbellMessageSchema } from '@kiosk/shared';
import type { DoorbellMessage } from '@kiosk/shared';
import type { Log } from '../log.js';

export interface DoorbellClientOptions {
  readonly connection: () => { url: string; headers: Record<string, string> };
  /** Full-jitter reconnect: wait random(0, min(capMs, baseMs * 2^attempt)). */
  readonly baseMs: number;
  readonly capMs: number;
  readonly onRing: (ring: DoorbellMessage['ring']) => void;
  /**
   * After each connection: whatever rang while we were away was missed, so poll. `reconnected` is
   * false for the first connection after start (the agent's own start-up checks cover that one).
   */
  readonly onConnected: (reconnected: boolean) => void;
  /** The hub closed with "revoked": stop; the credential guard handles the rest. */
  readonly onRevoked?: () => void;
  readonly log: Log;
  readonly random?: () => number;
}

/**
 * The kiosk's end of the hub's WebSocket doorbell. It carries only "look now" hints; losing it
 * costs at most one polling interval, so it reconnects quietly, forever, with jitter (so a
 * restarted hub is not hit by every kiosk at once).
 */
export class DoorbellClient {
  private socket: WebSocket | null = null;
  private timer: NodeJS.Timeout | null = null;
  private attempt = 0;
  private stopped = true;
  /** A connection has opened since start(): the next one is a reconnection. */
  private everConnected = false;

  constructor(private readonly options: DoorbellClientOptions) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.everConnected = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.socket?.terminate();
    this.socket = null;
  }

  isConnected(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  private connect(): void {
    const { url, headers } = this.options.connection();
    const socket = new WebSocket(url, { headers, perMessageDeflate: false, handshakeTimeout: 10_000 });
    this.socket = socket;
    socket.on('open', () => {
      this.attempt = 0;
      const reconnected = this.everConnected;
      this.everConnected = true;
      this.options.log(reconnected ? 'doorbell reconnected' : 'doorbell connected');
      this.options.onConnected(reconnected);
    });
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      try {
        const parsed = DoorbellMessageSchema.safeParse(JSON.parse(String(data)));
        if (parsed.success) this.options.onRing(parsed.data.ring);
      } catch {
        // Not JSON: not ours to act on.
      }
    });
    socket.on('error', () => undefined); // 'close' follows and decides
    socket.on('close', (code) => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (this.stopped) return;
      if (code === DOORBELL_CLOSE.revoked) {
        this.options.log('doorbell closed: credential revoked');
        this.stopped = true;
        this.options.onRevoked?.();
        return;
      }
      this.scheduleReconnect();
    });
  }

  private scheduleReconnect(): void {
    const ceiling = Math.min(this.options.capMs, this.options.baseMs * 2 ** this.attempt);
    const delay = (this.options.random ?? Math.random)() * ceiling;
    this.attempt = Math.min(this.attempt + 1, 30);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.stopped) this.connect();
    }, delay);
    this.timer.unref();
  }
}
