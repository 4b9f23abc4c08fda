import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type Heartbeat } from '@kiosk/shared';
import { HeartbeatReporter, diskSpace } from '../../src/agent/sync/heartbeat.js';

const ok = { state: 'ok' as const, reason: null, since: '2026-11-28T09:00:00.000Z' };
const sample: Heartbeat = {
  sentAt: '2026-11-28T10:00:00.000Z',
  versions: { agent: '0.1.0', protocol: PROTOCOL_VERSION, content: null },
  devices: { printer: ok, scanner: ok },
  outbox: { depth: 2, oldestAgeSeconds: 30, dead: 0 },
  sessionActive: true,
  shell: null,
  clockSkewMs: null,
  disk: { freeBytes: 1_000, totalBytes: 4_000 },
  config: { appliedVersion: null, error: null },
  maintenance: false,
  content: { error: null },
};

describe('the heartbeat reporter', () => {
  it('sends what it builds and keeps the hub clock', async () => {
    const sent: Heartbeat[] = [];
    const reporter = new HeartbeatReporter(async () => sample, async (hb) => (sent.push(hb), { serverTime: '2026-11-28T10:00:01.000Z' }), 60_000, () => {});
    expect(await reporter.beat()).toBe(true);
    expect(sent).toEqual([sample]);
    expect(reporter.lastServerTime).toBe('2026-11-28T10:00:01.000Z');
  });

  it('measures the clock skew against the middle of the round trip and hands on the desired config version', async () => {
    const clock = [Date.parse('2026-11-28T10:05:00.000Z'), Date.parse('2026-11-28T10:05:00.400Z')];
    const answers: Array<{ serverTime: string; desiredConfigVersion: number }> = [];
    const reporter = new HeartbeatReporter(async () => sample, async () => ({ serverTime: '2026-11-28T10:00:00.000Z', desiredConfigVersion: 4 }), 60_000, () => {}, {
      now: () => clock.shift() ?? 0,
      onAnswer: (answer) => answers.push(answer),
    });
    expect(reporter.clockSkewMs).toBeNull();
    expect(await reporter.beat()).toBe(true);
    // The kiosk is 5 minutes (and the 200 ms half round trip) ahead of the hub.
    expect(reporter.clockSkewMs).toBe(5 * 60_000 + 200);
    expect(answers).toEqual([{ serverTime: '2026-11-28T10:00:00.000Z', desiredConfigVersion: 4 }]);

    // An older hub names no version: 0, "nothing desired".
    const old = new HeartbeatReporter(async () => sample, async () => ({ serverTime: '2026-11-28T10:00:00.000Z' }), 60_000, () => {}, { onAnswer: (answer) => answers.push(answer) });
    await old.beat();
    expect(answers[1]?.desiredConfigVersion).toBe(0);
  });

  it('reads the free and total space of the data directory', async () => {
    const disk = await diskSpace(process.cwd());
    expect(disk?.totalBytes).toBeGreaterThan(0);
    expect(disk?.freeBytes).toBeLessThanOrEqual(disk?.totalBytes ?? 0);
    expect(await diskSpace('/no/such/dir/anywhere')).toBeNull();
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
