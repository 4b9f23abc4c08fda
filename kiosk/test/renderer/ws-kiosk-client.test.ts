import { afterEach, describe, expect, it } from 'vitest';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { FilingResultSchema, KioskCallError, PROTOCOL_VERSION, type KioskCall } from '@kiosk/shared';
import { createWebSocketKioskClient, type SocketLike, type WebSocketKioskClient } from '../../src/renderer/bridge/ws-kiosk-client.js';
import { agentSocketUrl, readAgentToken, TOKEN_PLACEHOLDER } from '../../src/renderer/bridge/agent-address.js';

const FILING = {
  reference: 'K7QM-000A4-R',
  statusUrl: 'https://example.test/s/K7QM000A4R',
  sync: 'sent',
  receipt: { state: 'printed', reason: null },
};
/** What the client must hand back: the reply parsed by the result schema, defaults filled in. */
const PARSED_FILING = FilingResultSchema.parse(FILING);
const DRAFT = { draftId: 'draft-0001', serviceCode: 'noise', description: 'Ruido', attributes: {}, locale: 'es' } as const;

type Server = WebSocketServer & { url: string };
const cleanups: Array<() => void | Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A real WebSocket server on an ephemeral loopback port, answering with `answer`. */
async function startAgent(answer: (call: KioskCall, socket: WebSocket) => void): Promise<Server> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 }) as Server;
  await once(server, 'listening');
  server.url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/agent?token=t`;
  server.on('connection', (socket) => socket.on('message', (raw) => answer(JSON.parse(String(raw)) as KioskCall, socket)));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  );
  return server;
}

function connect(url: string, timings = {}): WebSocketKioskClient {
  const client = createWebSocketKioskClient({
    url,
    // ws's listener typings are generic where the DOM's are not; at run time the API is the same.
    createSocket: (target) => new WebSocket(target) as unknown as SocketLike,
    timings: { reconnectBaseMs: 5, reconnectMaxMs: 20, ...timings },
  });
  cleanups.push(() => client.close());
  return client;
}

const reply = (socket: WebSocket, call: KioskCall, body: object) => socket.send(JSON.stringify({ v: PROTOCOL_VERSION, id: call.id, ...body }));

describe('WebSocket KioskClient', () => {
  it('sends a versioned envelope with validated params and resolves with the parsed result', async () => {
    const seen: KioskCall[] = [];
    const server = await startAgent((call, socket) => {
      seen.push(call);
      reply(socket, call, { ok: true, value: FILING });
    });
    const client = connect(server.url);
    await expect(client.call('request.file', { ...DRAFT, description: '  Ruido  ' })).resolves.toEqual(PARSED_FILING);
    expect(seen).toEqual([{ v: PROTOCOL_VERSION, id: expect.any(String), method: 'request.file', params: { ...DRAFT } }]);
  });

  it("rejects with the agent's error code", async () => {
    const server = await startAgent((call, socket) => reply(socket, call, { ok: false, error: { code: 'store-failed', message: 'disk full' } }));
    const error = await connect(server.url).call('request.file', DRAFT).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KioskCallError);
    expect(error).toMatchObject({ code: 'store-failed' });
  });

  it('refuses a reply that does not match the result schema, and bad params before sending', async () => {
    let calls = 0;
    const server = await startAgent((call, socket) => {
      calls += 1;
      reply(socket, call, { ok: true, value: { reference: 42 } });
    });
    const client = connect(server.url);
    await expect(client.call('request.file', DRAFT)).rejects.toMatchObject({ code: 'internal' });
    await expect(client.call('request.file', { ...DRAFT, description: '<b>x</b>' })).rejects.toMatchObject({ code: 'bad-request' });
    expect(calls).toBe(1);
  });

  it('rejects a reply from another protocol version', async () => {
    const server = await startAgent((call, socket) => socket.send(JSON.stringify({ v: PROTOCOL_VERSION + 1, id: call.id, ok: true, value: FILING })));
    await expect(connect(server.url).call('request.file', DRAFT)).rejects.toMatchObject({ code: 'version-mismatch' });
  });

  it('fails a call with no reply after its timeout', async () => {
    const server = await startAgent(() => {});
    await expect(connect(server.url, { callTimeoutMs: 50 }).call('kiosk.describe', {})).rejects.toMatchObject({ code: 'transport' });
  });

  it('fails calls in flight when the socket drops, then reconnects and carries on', async () => {
    let dropNext = true;
    const server = await startAgent((call, socket) => {
      if (dropNext) {
        dropNext = false;
        socket.terminate();
        return;
      }
      reply(socket, call, { ok: true, value: FILING });
    });
    const client = connect(server.url);
    await expect(client.call('request.file', DRAFT)).rejects.toMatchObject({ code: 'transport' });
    // Sent while reconnecting: waits for the new socket instead of failing.
    await expect(client.call('request.file', DRAFT)).resolves.toEqual(PARSED_FILING);
    expect(client.connected).toBe(true);
  });

  it('delivers valid pushed events and ignores malformed ones', async () => {
    const server = await startAgent(() => {});
    const client = connect(server.url);
    const received: boolean[] = [];
    const gotOne = new Promise<void>((resolve) =>
      client.on('connectivity.changed', (data) => {
        received.push(data.online);
        resolve();
      }),
    );
    const [socket] = (await once(server, 'connection')) as [WebSocket];
    socket.send('not json');
    socket.send(JSON.stringify({ v: PROTOCOL_VERSION, event: 'connectivity.changed', data: { online: 'yes' } }));
    socket.send(JSON.stringify({ v: PROTOCOL_VERSION, event: 'connectivity.changed', data: { online: false } }));
    await gotOne;
    expect(received).toEqual([false]);
  });

  it('rejects what is pending when closed, and every later call', async () => {
    const server = await startAgent(() => {});
    const client = connect(server.url);
    const pending = client.call('kiosk.describe', {});
    client.close();
    await expect(pending).rejects.toMatchObject({ code: 'transport' });
    await expect(client.call('kiosk.describe', {})).rejects.toMatchObject({ code: 'transport' });
  });
});

describe('agent address', () => {
  const page = (content: string | null) => ({
    querySelector: () => (content === null ? null : ({ content } as HTMLMetaElement)),
  });

  it('reads the token only when the agent filled it in', () => {
    expect(readAgentToken(page('abc123') as never)).toBe('abc123');
    expect(readAgentToken(page(TOKEN_PLACEHOLDER) as never)).toBeNull();
    expect(readAgentToken(page(null) as never)).toBeNull();
  });

  it('builds the socket URL on the same host, escaping the token', () => {
    expect(agentSocketUrl({ protocol: 'http:', host: '127.0.0.1:8080' }, 'a b')).toBe('ws://127.0.0.1:8080/agent?token=a%20b');
    expect(agentSocketUrl({ protocol: 'https:', host: 'kiosk.local' }, 't')).toBe('wss://kiosk.local/agent?token=t');
  });
});
