import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { ContentUpdater } from '../../src/agent/content/updater.js';
import { DoorbellClient } from '../../src/agent/jobs/doorbell-client.js';
import type { JobCapabilities } from '../../src/agent/jobs/executors.js';
import { JobRunner } from '../../src/agent/jobs/job-runner.js';
import type { JobHub } from '../../src/agent/jobs/job-runner.js';
import { JobStore } from '../../src/agent/jobs/job-store.js';
import { openAgentDatabase } from '../../src/agent/store/database.js';
import type { AgentDatabase } from '../../src/agent/store/database.js';
import { closeServer, listenOnLoopback } from './helpers/loopback-server.js';

/**
 * The hub's doorbell ringing "content" (a publication, a content rollout step) makes the content
 * updater check at once, one check at a time; rings this agent does not know are ignored.
 */

const quiet = () => undefined;
const TOKEN = 'device-1.secret-for-tests';

async function until(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const noCapabilities: JobCapabilities = {
  reloadContent: async () => ({ ok: true, detail: 'unchanged' }),
  applyConfig: async () => undefined,
  restartRenderer: () => undefined,
  printTestPage: async () => ({ state: 'printed', reason: null, warning: null }),
  logLines: () => [],
  uploadLogs: async () => undefined,
  setMaintenance: () => undefined,
};

/** The hub's content endpoint, slow on purpose: counts bundle requests and how many ran at once. */
class SlowContentHub {
  requests = 0;
  inFlight = 0;
  maxInFlight = 0;
  private server = http.createServer((request, response) => {
    if (request.url !== '/fleet/v1/content/bundle' || request.headers.authorization !== `Bearer ${TOKEN}`) return void response.writeHead(404).end();
    this.requests += 1;
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    setTimeout(() => {
      this.inFlight -= 1;
      // 503: the updater keeps what it has and the check ends ('offline'), which is all this test needs.
      response.writeHead(503).end();
    }, 150);
  });

  listen(): Promise<string> {
    return listenOnLoopback(this.server);
  }

  close(): Promise<void> {
    return closeServer(this.server);
  }
}

describe('a content ring on the doorbell', () => {
  let dir: string;
  let db: AgentDatabase;
  let contentHub: SlowContentHub;
  let wss: WebSocketServer;
  let url: string;
  const sockets: WebSocket[] = [];

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-content-bell-'));
    db = openAgentDatabase(path.join(dir, 'kiosk.sqlite'));
    contentHub = new SlowContentHub();
    wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
    wss.on('connection', (ws) => sockets.push(ws));
  });
  afterEach(async () => {
    sockets.length = 0;
    await new Promise<void>((resolve) => wss.close(() => resolve()));
    await contentHub.close();
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const ringAll = (message: string) => {
    for (const ws of sockets) ws.send(message);
  };

  /**
   * A job runner on the test doorbell, wired to a content updater as agent.ts wires it; counts job
   * polls and configuration rings. The periodic checks are an hour away and never started: only the
   * doorbell can cause a check.
   */
  async function startRunner() {
    const baseUrl = await contentHub.listen();
    const content = new ContentUpdater({ baseUrl, token: TOKEN, dataDir: dir, checkIntervalMs: 3_600_000, log: quiet });
    const counts = { jobPolls: 0, configRings: 0 };
    const hub: JobHub = {
      fetchJobs: async () => {
        counts.jobPolls += 1;
        return [];
      },
      reportJobState: async () => 'accepted',
      doorbellConnection: () => ({ url, headers: { authorization: `Bearer ${TOKEN}` } }),
    };
    const runner = new JobRunner({
      store: new JobStore(db),
      hub,
      capabilities: noCapabilities,
      sessionActive: () => false,
      log: quiet,
      pollMs: 3_600_000,
      doorbell: { baseMs: 10, capMs: 100 },
      onConfigRing: () => (counts.configRings += 1),
      onContentRing: () => content.checkInBackground(),
    });
    runner.start();
    return { runner, content, counts };
  }

  it('checks for a new bundle at once, joins a check already running, and ignores rings it does not know', async () => {
    const { runner, content, counts } = await startRunner();
    try {
      await until(() => runner.doorbellConnected() && sockets.length === 1, 'the doorbell');
      await runner.idle();
      const pollsAfterConnecting = counts.jobPolls;

      // A newer hub's ring this agent does not know, and garbage: nothing happens, nothing breaks.
      ringAll(JSON.stringify({ ring: 'weather' }));
      ringAll('not json');
      ringAll(JSON.stringify({ ring: 'CONTENT' }));
      await pause(100);
      expect(contentHub.requests).toBe(0);
      expect(counts.jobPolls).toBe(pollsAfterConnecting);
      expect(counts.configRings).toBe(0);
      expect(runner.doorbellConnected()).toBe(true);

      // Three rings in a row: a check at once, and one more after it (the first may have fetched
      // before the publication), never two at the same time.
      ringAll(JSON.stringify({ ring: 'content' }));
      ringAll(JSON.stringify({ ring: 'content' }));
      ringAll(JSON.stringify({ ring: 'content' }));
      await until(() => contentHub.requests === 1, 'an immediate content check', 1_000);
      await until(() => contentHub.requests === 2, 'one follow-up check');
      await pause(400);
      expect(contentHub.requests).toBe(2);
      expect(contentHub.maxInFlight).toBe(1);
      expect(content.status().lastError?.code).toBe('hub-unavailable');

      // A later ring is a new check; jobs and configuration were not bothered.
      ringAll(JSON.stringify({ ring: 'content' }));
      await until(() => contentHub.requests === 3, 'a third check');
      expect(contentHub.maxInFlight).toBe(1);
      expect(counts.jobPolls).toBe(pollsAfterConnecting);
      expect(counts.configRings).toBe(0);
    } finally {
      runner.stop();
      await runner.idle();
    }
  });

  it('after a dropped doorbell reconnects, checks content and configuration at once (rings sent meanwhile were lost)', async () => {
    const { runner, counts } = await startRunner();
    try {
      // The first connection: jobs are polled, but content and configuration have their own
      // start-up checks, so the doorbell does not add one.
      await until(() => runner.doorbellConnected() && sockets.length === 1, 'the doorbell');
      await runner.idle();
      await pause(100);
      expect(contentHub.requests).toBe(0);
      expect(counts.configRings).toBe(0);
      const pollsBefore = counts.jobPolls;

      // The hub drops the connection (a restart); the agent reconnects and looks at everything.
      sockets[0]!.terminate();
      await until(() => sockets.length === 2 && runner.doorbellConnected(), 'the reconnection');
      await until(() => contentHub.requests === 1, 'a content check after reconnecting');
      await until(() => counts.configRings === 1 && counts.jobPolls > pollsBefore, 'a configuration check and a job poll');
      await pause(300);
      expect(contentHub.requests).toBe(1);
      expect(counts.configRings).toBe(1);
    } finally {
      runner.stop();
      await runner.idle();
    }
  });

  it('hands only known rings to the doorbell client\'s listener', async () => {
    const rings: string[] = [];
    const client = new DoorbellClient({ connection: () => ({ url, headers: {} }), baseMs: 10, capMs: 100, onRing: (ring) => rings.push(ring), onConnected: quiet, log: quiet });
    client.start();
    try {
      await until(() => client.isConnected() && sockets.length === 1, 'the doorbell');
      for (const message of [{ ring: 'weather' }, { ring: 42 }, {}, { ring: 'content' }, { ring: 'config' }, { ring: 'jobs' }]) ringAll(JSON.stringify(message));
      ringAll('{');
      await until(() => rings.length === 3, 'the known rings');
      await pause(50);
      expect(rings).toEqual(['content', 'config', 'jobs']);
      expect(client.isConnected()).toBe(true);
    } finally {
      client.stop();
    }
  });
});
