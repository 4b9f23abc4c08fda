import { contextBridge, ipcRenderer } from 'electron';
import { KIOSK_ALIVE_CHANNEL, KIOSK_BRIDGE_GLOBAL, KIOSK_CALL_CHANNEL, KIOSK_EVENT_CHANNEL } from './ipc/channels.js';
import { DEFAULT_LIVENESS } from './policy/crash-policy.js';

// The sandboxed preload: it may load only electron, events, timers and url, so launch.ts bundles
// it into one file. It exposes exactly the KioskClient IPC transport, nothing of ipcRenderer itself
// (a page holding ipcRenderer could send on any channel).

type EventListener = (envelope: unknown) => void;
const listeners = new Set<EventListener>();

ipcRenderer.on(KIOSK_EVENT_CHANNEL, (_event, envelope: unknown) => {
  for (const listener of listeners) listener(envelope);
});

contextBridge.exposeInMainWorld(KIOSK_BRIDGE_GLOBAL, {
  invoke: (message: unknown): Promise<unknown> => ipcRenderer.invoke(KIOSK_CALL_CHANNEL, message),
  onEvent: (listener: EventListener): (() => void) => {
    if (typeof listener !== 'function') throw new TypeError('onEvent needs a function');
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
});

// Liveness: this timer runs on the page's main thread, so a page stuck in a loop stops ticking
// and main's watchdog notices (crash policy).
setInterval(() => ipcRenderer.send(KIOSK_ALIVE_CHANNEL), DEFAULT_LIVENESS.tickIntervalMs);
