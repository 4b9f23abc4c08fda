import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorSchema } from '@kiosk/shared';
import { createUser } from '../src/modules/auth/service.js';
import { ADDRESS_RULE, LOGIN_RULE, addressKey, recordFailure } from '../src/modules/auth/throttle.js';
import { CONSOLE_HEADERS, DIALECTS, createTestHub } from './helpers/hub.js';
import type { TestHub } from './helpers/hub.js';

describe.each(DIALECTS)('sign-in rate limits (%s)', (dialect) => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await createTestHub(dialect);
    await createUser(hub.db, { tenantId: 'villademo', username: 'hugo', password: 'hugo-password-1', role: 'viewer' });
    await createUser(hub.db, { tenantId: 'villademo', username: 'ines', password: 'ines-password-1', role: 'viewer' });
  });
  afterAll(async () => {
    await hub?.close();
  });

  const login = (username: string, password: string, remoteAddress = '127.0.0.1') =>
    hub.app.inject({ method: 'POST', url: '/api/auth/login', headers: CONSOLE_HEADERS, payload: { username, password }, remoteAddress });

  it('locks a username after five wrong passwords, even against the right one, and tells the user to wait', async () => {
    for (let attempt = 1; attempt <= LOGIN_RULE.maxFailures; attempt += 1) expect((await login('hugo', 'wrong')).statusCode).toBe(401);
    const locked = await login('hugo', 'hugo-password-1');
    expect(locked.statusCode).toBe(429);
    expect(ApiErrorSchema.parse(locked.json()).error).toMatchObject({ code: 'too-many-attempts' });
    expect(locked.headers['set-cookie']).toBeUndefined();
    // Another account is unaffected.
    expect((await login('ines', 'ines-password-1')).statusCode).toBe(200);
  });

  it('counts failures for unknown usernames too, per name (no hint which names exist)', async () => {
    for (let attempt = 1; attempt <= LOGIN_RULE.maxFailures; attempt += 1) expect((await login('ghost', 'x', '10.0.0.2')).statusCode).toBe(401);
    expect((await login('ghost', 'x', '10.0.0.2')).statusCode).toBe(429);
  });

  it('locks a client address that sprays passwords over many usernames', async () => {
    const now = new Date();
    for (let attempt = 1; attempt < ADDRESS_RULE.maxFailures; attempt += 1) await recordFailure(hub.db, addressKey('10.0.0.9'), ADDRESS_RULE, now);
    expect((await login(`spray-last`, 'x', '10.0.0.9')).statusCode).toBe(401); // the 30th failure locks
    expect((await login('ines', 'ines-password-1', '10.0.0.9')).statusCode).toBe(429);
    expect((await login('ines', 'ines-password-1', '10.0.0.10')).statusCode).toBe(200);
  });

  it('forgets old failures once the window has passed', async () => {
    const past = new Date(Date.now() - LOGIN_RULE.windowMs - 1000);
    for (let attempt = 1; attempt < LOGIN_RULE.maxFailures; attempt += 1) await recordFailure(hub.db, 'login:ines', LOGIN_RULE, past);
    expect((await login('ines', 'wrong', '10.0.0.11')).statusCode).toBe(401);
    expect((await login('ines', 'ines-password-1', '10.0.0.11')).statusCode).toBe(200);
  });
});
