import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../admin/server/src/config.js';
import { startHub, type RunningHub } from '../../admin/server/src/index.js';

export const PG_ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchHub {
  readonly hub: RunningHub;
  readonly apiKey: string;
  close(): Promise<void>;
}

/** A real hub on a loopback port, on a fresh SQLite file or a fresh PostgreSQL database. */
export async function startBenchHub(store: 'sqlite' | 'postgres'): Promise<BenchHub> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-hub-'));
  let dropDatabase = async () => {};
  const env: Record<string, string> = { DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', CONSOLE_DIR: join(dataDir, 'none') };
  if (store === 'postgres') {
    const name = `bench_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    dropDatabase = async () => {
      const client = new pg.Client({ connectionString: PG_ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    };
  }
  const hub = await startHub(loadConfig(env), { logger: false });
  if (hub.firstRun.apiKey === null) throw new Error('a fresh hub must print its demo API key');
  return {
    hub,
    apiKey: hub.firstRun.apiKey,
    async close() {
      await hub.close();
      await dropDatabase();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Whether PostgreSQL answers at PG_ADMIN_URL (the bench skips it, saying so, when not). */
export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}
