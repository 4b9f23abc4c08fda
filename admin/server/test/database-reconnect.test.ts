import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { DIALECTS, PG_ADMIN_URL, createTestHub } from './helpers/hub.js';
import type { TestHub } from './helpers/hub.js';

// PostgreSQL restarts, fails over or has its connections killed by an administrator: the hub must
// neither crash (an unhandled 'error' from an idle pooled connection would) nor stay broken.
describe.runIf(DIALECTS.includes('postgres'))('the hub survives lost PostgreSQL connections', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await createTestHub('postgres');
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('answers again after every connection of its pool was terminated', async () => {
    expect((await hub.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    if (hub.config.database.kind !== 'postgres') throw new Error('expected a PostgreSQL hub');
    const database = new URL(hub.config.database.url).pathname.slice(1);
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    try {
      const killed = await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database]);
      expect(killed.rowCount).toBeGreaterThan(0);
    } finally {
      await admin.end();
    }
    // The idle clients' 'error' events arrive asynchronously; wait until the pool reconnects.
    await expect
      .poll(async () => (await hub.app.inject({ method: 'GET', url: '/healthz' })).statusCode, { timeout: 10_000, interval: 100 })
      .toBe(200);
    const services = await hub.app.inject({ method: 'GET', url: '/open311/v2/services.json' });
    expect(services.statusCode).toBe(200);
  });
});
