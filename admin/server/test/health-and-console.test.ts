import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { openDatabase } from '../src/db/database.js';
import { SECURITY_HEADERS } from '../src/http/security-headers.js';
import { DIALECTS, createTestHub } from './helpers/hub.js';
import type { TestHub } from './helpers/hub.js';

function expectSecurityHeaders(headers: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(headers[name], name).toBe(value);
  expect(String(headers['content-security-policy'])).toContain("frame-ancestors 'none'");
}

describe.each(DIALECTS)('health, headers and the console page (%s)', (dialect) => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await createTestHub(dialect);
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('reports healthy while the database answers', async () => {
    const response = await hub.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', database: 'ok' });
    expectSecurityHeaders(response.headers);
  });

  it('sends the security headers on errors and unknown routes too', async () => {
    const missing = await hub.app.inject({ method: 'GET', url: '/no/such/route' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: { code: 'not-found' } });
    expectSecurityHeaders(missing.headers);
    expectSecurityHeaders((await hub.app.inject({ method: 'GET', url: '/api/cases' })).headers);
  });

  it('says how to build the console when it is not built', async () => {
    const response = await hub.app.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toContain('npm run build -w @kiosk/console');
  });

  it('hides the details of a server error', async () => {
    // A table the hub needs disappears: the answer must not say which, the log may.
    const broken = await hub.app.inject({ method: 'GET', url: '/open311/v2/services.json' });
    expect(broken.statusCode).toBe(200);
    await hub.db.schema.alterTable('service_translations').renameTo('service_translations_gone').execute();
    try {
      const response = await hub.app.inject({ method: 'GET', url: '/open311/v2/services.json', headers: { 'accept-language': 'en' } });
      expect(response.statusCode).toBe(500);
      expect(response.json()).toEqual([{ code: '500', description: 'We could not handle this request. Please try again later.' }]);
      const fleet = await hub.app.inject({ method: 'GET', url: '/fleet/v1/catalog', headers: { authorization: `Bearer ${hub.kiosk.token}`, 'x-protocol-version': '1' } });
      expect(fleet.statusCode).toBe(500);
      expect(fleet.body).not.toContain('service_translations');
    } finally {
      await hub.db.schema.alterTable('service_translations_gone').renameTo('service_translations').execute();
    }
  });
});

describe('health when the database is gone, and a built console', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await createTestHub('sqlite');
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('answers 503 when the database does not answer', async () => {
    const lost = openDatabase({ kind: 'sqlite', file: path.join(hub.dataDir, 'lost.sqlite'), busyTimeoutMs: 100 });
    const app = await buildApp({ db: lost.db, config: hub.config, logger: false });
    try {
      expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
      await lost.close();
      const response = await app.inject({ method: 'GET', url: '/healthz' });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toEqual({ status: 'degraded', database: 'unreachable' });
    } finally {
      await app.close();
    }
  });

  it('serves admin/web/dist under /console/ (index.html for deep links), and / redirects there', async () => {
    const dist = path.join(hub.dataDir, 'dist');
    fs.mkdirSync(path.join(dist, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Console</title><div id="root"></div>');
    fs.writeFileSync(path.join(dist, 'assets', 'app.js'), 'console.log(1)');
    const app = await buildApp({ db: hub.db, config: { ...hub.config, consoleDir: dist }, logger: false });
    try {
      const root = await app.inject({ method: 'GET', url: '/' });
      expect(root.statusCode).toBe(302);
      expect(root.headers.location).toBe('/console/');
      for (const url of ['/console/', '/console/fleet/kiosk-1', '/console/enrol?code=ABCD2345']) {
        const response = await app.inject({ method: 'GET', url });
        expect(response.statusCode, url).toBe(200);
        expect(response.body).toContain('<title>Console</title>');
        expectSecurityHeaders(response.headers);
      }
      const asset = await app.inject({ method: 'GET', url: '/console/assets/app.js' });
      expect(asset.statusCode).toBe(200);
      expect(asset.body).toBe('console.log(1)');
      expect((await app.inject({ method: 'GET', url: '/console/assets/missing.js' })).statusCode).toBe(404);
      // An API typo stays a JSON 404, never the console page.
      const api = await app.inject({ method: 'GET', url: '/api/no-such-thing' });
      expect(api.statusCode).toBe(404);
      expect(api.body).not.toContain('<title>Console</title>');
    } finally {
      await app.close();
    }
  });
});
