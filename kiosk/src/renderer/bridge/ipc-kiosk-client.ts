import {
  KioskCallError,
  KioskReplySchema,
  PROTOCOL_VERSION,
  type KioskClient,
  type KioskMethodName,
  type KioskParams,
  type KioskResult,
} from '@kiosk/shared';
import { checkParams, createEventHub, resultOf } from './envelopes';
import { DEFAULT_BRIDGE_TIMINGS, type BridgeTimings } from './config';

/**
 * The narrow API the Electron preload exposes on `window.kioskBridge` (contextBridge): one call
 * channel and one event stream, nothing of Electron itself.
 */
export interface KioskBridge {
  invoke(message: unknown): Promise<unknown>;
  onEvent(listener: (envelope: unknown) => void): () => void;
}

/** The bridge when the page runs inside the Electron shell, else null (browser mode). */
export function findKioskBridge(scope: object): KioskBridge | null {
  const candidate = (scope as { kioskBridge?: unknown }).kioskBridge;
  if (typeof candidate !== 'object' || candidate === null) return null;
  const { invoke, onEvent } = candidate as Partial<KioskBridge>;
  return typeof invoke === 'function' && typeof onEvent === 'function' ? (candidate as KioskBridge) : null;
}

/**
 * KioskClient over Electron IPC. Same envelopes and same checks as the WebSocket client: params
 * checked before sending, replies and events checked against the shared schemas on arrival.
 */
export function createIpcKioskClient(bridge: KioskBridge, options: { timings?: Partial<BridgeTimings> } = {}): KioskClient {
  const timings = { ...DEFAULT_BRIDGE_TIMINGS, ...options.timings };
  const events = createEventHub();
  let closed = false;
  let nextId = 0;

  const unsubscribe = bridge.onEvent((message) => events.dispatch(message));

  async function send<M extends KioskMethodName>(method: M, params: unknown): Promise<KioskResult<M>> {
    nextId += 1;
    const id = `i${nextId}`;
    let raw: unknown;
    try {
      raw = await bridge.invoke({ v: PROTOCOL_VERSION, id, method, params });
    } catch {
      throw new KioskCallError('transport', `the kiosk shell did not answer ${method}`);
    }
    const reply = KioskReplySchema.safeParse(raw);
    if (!reply.success) throw new KioskCallError('transport', `the kiosk shell's answer to ${method} is malformed`);
    return resultOf(method, reply.data);
  }

  function call<M extends KioskMethodName>(method: M, params: KioskParams<M>): Promise<KioskResult<M>> {
    if (closed) return Promise.reject(new KioskCallError('transport', 'the kiosk client is closed'));
    const checked = checkParams(method, params);
    if (!checked.ok) return Promise.reject(checked.error);
    // The shell answers even when the agent is slow; this timeout only guards a lost answer.
    return new Promise<KioskResult<M>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new KioskCallError('transport', `no reply to ${method} within ${timings.callTimeoutMs} ms`)), timings.callTimeoutMs);
      send(method, checked.value).then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error instanceof KioskCallError ? error : new KioskCallError('transport', String(error)));
        },
      );
    });
  }

  return {
    call,
    on: events.on,
    close() {
      closed = true;
      events.clear();
      unsubscribe();
    },
  };
}
