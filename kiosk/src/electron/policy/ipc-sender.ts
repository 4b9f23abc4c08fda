import { isSameOrigin } from './app-origin.js';

/** What the IPC handler knows about who sent a message (from IpcMainInvokeEvent). */
export interface IpcSender {
  /** The sending frame's URL, or null when the frame is gone (navigated away or destroyed). */
  readonly frameUrl: string | null;
  /** Whether the sending frame is the top frame (no parent). */
  readonly isMainFrame: boolean;
  /** The sending page's webContents id. */
  readonly webContentsId: number;
}

export type SenderVerdict = { trusted: true } | { trusted: false; reason: string };

/**
 * Only our kiosk window's top frame, on our own origin, may call the agent: not an iframe, not a
 * page it was navigated to, not another window. Checked on every call, since a frame can change.
 */
export function checkIpcSender(sender: IpcSender, expected: { origin: string; webContentsId: number | null }): SenderVerdict {
  if (expected.webContentsId === null || sender.webContentsId !== expected.webContentsId) return { trusted: false, reason: 'not the kiosk window' };
  if (sender.frameUrl === null) return { trusted: false, reason: 'sender frame is gone' };
  if (!sender.isMainFrame) return { trusted: false, reason: 'not the top frame' };
  if (!isSameOrigin(sender.frameUrl, expected.origin)) return { trusted: false, reason: 'not our origin' };
  return { trusted: true };
}
