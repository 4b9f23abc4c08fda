/** Timing of the renderer <-> agent link. The agent is on the same machine, so replies are fast. */
export interface BridgeTimings {
  /** A call without a reply in this time fails with a `transport` error. */
  readonly callTimeoutMs: number;
  /** First reconnect delay ceiling; doubles per failed attempt (full jitter). */
  readonly reconnectBaseMs: number;
  /** Reconnect delay ceiling at most this; the agent may be restarting. */
  readonly reconnectMaxMs: number;
}

export const DEFAULT_BRIDGE_TIMINGS: BridgeTimings = {
  callTimeoutMs: 15_000,
  reconnectBaseMs: 250,
  reconnectMaxMs: 10_000,
};
