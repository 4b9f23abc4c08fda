import { KioskCallSchema, PROTOCOL_VERSION, isKioskMethod, kioskMethods, type KioskError, type KioskReply } from '@kiosk/shared';
import { checkIpcSender, type IpcSender } from '../policy/ipc-sender.js';
import type { AgentLink } from './agent-link.js';
import { KIOSK_CALL_CHANNEL } from './channels.js';

/** The part of Electron's IpcMainInvokeEvent the handler reads. */
export interface InvokeEventLike {
  readonly sender: { readonly id: number };
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

/** The part of Electron's ipcMain the handler uses. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
}

export function senderOf(event: InvokeEventLike): IpcSender {
  return {
    frameUrl: event.senderFrame?.url ?? null,
    isMainFrame: event.senderFrame !== null && event.senderFrame.parent === null,
    webContentsId: event.sender.id,
  };
}

/**
 * Checks one `kiosk:call` and, when it is from our page and well formed, forwards it to the
 * agent. Never throws across the boundary: every outcome is a `{ ok, value } | { ok, error }` reply.
 * Main validates with the same shared schemas as the agent so nothing malformed reaches it.
 */
export async function handleKioskCall(
  sender: IpcSender,
  raw: unknown,
  context: { origin: string; webContentsId: number | null; agent: AgentLink; log: (message: string, fields?: Record<string, unknown>) => void },
): Promise<KioskReply> {
  const id = typeof (raw as { id?: unknown } | null)?.id === 'string' ? String((raw as { id: string }).id).slice(0, 64) : '';
  const fail = (error: KioskError): KioskReply => ({ v: PROTOCOL_VERSION, id, ok: false, error });
  const verdict = checkIpcSender(sender, context);
  if (!verdict.trusted) {
    // The reason and the sender's origin only: never the message, which may hold personal data.
    context.log('refused a kiosk call from an untrusted sender', { reason: verdict.reason });
    return fail({ code: 'bad-request', message: 'calls are accepted only from the kiosk page' });
  }
  const envelope = KioskCallSchema.safeParse(raw);
  if (!envelope.success) {
    const versionWrong = typeof raw === 'object' && raw !== null && 'v' in raw && (raw as { v: unknown }).v !== PROTOCOL_VERSION;
    return versionWrong
      ? fail({ code: 'version-mismatch', message: `this shell speaks protocol ${PROTOCOL_VERSION}` })
      : fail({ code: 'bad-request', message: 'malformed call envelope' });
  }
  const { method, params } = envelope.data;
  if (!isKioskMethod(method)) return fail({ code: 'unknown-method', message: `no method "${method}"` });
  const checked = kioskMethods[method].params.safeParse(params ?? {});
  if (!checked.success) {
    const fields = checked.error.issues.map((issue) => issue.path.join('.') || '(root)').join(', ');
    return fail({ code: 'bad-request', message: `invalid params for ${method}: ${fields}` });
  }
  return context.agent.call(envelope.data);
}

/** Registers the one invoke channel. `window()` is read per call: the window can be recreated. */
export function registerKioskIpc(
  ipcMain: IpcMainLike,
  options: { origin: string; kioskWebContentsId: () => number | null; agent: AgentLink; log: (message: string, fields?: Record<string, unknown>) => void },
): void {
  ipcMain.handle(KIOSK_CALL_CHANNEL, (event, raw) =>
    handleKioskCall(senderOf(event), raw, { origin: options.origin, webContentsId: options.kioskWebContentsId(), agent: options.agent, log: options.log }),
  );
}
