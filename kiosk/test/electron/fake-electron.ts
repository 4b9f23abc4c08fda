import type { InvokeEventLike } from '../../src/electron/ipc/kiosk-ipc.js';
import { APP_ORIGIN } from '../../src/electron/policy/app-origin.js';

/**
 * An in-process stand-in for the parts of Electron the preload and the IPC handler touch:
 * contextBridge puts the exposed API on a fake page `window`, ipcRenderer.invoke reaches the
 * handler registered on ipcMain with a sender event for our page's top frame, and messages are
 * structured-cloned as they are when they really cross a process boundary.
 */
export const KIOSK_WEB_CONTENTS_ID = 7;
const PAGE_EVENT: InvokeEventLike = { sender: { id: KIOSK_WEB_CONTENTS_ID }, senderFrame: { url: `${APP_ORIGIN}/index.html`, parent: null } };

type Handler = (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>;
const handlers = new Map<string, Handler>();
const pageListeners = new Map<string, Array<(event: unknown, ...args: unknown[]) => void>>();
const sentByPage: Array<{ channel: string; args: unknown[] }> = [];
const preloadTimers: Array<ReturnType<typeof setInterval>> = [];
const preloadTimerCallbacks: Array<() => void> = [];
const pageWindow: Record<string, unknown> = {};

async function invokeAs(event: InvokeEventLike, ...args: unknown[]): Promise<unknown> {
  const handler = handlers.get('kiosk:call');
  if (!handler) throw new Error('no handler registered for kiosk:call');
  return structuredClone(await handler(event, ...args.map((arg) => structuredClone(arg))));
}

export const fakeElectron = {
  contextBridge: {
    exposeInMainWorld(key: string, api: unknown) {
      pageWindow[key] = api;
    },
  },
  ipcRenderer: {
    invoke: (channel: string, ...args: unknown[]) => {
      const handler = handlers.get(channel);
      if (!handler) return Promise.reject(new Error(`No handler registered for '${channel}'`));
      return handler(PAGE_EVENT, ...args.map((arg) => structuredClone(arg))).then((value) => structuredClone(value));
    },
    send: (channel: string, ...args: unknown[]) => {
      sentByPage.push({ channel, args });
    },
    on: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
      pageListeners.set(channel, [...(pageListeners.get(channel) ?? []), listener]);
    },
  },
  ipcMain: {
    handle(channel: string, listener: Handler) {
      handlers.set(channel, listener);
    },
  },
  pageWindow,
  sentByPage,
  invokeAs,
  /** main's webContents.send to the page. */
  sendToPage(channel: string, ...args: unknown[]) {
    for (const listener of pageListeners.get(channel) ?? []) listener({}, ...args.map((arg) => structuredClone(arg)));
  },
  resetMain() {
    handlers.clear();
  },
  /** The preload starts a liveness interval; the test process must not keep it. */
  trackPreloadTimers(): () => void {
    const original = globalThis.setInterval;
    globalThis.setInterval = ((...args: Parameters<typeof setInterval>) => {
      const timer = original(...args);
      preloadTimers.push(timer);
      preloadTimerCallbacks.push(args[0] as () => void);
      return timer;
    }) as typeof setInterval;
    return () => {
      globalThis.setInterval = original;
    };
  },
  /** Runs the preload's interval callbacks once, as if their period had passed. */
  firePreloadTimers() {
    for (const callback of preloadTimerCallbacks) callback();
  },
  stopPreloadTimers() {
    for (const timer of preloadTimers.splice(0)) clearInterval(timer);
  },
};
