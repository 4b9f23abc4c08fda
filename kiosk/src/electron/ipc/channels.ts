/** IPC channel names (`area:verb`), shared by main and preload; nothing else crosses the bridge. */
export const KIOSK_CALL_CHANNEL = 'kiosk:call';
export const KIOSK_EVENT_CHANNEL = 'kiosk:event';
/** The preload's heartbeat: proves the page's main thread still runs (crash policy, hang). */
export const KIOSK_ALIVE_CHANNEL = 'kiosk:alive';
/** The name the preload exposes on `window` (the renderer's ipc-kiosk-client reads it). */
export const KIOSK_BRIDGE_GLOBAL = 'kioskBridge';
