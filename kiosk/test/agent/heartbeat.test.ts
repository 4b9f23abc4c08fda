import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type Heartbeat } from '@kiosk/shared';
import { HeartbeatReporter } from '../../src/agent/sync/heartbeat.js';

const ok = { state: 'ok' as const, reason: null, since: '2026-11-28T09:00:00.000Z' };
const sample: Heartbeat = {
  sentAt: '2026-11-28T10:00:00.000Z',
  versions: { agent: '0.1.0', protocol: PROTOCOL_VERSION, content: null },
  devices: { printer: ok, scanner: ok },
  outbox: { depth: 2, oldestAgeSeconds: 30, dead: 0 },
  sessionActive: true,
  shell: null,
};

describe('the heartbeat reporter', () => {
  it('sends what it builds and keeps the hub clock', async () => {
    const sent: Heartbeat[] = [];
    const reporter = new HeartbeatReporter(async () => sample, async (hb) => (sent.push(hb), { serverTime: '2026-11-28T10:00:01.000Z' }), 60_000, () => {});
    expect(await reporter.beat()).toBe(true);
    expect(sent).toEqual([sample]);
    expect(reporter.lastServerTime).toBe('2026-11-28T10:00:01.000Z');
  });

  it('logs a failed report and carries on; never overlaps two reports', async () => {
    const logged: string[] = [];
    let release: () => void = () => {};
    const slow = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    const reporter = new HeartbeatReporter(
      async () => sample,
      async () => {
        calls += 1;
        await slow;
        throw new Error('hub answered 503');
      },
      60_000,
      (message) => logged.push(message),
    );
    const first = reporter.beat();
    expect(await reporter.beat()).toBe(false); // skipped while the first is in flight
    release();
    expect(await first).toBe(false);
    expect(calls).toBe(1);
    expect(logged.join()).toMatch(/heartbeat not delivered/);
  });
});
