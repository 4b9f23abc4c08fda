import {
  KioskCallError,
  KioskEventEnvelopeSchema,
  KioskReplySchema,
  PROTOCOL_VERSION,
  kioskEvents,
  kioskMethods,
  type KioskClient,
  type KioskEventData,
  type KioskEventName,
  type KioskMethodName,
  type KioskParams,
  type KioskResult,
} from '@kiosk/shared';
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
  const listeners = new Map<string, Set<(data: never) => void>>();
  let closed = false;
  let nextId = 0;

  const unsubscribe = bridge.onEvent((message) => {
    const envelope = KioskEventEnvelopeSchema.safeParse(message);
    if (!envelope.success || !Object.hasOwn(kioskEvents, envelope.data.event)) return;
    const name = envelope.data.event as KioskEventName;
    const data = kioskEvents[name].safeParse(envelope.data.data);
    if (!data.success) {
      console.warn(`kiosk bridge: ignored a malformed ${name} event`);
      return;
    }
    for (const listener of listeners.get(name) ?? []) listener(data.data as never);
  });

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
    if (reply.data.v !== PROTOCOL_VERSION) throw new KioskCallError('version-mismatch', `agent speaks protocol ${reply.data.v}, renderer ${PROTOCOL_VERSION}`);
    if (!reply.data.ok) throw new KioskCallError(reply.data.error.code, reply.data.error.message);
    const result = kioskMethods[method].result.safeParse(reply.data.value);
    if (!result.success) throw new KioskCallError('internal', `agent's reply to ${method} does not match its schema`);
    return result.data as KioskResult<M>;
  }

  function call<M extends KioskMethodName>(method: M, params: KioskParams<M>): Promise<KioskResult<M>> {
    if (closed) return Promise.reject(new KioskCallError('transport', 'the kiosk client is closed'));
    const checked = kioskMethods[method].params.safeParse(params);
    if (!checked.success) {
      return Promise.reject(new KioskCallError('bad-request', `invalid params for ${method}: ${checked.error.issues[0]?.message ?? 'invalid'}`));
    }
    // The shell answers even when the agent is slow; this timeout only guards a lost answer.
    return new Promise<KioskResult<M>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new KioskCallError('transport', `no reply to ${method} within ${timings.callTimeoutMs} ms`)), timings.callTimeoutMs);
      send(method, checked.data).then(
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

  function on<E extends KioskEventName>(event: E, listener: (data: KioskEventData<E>) => void): () => void {
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set);
    set.add(listener as (data: never) => void);
    return () => set.delete(listener as (data: never) => void);
  }

  return {
    call,
    on,
    close() {
      closed = true;
      listeners.clear();
      unsubscribe();
    },
  };
}
