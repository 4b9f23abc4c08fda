import type { z } from 'zod';
import {
  KioskCallSchema,
  PROTOCOL_VERSION,
  isKioskMethod,
  kioskMethods,
  type KioskError,
  type KioskMethodName,
  type KioskMethods,
  type KioskReply,
  type KioskResult,
} from '@kiosk/shared';

/** One handler per KioskClient method, typed from the shared contract. */
export type KioskHandlers = {
  [M in KioskMethodName]: (params: z.output<KioskMethods[M]['params']>) => Promise<KioskResult<M>>;
};

/** A handler throws this to answer a specific, expected error (not a 500-style `internal`). */
export class KioskHandlerError extends Error {
  constructor(
    readonly code: KioskError['code'],
    message: string,
  ) {
    super(message);
  }
}

/**
 * Transport-independent dispatch: both the loopback WebSocket and Electron IPC hand raw messages
 * here. It never throws: every outcome is a `{ ok: true, value } | { ok: false, error }` reply.
 */
export async function dispatchKioskCall(
  handlers: KioskHandlers,
  raw: unknown,
  log: (message: string, fields?: Record<string, unknown>) => void = () => {},
): Promise<KioskReply> {
  const envelope = KioskCallSchema.safeParse(raw);
  const id = typeof (raw as { id?: unknown } | null)?.id === 'string' ? (raw as { id: string }).id : '';
  const fail = (error: KioskError): KioskReply => ({ v: PROTOCOL_VERSION, id, ok: false, error });
  if (!envelope.success) {
    const versionWrong = typeof raw === 'object' && raw !== null && 'v' in raw && (raw as { v: unknown }).v !== PROTOCOL_VERSION;
    return versionWrong
      ? fail({ code: 'version-mismatch', message: `this agent speaks protocol ${PROTOCOL_VERSION}` })
      : fail({ code: 'bad-request', message: 'malformed call envelope' });
  }
  const { method, params } = envelope.data;
  if (!isKioskMethod(method)) return fail({ code: 'unknown-method', message: `no method "${method}"` });
  const parsed = kioskMethods[method].params.safeParse(params ?? {});
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join('.') || '(root)').join(', ');
    return fail({ code: 'bad-request', message: `invalid params for ${method}: ${fields}` });
  }
  try {
    const handler = handlers[method] as (p: unknown) => Promise<unknown>;
    const value = await handler(parsed.data);
    return { v: PROTOCOL_VERSION, id, ok: true, value };
  } catch (error) {
    if (error instanceof KioskHandlerError) return fail({ code: error.code, message: error.message });
    log('kiosk call failed', { method, error: (error as Error).message });
    return fail({ code: 'internal', message: 'the kiosk could not do this; please try again' });
  }
}
