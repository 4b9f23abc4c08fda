import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocket } from 'ws';
import { PROTOCOL_VERSION, kioskMethods, type KioskReply } from '@kiosk/shared';
import { KioskHandlerError, dispatchKioskCall, type KioskHandlers } from '../../src/agent/handlers/dispatch.js';
import { attachWebSocketTransport } from '../../src/agent/transport/websocket.js';

// Every method answers "not-found" unless this test gives it a handler: new contract methods do not
// have to be added here, and none of them can pass a test by accident.
const unhandled = Object.fromEntries(
  Object.keys(kioskMethods).map((method) => [method, async () => { throw new KioskHandlerError('not-found', `${method} is not part of this test`); }]),
) as unknown as KioskHandlers;

const handlers: KioskHandlers = {
  ...unhandled,
  'kiosk.describe': async () => ({ kioskId: 'k1', issuer: 'K7QM', protocolVersion: PROTOCOL_VERSION, locales: ['es'], online: true }),
  'catalog.list': async ({ locale }) => ({ locale, services: [], landmarks: [], stale: false }),
  'request.file': async () => {
    throw new KioskHandlerError('store-failed', 'disk full');
  },
  'devices.health': async () => {
    throw new Error('secret internal detail');
  },
  'session.changed': async ({ active }) => ({ active }),
};

describe('dispatchKioskCall never throws and always says what was wrong', () => {
  const call = (raw: unknown) => dispatchKioskCall(handlers, raw);

  it('answers a good call', async () => {
    expect(await call({ v: PROTOCOL_VERSION, id: '1', method: 'catalog.list', params: { locale: 'eu' } })).toEqual({
      v: PROTOCOL_VERSION, id: '1', ok: true, value: { locale: 'eu', services: [], landmarks: [], stale: false },
    });
  });

  it.each([
    ['garbage', 'not json at all', 'bad-request'],
    ['null', null, 'bad-request'],
    ['wrong version', { v: 99, id: '1', method: 'kiosk.describe', params: {} }, 'version-mismatch'],
    ['unknown method', { v: PROTOCOL_VERSION, id: '1', method: 'fs.readFile', params: {} }, 'unknown-method'],
    ['prototype key as method', { v: PROTOCOL_VERSION, id: '1', method: '__proto__', params: {} }, 'unknown-method'],
    ['bad params', { v: PROTOCOL_VERSION, id: '1', method: 'catalog.list', params: { locale: 'xx' } }, 'bad-request'],
    ['extra params', { v: PROTOCOL_VERSION, id: '1', method: 'kiosk.describe', params: { evil: true } }, 'bad-request'],
    ['HTML in a description', { v: PROTOCOL_VERSION, id: '1', method: 'request.file', params: { draftId: 'draft-0001', serviceCode: 'X', description: '<script>x</script>', locale: 'es' } }, 'bad-request'],
    ['draft without an id', { v: PROTOCOL_VERSION, id: '1', method: 'request.file', params: { serviceCode: 'X', description: 'ok', locale: 'es' } }, 'bad-request'],
    ['expected handler error', { v: PROTOCOL_VERSION, id: '1', method: 'request.file', params: { draftId: 'draft-0001', serviceCode: 'X', description: 'ok', locale: 'es' } }, 'store-failed'],
    ['unexpected handler error', { v: PROTOCOL_VERSION, id: '1', method: 'devices.health', params: {} }, 'internal'],
  ])('%s', async (_name, raw, code) => {
    const reply = (await call(raw)) as Extract<KioskReply, { ok: false }>;
    expect(reply.ok).toBe(false);
    expect(reply.error.code).toBe(code);
    expect(reply.error.message).not.toMatch(/secret internal detail/);
  });
});

describe('the loopback WebSocket transport', () => {
  let server: Server;
  let base: string;
  const token = 'per-boot-token-123';
  let closeTransport: () => Promise<void>;
  let pagesGone = 0;

  beforeAll(async () => {
    server = createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const transport = attachWebSocketTransport({ server, token, allowedOrigins: () => ['http://127.0.0.1:5180'], handlers, log: () => {}, onLastClientGone: () => (pagesGone += 1) });
    closeTransport = transport.close;
  });
  afterAll(async () => {
    await closeTransport();
    server.close();
  });

  async function refusal(url: string, origin?: string): Promise<number> {
    const ws = new WebSocket(url, origin ? { origin } : {});
    const [, response] = (await once(ws, 'unexpected-response')) as [unknown, { statusCode: number }];
    return response.statusCode;
  }

  it('refuses a connection without the per-boot token', async () => {
    expect(await refusal(`${base}/agent`)).toBe(401);
    expect(await refusal(`${base}/agent?token=wrong`)).toBe(401);
  });

  it('refuses a page from another origin even with the token', async () => {
    expect(await refusal(`${base}/agent?token=${token}`, 'http://evil.example')).toBe(403);
  });

  it('answers calls from the page it served', async () => {
    const ws = new WebSocket(`${base}/agent?token=${token}`, { origin: 'http://127.0.0.1:5180' });
    await once(ws, 'open');
    ws.send(JSON.stringify({ v: PROTOCOL_VERSION, id: 'a', method: 'kiosk.describe', params: {} }));
    const [data] = (await once(ws, 'message')) as [Buffer];
    expect(JSON.parse(data.toString())).toMatchObject({ id: 'a', ok: true, value: { issuer: 'K7QM' } });
    ws.send('{{{ not json');
    const [bad] = (await once(ws, 'message')) as [Buffer];
    expect(JSON.parse(bad.toString())).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    ws.close();
    await once(ws, 'close');
  });

  it('says when the last page went away, not before', async () => {
    const open = async () => {
      const ws = new WebSocket(`${base}/agent?token=${token}`, { origin: 'http://127.0.0.1:5180' });
      await once(ws, 'open');
      return ws;
    };
    const before = pagesGone;
    const [first, second] = [await open(), await open()];
    first.close();
    await once(first, 'close');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pagesGone).toBe(before);
    second.close();
    await expect.poll(() => pagesGone).toBe(before + 1);
  });
});
