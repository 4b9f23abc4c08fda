import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_KIOSK_CONFIG, PROTOCOL_VERSION } from '@kiosk/shared';
import type { AppliedKioskConfig, Heartbeat, KioskConfig } from '@kiosk/shared';
import { DEMO_KIOSK_FILE, DemoKioskFileSchema, loadConfig, startHub } from '@kiosk/hub';
import type { RunningHub } from '@kiosk/hub';
import { ConfigSync } from '../../src/agent/config-sync/config-sync.js';
import type { FetchedConfig } from '../../src/agent/config-sync/config-sync.js';
import { KioskConfigStore } from '../../src/agent/config-sync/config-store.js';
import { openAgentDatabase } from '../../src/agent/store/database.js';
import type { AgentDatabase } from '../../src/agent/store/database.js';
import { HeartbeatReporter } from '../../src/agent/sync/heartbeat.js';
import { HubClient } from '../../src/agent/sync/hub-client.js';

const quiet = () => {};
const lobby: KioskConfig = { ...DEFAULT_KIOSK_CONFIG, idleTimeoutSeconds: 120, languages: ['es', 'ca'], services: ['litter'] };

const dirs: string[] = [];
function tempStore(): { file: string; db: AgentDatabase } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-config-'));
  dirs.push(dir);
  const file = path.join(dir, 'kiosk.sqlite');
  return { file, db: openAgentDatabase(file) };
}
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** A hub stand-in that serves whatever the test says and records the ETag the agent sent. */
function servedBy(answers: FetchedConfig[]) {
  const etags: Array<string | null> = [];
  return {
    etags,
    fetch: async (etag: string | null): Promise<FetchedConfig> => {
      etags.push(etag);
      const next = answers.shift();
      if (next === undefined) throw new Error('hub unreachable');
      return next;
    },
  };
}

describe('ConfigSync (agent side)', () => {
  const opened: AgentDatabase[] = [];
  afterEach(() => {
    for (const db of opened.splice(0)) db.close();
  });

  it('runs the defaults until the hub sends a version, then applies, persists and announces it', async () => {
    const { file, db } = tempStore();
    opened.push(db);
    const hub = servedBy([{ kind: 'body', body: { version: 3, config: lobby } }, { kind: 'not-modified' }]);
    const sync = new ConfigSync({ store: new KioskConfigStore(db), fetch: hub.fetch, log: quiet });
    const announced: AppliedKioskConfig[] = [];
    sync.onApplied((applied) => announced.push(applied));
    expect(sync.current()).toEqual({ version: null, config: DEFAULT_KIOSK_CONFIG });
    expect(sync.report()).toEqual({ appliedVersion: null, error: null });

    expect(await sync.checkNow()).toBe('applied');
    expect(sync.current()).toEqual({ version: 3, config: lobby });
    expect(announced).toEqual([{ version: 3, config: lobby }]);
    expect(sync.report()).toEqual({ appliedVersion: 3, error: null });
    // The next check sends the applied version as ETag: the hub answers 304.
    expect(await sync.checkNow()).toBe('unchanged');
    expect(hub.etags).toEqual([null, '"3"']);

    // A restart finds it in the store.
    db.close();
    opened.pop();
    const reopened = openAgentDatabase(file);
    opened.push(reopened);
    expect(new ConfigSync({ store: new KioskConfigStore(reopened), fetch: hub.fetch, log: quiet }).current()).toEqual({ version: 3, config: lobby });
  });

  it('refuses an invalid configuration, keeps the previous one and reports why', async () => {
    const { db } = tempStore();
    opened.push(db);
    const hub = servedBy([
      { kind: 'body', body: { version: 1, config: lobby } },
      { kind: 'body', body: { version: 2, config: { ...lobby, idleWarningSeconds: 5 } } },
      { kind: 'body', body: { version: 3, config: { ...lobby, languages: ['ca'] } } },
      { kind: 'body', body: 'not json at all' },
    ]);
    const logged: string[] = [];
    const sync = new ConfigSync({ store: new KioskConfigStore(db), fetch: hub.fetch, log: (message) => logged.push(message) });
    const announced: AppliedKioskConfig[] = [];
    sync.onApplied((applied) => announced.push(applied));
    expect(await sync.checkNow()).toBe('applied');

    expect(await sync.checkNow()).toBe('refused');
    expect(sync.current()).toEqual({ version: 1, config: lobby });
    expect(sync.report()).toEqual({ appliedVersion: 1, error: { version: 2, message: expect.stringMatching(/idleWarningSeconds/) } });
    expect(await sync.checkNow()).toBe('refused');
    expect(sync.report().error).toEqual({ version: 3, message: expect.stringMatching(/languages.*default language/) });
    expect(await sync.checkNow()).toBe('refused');
    expect(sync.report().error?.version).toBe(0);
    expect(announced).toHaveLength(1);
    expect(logged.filter((m) => m.includes('refused'))).toHaveLength(3);
  });

  it('refuses a version older than the applied one; fetches only when the desired version differs', async () => {
    const { db } = tempStore();
    opened.push(db);
    const hub = servedBy([{ kind: 'body', body: { version: 5, config: lobby } }, { kind: 'body', body: { version: 4, config: DEFAULT_KIOSK_CONFIG } }]);
    const sync = new ConfigSync({ store: new KioskConfigStore(db), fetch: hub.fetch, log: quiet });
    sync.observeDesiredVersion(0); // nothing set on the hub, defaults here: no fetch
    expect(hub.etags).toEqual([]);
    expect(await sync.checkNow()).toBe('applied');
    sync.observeDesiredVersion(5);
    expect(hub.etags).toHaveLength(1);
    expect(await sync.checkNow()).toBe('refused');
    expect(sync.report()).toEqual({ appliedVersion: 5, error: { version: 4, message: 'version 4 is older than the applied version 5' } });
    // The refused version is not fetched again at every heartbeat.
    sync.observeDesiredVersion(4);
    expect(hub.etags).toHaveLength(2);
    // An unreachable hub is only a later try.
    expect(await sync.checkNow()).toBe('unreachable');
    expect(sync.current().version).toBe(5);
  });
});

