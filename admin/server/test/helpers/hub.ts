import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config.js';
import type { DatabaseConfig, HubConfig } from '../../src/config.js';
import { buildApp } from '../../src/app.js';
import { openDatabase } from '../../src/db/database.js';
import type { HubDb, OpenedDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { loadSecretBox } from '../../src/security/secret-keys.js';
import type { SecretBox } from '../../src/security/secret-box.js';
import { seedDemo } from '../../src/seed/demo.js';
import { DemoKioskFileSchema, ensureFirstRunSecrets } from '../../src/seed/first-run.js';
import type { DemoKioskFile } from '../../src/seed/first-run.js';
import { createUser } from '../../src/modules/auth/service.js';
import type { UserRow } from '../../src/modules/auth/repository.js';
import { insertTenant } from '../../src/modules/tenants/repository.js';

/**
 * One real hub per test file: a fresh SQLite file in a temp dir, or a fresh PostgreSQL database
 * (`hub_test_<random>`, dropped afterwards). Requests go through app.inject().
 */

export type Dialect = 'sqlite' | 'postgres';

/** Server to create throw-away databases on; trust auth on loopback (DESIGN.md section 8). */
export const PG_ADMIN_URL = process.env['TEST_PG_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const postgresOff = process.env['DATABASE_TESTS'] === 'off';
if (postgresOff) console.warn('DATABASE_TESTS=off: the hub suites run on SQLite only; PostgreSQL runs are SKIPPED.');
export const DIALECTS: readonly Dialect[] = postgresOff ? ['sqlite'] : ['sqlite', 'postgres'];

export interface TestHub {
  readonly app: FastifyInstance;
  readonly db: HubDb;
  readonly config: HubConfig;
  readonly dataDir: string;
  readonly adminPassword: string;
  readonly apiKey: string;
  readonly kiosk: DemoKioskFile;
  /** The hub's key ring for stored secrets (DATA_DIR/secret-keys unless env sets SECRET_KEYS). */
  readonly secrets: SecretBox;
  close(): Promise<void>;
}

/** An empty database of `dialect` (no migration run), for tests that migrate step by step; `cleanup` closes and removes it. */
export async function openEmptyDatabase(dialect: Dialect): Promise<{ opened: OpenedDatabase; cleanup: () => Promise<void> }> {
  if (dialect === 'postgres') {
    const database = await createPostgresDatabase();
    const opened = openDatabase({ kind: 'postgres', url: database.url });
    return { opened, cleanup: async () => { await opened.close(); await database.drop(); } };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-migration-'));
  const opened = openDatabase({ kind: 'sqlite', file: path.join(dir, 'hub.sqlite'), busyTimeoutMs: 1000 });
  return { opened, cleanup: async () => { await opened.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
}

/** A fresh, empty PostgreSQL database (for tests that run migrations step by step). */
export async function createPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `hub_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: PG_ADMIN_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

export async function createTestHub(dialect: Dialect, env: Record<string, string> = {}): Promise<TestHub> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-test-'));
  const postgres = dialect === 'postgres' ? await createPostgresDatabase() : null;
  // Admins sign in with a password only here; the auth and authorisation-matrix suites pass
  // ADMIN_SECOND_FACTOR: 'required' and go through the TOTP step.
  const base = loadConfig({ DATA_DIR: dataDir, CONSOLE_DIR: path.join(dataDir, 'no-console'), ADMIN_SECOND_FACTOR: 'off', ...env });
  const database: DatabaseConfig = postgres === null ? base.database : { kind: 'postgres', url: postgres.url };
  const config: HubConfig = { ...base, database };
  const keyRing = loadSecretBox(config.secretKeys);
  const opened = openDatabase(config.database);
  await migrateToLatest(opened.db, { secrets: keyRing });
  await seedDemo(opened.db);
  const secrets = await ensureFirstRunSecrets(opened.db, dataDir, 'http://127.0.0.1:9');
  if (secrets.admin === null || secrets.apiKey === null) throw new Error('a fresh hub must create first-run secrets');
  const kiosk = DemoKioskFileSchema.parse(JSON.parse(fs.readFileSync(secrets.demoKiosk.file, 'utf8')));
  const app = await buildApp({ db: opened.db, config, logger: false, secrets: keyRing });
  return {
    app,
    db: opened.db,
    config,
    dataDir,
    adminPassword: secrets.admin.password,
    apiKey: secrets.apiKey,
    kiosk,
    secrets: keyRing,
    close: async () => {
      await app.close();
      await opened.close();
      await postgres?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** application/x-www-form-urlencoded, the way Open311 clients post. */
export function form(fields: Record<string, string | string[]>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
  }
  return params.toString();
}

export const FORM_HEADERS = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };

/** The headers a console call carries (the CSRF header every state-changing staff call needs). */
export const CONSOLE_HEADERS = { 'x-requested-with': 'console' };

/** Signs a staff user in and returns the headers for their calls: the CSRF header and the session cookie. */
export async function signInStaff(hub: TestHub, username: string, password: string): Promise<Record<string, string>> {
  const response = await hub.app.inject({ method: 'POST', url: '/api/auth/login', headers: CONSOLE_HEADERS, payload: { username, password } });
  const cookie = /^(__Host-session=[^;]+);/.exec(String(response.headers['set-cookie']))?.[1];
  if (cookie === undefined) throw new Error(`login of ${username} failed: ${response.statusCode}`);
  return { ...CONSOLE_HEADERS, cookie };
}

/**
 * Creates one staff user per role (username `<role>1`, in the demo municipality) and signs each in,
 * in parallel; their call headers, keyed by role.
 */
export async function staffByRole<R extends UserRow['role']>(hub: TestHub, roles: readonly R[], tenantId = 'villademo'): Promise<Record<R, Record<string, string>>> {
  const password = (role: string) => `${role}1 password 12`;
  for (const role of roles) await createUser(hub.db, { tenantId, username: `${role}1`, password: password(role), role });
  const headers = await Promise.all(roles.map((role) => signInStaff(hub, `${role}1`, password(role))));
  return Object.fromEntries(roles.map((role, index) => [role, headers[index]])) as Record<R, Record<string, string>>;
}

/** A second municipality ('tenant_other', jurisdiction otro.example), for tests of tenant isolation. */
export async function insertOtherTenant(db: HubDb): Promise<void> {
  await insertTenant(db, {
    id: 'tenant_other',
    jurisdiction_id: 'otro.example',
    name: 'Otro Ayuntamiento',
    time_zone: 'Europe/Madrid',
    default_locale: 'es',
    office_address: 'Plaza Mayor 1',
    office_lat: null,
    office_long: null,
    contact: 'info@otro.example',
    created_at: new Date().toISOString(),
  });
}
