import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig, openDatabase, startHub } from '@kiosk/hub';

/** A hub listening on loopback for the suite, on a fresh database of the given kind. */
export interface ConformanceHub {
  /** e.g. http://127.0.0.1:41234/open311/v2 */
  readonly base: string;
  readonly apiKey: string;
  /** Adds a `type=batch` service the way staff would, so tokens can be tested. */
  addBatchService(code: string): Promise<void>;
  close(): Promise<void>;
}

export type Dialect = 'sqlite' | 'postgres';

const PG_ADMIN_URL = process.env['TEST_PG_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** How long to wait for PostgreSQL before running on SQLite only. */
const PG_PROBE_TIMEOUT_MS = 2_000;

async function postgresAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: PG_PROBE_TIMEOUT_MS });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
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

/** SQLite always; PostgreSQL too when it answers, unless DATABASE_TESTS=off. */
export async function availableDialects(): Promise<Dialect[]> {
  if (process.env['DATABASE_TESTS'] === 'off') return ['sqlite'];
  if (await postgresAnswers()) return ['sqlite', 'postgres'];
  console.warn(`PostgreSQL does not answer at ${PG_ADMIN_URL}: the Open311 conformance suite runs on SQLite only.`);
  return ['sqlite'];
}

export async function startConformanceHub(dialect: Dialect): Promise<ConformanceHub> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'open311-conformance-'));
  const databaseName = `hub_conformance_${crypto.randomBytes(6).toString('hex')}`;
  const env: Record<string, string> = { DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: '0', CONSOLE_DIR: path.join(dataDir, 'no-console') };
  if (dialect === 'postgres') {
    await adminQuery(`CREATE DATABASE ${databaseName}`);
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${databaseName}`;
    env['DATABASE_URL'] = url.toString();
  }
  const config = loadConfig(env);
  const hub = await startHub(config, { logger: false });
  const apiKey = hub.firstRun.apiKey;
  if (apiKey === null) throw new Error('a fresh hub must print its demo api_key');
  return {
    base: `${hub.url}/open311/v2`,
    apiKey,
    addBatchService: async (code) => {
      const opened = openDatabase(config.database);
      try {
        const tenant = await opened.db.selectFrom('tenants').select('id').executeTakeFirstOrThrow();
        const group = await opened.db.selectFrom('service_groups').select('code').where('tenant_id', '=', tenant.id).executeTakeFirstOrThrow();
        await opened.db
          .insertInto('services')
          .values({ tenant_id: tenant.id, code, group_code: group.code, type: 'batch', locationless: 0, position: 1000, active: 1, created_at: new Date().toISOString() })
          .execute();
        await opened.db
          .insertInto('service_translations')
          .values({ tenant_id: tenant.id, service_code: code, locale: 'es', name: 'Recogida de enseres', description: 'Muebles y trastos.', keywords: 'muebles' })
          .execute();
      } finally {
        await opened.close();
      }
    },
    close: async () => {
      await hub.close();
      if (dialect === 'postgres') await adminQuery(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
