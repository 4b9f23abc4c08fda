import { PROTOCOL_VERSION, type Heartbeat } from '@kiosk/shared';

/** A device that is fine, and a printer running out of paper, as heartbeats report them. */
export const OK_DEVICE = { state: 'ok' as const, reason: null, since: '2026-11-28T09:00:00.000Z' };
export const PAPER_LOW = { state: 'warning' as const, reason: 'paper-near-end', since: '2026-11-28T09:00:00.000Z' };

/** A healthy kiosk's heartbeat sent now; `overrides` set what a test is about. */
export function testHeartbeat(overrides: Partial<Heartbeat> = {}): Heartbeat {
  return {
    sentAt: new Date().toISOString(),
    versions: { agent: '0.1.0', protocol: PROTOCOL_VERSION, content: null },
    devices: { printer: OK_DEVICE, scanner: OK_DEVICE },
    outbox: { depth: 0, oldestAgeSeconds: null, dead: 0 },
    sessionActive: false,
    shell: null,
    clockSkewMs: 0,
    disk: null,
    config: { appliedVersion: null, error: null },
    maintenance: false,
    content: { error: null },
    ...overrides,
  };
}
