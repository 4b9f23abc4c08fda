import {
  KioskCallError,
  KioskEventEnvelopeSchema,
  PROTOCOL_VERSION,
  kioskEvents,
  kioskMethods,
  type KioskEventData,
  type KioskEventName,
  type KioskMethodName,
  type KioskParams,
  type KioskReply,
  type KioskResult,
} from '@kiosk/shared';

/**
 * What both KioskClient transports (loopback WebSocket, Electron IPC) do the same way: check
 * params before sending, read a reply against the shared schemas, and fan validated events out
 * to listeners. Only moving the bytes differs between them.
 */

/** The params as the contract accepts them, or a rejected KioskCallError('bad-request'). */
export function checkParams<M extends KioskMethodName>(method: M, params: KioskParams<M>): { ok: true; value: unknown } | { ok: false; error: KioskCallError } {
  const checked = kioskMethods[method].params.safeParse(params);
  if (checked.success) return { ok: true, value: checked.data };
  return { ok: false, error: new KioskCallError('bad-request', `invalid params for ${method}: ${checked.error.issues[0]?.message ?? 'invalid'}`) };
}

/** The typed result of a well-formed reply, or the KioskCallError it stands for (thrown). */
export function resultOf<M extends KioskMethodName>(method: M, reply: KioskReply): KioskResult<M> {
  if (reply.v !== PROTOCOL_VERSION) throw new KioskCallError('version-mismatch', `agent speaks protocol ${reply.v}, renderer ${PROTOCOL_VERSION}`);
  if (!reply.ok) throw new KioskCallError(reply.error.code, reply.error.message);
  const result = kioskMethods[method].result.safeParse(reply.value);
  if (!result.success) throw new KioskCallError('internal', `agent's reply to ${method} does not match its schema`);
  return result.data as KioskResult<M>;
}

export interface EventHub {
  /** Validates an event envelope and hands its data to the listeners; malformed events are dropped. */
  dispatch(message: unknown): void;
  on<E extends KioskEventName>(event: E, listener: (data: KioskEventData<E>) => void): () => void;
  clear(): void;
}

export function createEventHub(): EventHub {
  const listeners = new Map<string, Set<(data: never) => void>>();
  return {
    dispatch(message) {
      const envelope = KioskEventEnvelopeSchema.safeParse(message);
      if (!envelope.success || !Object.hasOwn(kioskEvents, envelope.data.event)) return;
      const name = envelope.data.event as KioskEventName;
      const data = kioskEvents[name].safeParse(envelope.data.data);
      if (!data.success) {
        console.warn(`kiosk bridge: ignored a malformed ${name} event`);
        return;
      }
      for (const listener of listeners.get(name) ?? []) listener(data.data as never);
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (data: never) => void);
      return () => set.delete(listener as (data: never) => void);
    },
    clear() {
      listeners.clear();
    },
  };
}
