import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { z } from 'zod';
import { FLEET_BASE_PATH, PROTOCOL_VERSION, PROTOCOL_VERSION_HEADER, type HeartbeatSchema } from '@kiosk/shared';
import { loadConfig, migrateToLatest, openDatabase, seedDemo, startHub, type HubConfig } from '../../admin/server/src/index.js';
import { registerDevice } from '../../admin/server/src/modules/devices/service.js';
import type { Benchmark, Figure } from './figures.js';
import { loadTest, type LoadResult } from './load.js';
import { PG_ADMIN_URL, postgresAvailable } from './hub-fixtures.js';

/**
 * Heartbeat ingestion: a fleet of N registered kiosks, each heartbeat sent with its own device
 * credential (authentication, validation, latest row replaced + history appended), against GET
 * /healthz on the same hub in the same run (HTTP + Fastify + one trivial query: the floor a
 * database-backed route pays). At 1,000 and 10,000 kiosks (100 and 1,000 in quick mode), on SQLite
 * and PostgreSQL.
 */

const CONCURRENCY = 32;
const TENANT_ID = 'villademo';
/** GET /healthz requests before measuring it (JIT, connection pool); heartbeats warm up by priming. */
const WARMUP = 200;
/** The fleet's first round of heartbeats (not measured) goes faster with more in flight. */
const PRIMING_CONCURRENCY = 64;

type HeartbeatBody = z.input<typeof HeartbeatSchema>;

/** What an idle kiosk with an empty outbox reports (as the agent builds it, kiosk/src/agent/agent.ts). */
function heartbeat(): HeartbeatBody {
  const since = new Date(Date.now() - 3_600_000).toISOString();
  return {
    sentAt: new Date().toISOString(),
    versions: { agent: '0.1.0', protocol: PROTOCOL_VERSION, content: '42' },
    devices: { printer: { state: 'ok', reason: null, since }, scanner: { state: 'offline', reason: 'not-configured', since } },
    outbox: { depth: 0, oldestAgeSeconds: null, dead: 0 },
    sessionActive: false,
    shell: null,
  };
}

interface FleetHub {
  readonly url: string;
  /** One `<deviceId>.<secret>` per registered kiosk. */
  readonly tokens: readonly string[];
  close(): Promise<void>;
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh database with `kiosks` devices registered (the hub's own code, one transaction), then the hub on it. */
async function startFleetHub(store: 'sqlite' | 'postgres', kiosks: number): Promise<FleetHub> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-heartbeat-'));
  const env: Record<string, string> = { DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', CONSOLE_DIR: join(dataDir, 'none') };
  const databaseName = `bench_hb_${Date.now().toString(36)}`;
  if (store === 'postgres') {
    await adminQuery(`CREATE DATABASE ${databaseName}`);
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${databaseName}`;
    env['DATABASE_URL'] = url.toString();
  }
  const cleanUp = async () => {
    if (store === 'postgres') await adminQuery(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const config: HubConfig = loadConfig(env);
    const opened = openDatabase(config.database);
    const tokens: string[] = [];
    try {
      await migrateToLatest(opened.db);
      await seedDemo(opened.db);
      await opened.db.transaction().execute(async (trx) => {
        for (let i = 0; i < kiosks; i += 1) tokens.push((await registerDevice(trx, TENANT_ID, `bench-kiosk-${i}`)).token);
      });
    } finally {
      await opened.close();
    }
    const hub = await startHub(config, { logger: false });
    return {
      url: hub.url,
      tokens,
      async close() {
        await hub.close();
        await cleanUp();
      },
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

/**
 * Every kiosk reports once first (not measured), so the measured heartbeats meet a fleet in its
 * steady state: each one replaces an existing latest row, as every 30-60 s in production.
 */
async function measure(hub: FleetHub, total: number): Promise<{ heartbeats: LoadResult; healthz: LoadResult }> {
  const healthz = () => fetch(`${hub.url}/healthz`);
  const send = (i: number) =>
    fetch(`${hub.url}${FLEET_BASE_PATH}/heartbeat`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${hub.tokens[i % hub.tokens.length] ?? ''}`,
        [PROTOCOL_VERSION_HEADER]: String(PROTOCOL_VERSION),
        'content-type': 'application/json',
      },
      body: JSON.stringify(heartbeat()),
    });
  const primed = await loadTest(send, hub.tokens.length, PRIMING_CONCURRENCY, 200);
  if (primed.failures > 0) throw new Error(`heartbeat-ingestion: ${primed.failures} of the fleet's first heartbeats were refused`);
  await loadTest(healthz, WARMUP, CONCURRENCY, 200);
  const noop = await loadTest(healthz, total, CONCURRENCY, 200);
  const heartbeats = await loadTest(send, total, CONCURRENCY, 200);
  return { heartbeats, healthz: noop };
}

export const heartbeatIngestion: Benchmark = async ({ quick }) => {
  const fleets = quick ? [100, 1_000] : [1_000, 10_000];
  const figures: Figure[] = [];
  const stores: Array<'sqlite' | 'postgres'> = ['sqlite'];
  if (await postgresAvailable()) stores.push('postgres');
  else console.log('heartbeat-ingestion: PostgreSQL is not answering at 127.0.0.1:5432, measuring SQLite only');
  for (const store of stores) {
    for (const kiosks of fleets) {
      // Round-robin over the fleet: the 1,000-kiosk fleet reports three times, 3,000 of the 10,000 once.
      const total = Math.min(quick ? 300 : 3_000, 3 * kiosks);
      const hub = await startFleetHub(store, kiosks);
      try {
        const { heartbeats, healthz } = await measure(hub, total);
        if (heartbeats.failures === total) throw new Error(`heartbeat-ingestion (${store}, ${kiosks} kiosks): every heartbeat failed`);
        const benchmark = `Heartbeat ingestion (${store}, ${kiosks} kiosks, ${CONCURRENCY} in flight)`;
        figures.push(
          { benchmark, name: 'throughput', value: heartbeats.requestsPerSecond, unit: 'heartbeats/s', baseline: { name: 'GET /healthz', value: healthz.requestsPerSecond, unit: 'req/s' }, note: `${total} heartbeats, ${heartbeats.failures} not 200` },
          { benchmark, name: 'latency p50', value: heartbeats.p50Ms, unit: 'ms', baseline: { name: 'GET /healthz p50', value: healthz.p50Ms, unit: 'ms' } },
          { benchmark, name: 'latency p99', value: heartbeats.p99Ms, unit: 'ms', baseline: { name: 'GET /healthz p99', value: healthz.p99Ms, unit: 'ms' } },
        );
      } finally {
        await hub.close();
      }
    }
  }
  return figures;
};