describe('ConfigSync and heartbeats against the real hub', () => {
  let hub: RunningHub;
  let hubDir: string;
  let cookie = '';
  const CONSOLE = { 'x-requested-with': 'console', 'content-type': 'application/json' };

  beforeAll(async () => {
    hubDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-config-'));
    hub = await startHub(loadConfig({ DATA_DIR: hubDir, PORT: '0', HOST: '127.0.0.1', CONSOLE_DIR: path.join(hubDir, 'none'), ADMIN_SECOND_FACTOR: 'off' }), { logger: false });
    const login = await fetch(`${hub.url}/api/auth/login`, { method: 'POST', headers: CONSOLE, body: JSON.stringify({ username: 'admin', password: hub.firstRun.admin?.password }) });
    expect(login.status).toBe(200);
    cookie = `__Host-session=${/__Host-session=([^;]+);/.exec(login.headers.get('set-cookie') ?? '')?.[1] ?? ''}`;
  });
  afterAll(async () => {
    await hub.close();
    fs.rmSync(hubDir, { recursive: true, force: true });
  });

  it('follows the desired version named in heartbeat answers, and the hub sees it reported', async () => {
    const kiosk = DemoKioskFileSchema.parse(JSON.parse(fs.readFileSync(path.join(hubDir, DEMO_KIOSK_FILE), 'utf8')));
    const client = new HubClient({ baseUrl: hub.url, token: kiosk.token, timeoutMs: 5_000 });
    const { db } = tempStore();
    const sync = new ConfigSync({ store: new KioskConfigStore(db), fetch: (etag) => client.fetchConfig(etag), log: quiet });
    const applied = new Promise<AppliedKioskConfig>((resolve) => sync.onApplied(resolve));
    const ok = { state: 'ok' as const, reason: null, since: new Date().toISOString() };
    const reporter: HeartbeatReporter = new HeartbeatReporter(
      async (): Promise<Heartbeat> => ({
        sentAt: new Date().toISOString(),
        versions: { agent: 'test', protocol: PROTOCOL_VERSION, content: null },
        devices: { printer: ok, scanner: ok },
        outbox: { depth: 0, oldestAgeSeconds: null, dead: 0 },
        sessionActive: false,
        shell: null,
        clockSkewMs: reporter.clockSkewMs,
        disk: null,
        config: sync.report(),
        maintenance: sync.current().config.maintenance,
        content: { error: null },
      }),
      (heartbeat) => client.sendHeartbeat(heartbeat),
      60_000,
      quiet,
      { onAnswer: (answer) => sync.observeDesiredVersion(answer.desiredConfigVersion) },
    );
    try {
      // Staff set a configuration on the hub.
      const put = await fetch(`${hub.url}/api/fleet/devices/${kiosk.deviceId}/config`, {
        method: 'PUT',
        headers: { ...CONSOLE, cookie, 'if-match': '"0"' },
        body: JSON.stringify({ ...lobby, maintenance: true }),
      });
      expect(put.status).toBe(200);

      expect(await reporter.beat()).toBe(true);
      expect(Math.abs(reporter.clockSkewMs ?? Infinity)).toBeLessThan(1_000);
      expect(await applied).toEqual({ version: 1, config: { ...lobby, maintenance: true } });
      await sync.checkNow(); // joins the check the heartbeat answer started, if it is still running
      expect(await sync.checkNow()).toBe('unchanged'); // a real 304

      expect(await reporter.beat()).toBe(true);
      const view = (await (await fetch(`${hub.url}/api/fleet/devices/${kiosk.deviceId}/config`, { headers: { cookie } })).json()) as { inSync: boolean; reported: { appliedVersion: number } };
      expect(view).toMatchObject({ inSync: true, reported: { appliedVersion: 1 } });
    } finally {
      sync.stop();
      db.close();
    }
  });
});
