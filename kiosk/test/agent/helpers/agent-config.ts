import { DEFAULT_RENDERER_DIR, type AgentConfig } from '../../../src/agent/config.js';

/**
 * An agent for tests: loopback on a free port, its data in `dataDir`, no printer, no speech, a hub
 * that is not there (127.0.0.1:9) and timers slow enough to stay out of the way; `overrides`
 * replace what a test needs (a scanner, a real hub, another kiosk id...).
 */
export function testAgentConfig(dataDir: string, overrides: Partial<AgentConfig> = {}): AgentConfig {
  return {
    host: '127.0.0.1',
    port: 0,
    dataDir,
    rendererDir: DEFAULT_RENDERER_DIR,
    hub: { url: 'http://127.0.0.1:9', token: 'kiosk-test.not-a-real-secret', requestTimeoutMs: 1_000 },
    kioskId: 'kiosk-test',
    issuer: 'K7QM',
    printer: null,
    heartbeatMs: 60_000,
    speech: { engine: 'off', recordFile: null, fakeHeadsetFile: null },
    outbox: { baseMs: 60_000, capMs: 60_000, sendWaitMs: 200 },
    ...overrides,
  };
}
