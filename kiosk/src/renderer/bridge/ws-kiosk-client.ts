import {
  KioskCallError,
  KioskReplySchema,
  PROTOCOL_VERSION,
  type KioskClient,
  type KioskMethodName,
  type KioskParams,
  type KioskResult,
} from '@kiosk/shared';
import { checkParams, createEventHub, resultOf } from './envelopes.js';
import { DEFAULT_BRIDGE_TIMINGS, type BridgeTimings } from './config.js';

/** The part of the browser's WebSocket this client uses (the `ws` package matches it in tests). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'close' | 'error' | 'message', listener: (event: { data?: unknown }) => void): void;
}

export interface WebSocketClientOptions {
  readonly url: string;
  readonly createSocket?: (url: string) => SocketLike;
  readonly timings?: Partial<BridgeTimings>;
  /** Source of jitter; injectable so tests are repeatable. */
  readonly random?: () => number;
  readonly onConnectionChange?: (connected: boolean) => void;
}

export interface WebSocketKioskClient extends KioskClient {
  readonly connected: boolean;
}

interface PendingCall {
  readonly method: KioskMethodName;
  readonly frame: string;
  sent: boolean;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: KioskCallError) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

const OPEN = 1;
const NORMAL_CLOSURE = 1000;

/**
 * KioskClient over the agent's loopback WebSocket. Calls made while (re)connecting wait for the
 * socket, within their timeout. When the socket drops, calls already sent fail with `transport`:
 * their outcome is unknown, and only the caller can decide whether retrying is safe.
 */
export function createWebSocketKioskClient(options: WebSocketClientOptions): WebSocketKioskClient {
  const timings = { ...DEFAULT_BRIDGE_TIMINGS, ...options.timings };
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url));
  const random = options.random ?? Math.random;
  const pending = new Map<string, PendingCall>();
  const events = createEventHub();
  let socket: SocketLike | null = null;
  let connected = false;
  let closedByCaller = false;
  let failedAttempts = 0;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  let nextId = 0;

  function setConnected(value: boolean): void {
    if (connected === value) return;
    connected = value;
    options.onConnectionChange?.(value);
  }

  function settle(id: string): PendingCall | undefined {
    const call = pending.get(id);
    if (call) {
      clearTimeout(call.timer);
      pending.delete(id);
    }
    return call;
  }

  function sendWaitingCalls(): void {
    for (const call of pending.values()) {
      if (!call.sent && socket?.readyState === OPEN) {
        socket.send(call.frame);
        call.sent = true;
      }
    }
  }

  function connect(): void {
    const current = createSocket(options.url);
    socket = current;
    current.addEventListener('open', () => {
      if (socket !== current) return;
      failedAttempts = 0;
      setConnected(true);
      sendWaitingCalls();
    });
    current.addEventListener('message', (event) => {
      if (socket === current) handleFrame(event.data);
    });
    current.addEventListener('close', () => {
      if (socket !== current) return;
      socket = null;
      setConnected(false);
      for (const [id, call] of pending) {
        if (call.sent) settle(id)?.reject(new KioskCallError('transport', `connection to the agent lost during ${call.method}`));
      }
      if (!closedByCaller) scheduleReconnect();
    });
    // 'error' is always followed by 'close', which does the work.
    current.addEventListener('error', () => {});
  }

  function scheduleReconnect(): void {
    const ceiling = Math.min(timings.reconnectMaxMs, timings.reconnectBaseMs * 2 ** failedAttempts);
    failedAttempts += 1;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      if (!closedByCaller) connect();
    }, random() * ceiling);
  }

  function handleFrame(data: unknown): void {
    let message: unknown;
    try {
      message = JSON.parse(String(data));
    } catch {
      console.warn('kiosk bridge: ignored a frame that is not JSON');
      return;
    }
    if (typeof message === 'object' && message !== null && 'event' in message) {
      events.dispatch(message);
      return;
    }
    const reply = KioskReplySchema.safeParse(message);
    if (!reply.success) {
      console.warn('kiosk bridge: ignored a frame that is neither a reply nor an event');
      return;
    }
    const call = settle(reply.data.id);
    if (!call) return; // Late reply to a call that already timed out.
    try {
      call.resolve(resultOf(call.method, reply.data));
    } catch (error) {
      call.reject(error as KioskCallError);
    }
  }

  function call<M extends KioskMethodName>(method: M, params: KioskParams<M>): Promise<KioskResult<M>> {
    if (closedByCaller) return Promise.reject(new KioskCallError('transport', 'the kiosk client is closed'));
    const checked = checkParams(method, params);
    if (!checked.ok) return Promise.reject(checked.error);
    nextId += 1;
    const id = `r${nextId}`;
    const frame = JSON.stringify({ v: PROTOCOL_VERSION, id, method, params: checked.value });
    return new Promise<KioskResult<M>>((resolve, reject) => {
      const timer = setTimeout(() => {
        settle(id)?.reject(new KioskCallError('transport', `no reply to ${method} within ${timings.callTimeoutMs} ms`));
      }, timings.callTimeoutMs);
      pending.set(id, { method, frame, sent: false, resolve: resolve as (value: unknown) => void, reject, timer });
      sendWaitingCalls();
    });
  }

  function close(): void {
    closedByCaller = true;
    if (reconnectTimer !== null) clearTimeout(reconnectTimer);
    for (const [id, call] of pending) settle(id)?.reject(new KioskCallError('transport', `kiosk client closed during ${call.method}`));
    socket?.close(NORMAL_CLOSURE, 'client closed');
    socket = null;
    setConnected(false);
  }

  connect();
  return {
    call,
    on: events.on,
    close,
    get connected() {
      return connected;
    },
  };
}
