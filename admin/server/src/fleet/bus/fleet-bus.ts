/**
 * How hub processes tell each other (and their own WebSocket doorbell) that something happened to
 * a kiosk. Events carry ids only: the database is the truth (platform.md, "Fleet scale"). With one
 * process the in-process bus is enough; with several on one PostgreSQL, a LISTEN/NOTIFY bus
 * (see pg-fleet-bus.ts) carries the same events between them.
 */
export type FleetBusEvent =
  /** A job for this device was created or changed: ring its doorbell. */
  | { readonly type: 'job'; readonly deviceId: string; readonly jobId: string }
  /** This device's credential was revoked: close its socket now. */
  | { readonly type: 'device-revoked'; readonly deviceId: string }
  /** This device's desired configuration changed: ring its doorbell. */
  | { readonly type: 'config'; readonly deviceId: string }
  /** This municipality's published content changed (content is per municipality): ring all its kiosks. */
  | { readonly type: 'content'; readonly tenantId: string }
  /** The content bundle this one device is served changed (a content rollout reached its ring): ring it. */
  | { readonly type: 'device-content'; readonly deviceId: string };

export interface FleetBus {
  publish(event: FleetBusEvent): Promise<void>;
  subscribe(listener: (event: FleetBusEvent) => void): () => void;
  close(): Promise<void>;
}

/** One hub process: listeners are called on the next tick, as a remote bus would. */
export function createInProcessFleetBus(): FleetBus {
  const listeners = new Set<(event: FleetBusEvent) => void>();
  return {
    async publish(event) {
      queueMicrotask(() => {
        for (const listener of listeners) listener(event);
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      listeners.clear();
    },
  };
}
