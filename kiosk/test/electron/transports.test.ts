import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { KioskCallError, PROTOCOL_VERSION, parseReference, type KioskClient, type RequestDraft } from '@kiosk/shared';
import { startAgent, type RunningAgent } from '../../src/agent/agent.js';
import { testAgentConfig } from '../agent/helpers/agent-config.js';
import { dispatchKioskCall } from '../../src/agent/handlers/dispatch.js';
import { createWebSocketKioskClient, type SocketLike } from '../../src/renderer/bridge/ws-kiosk-client.js';
import { createIpcKioskClient, findKioskBridge, type KioskBridge } from '../../src/renderer/bridge/ipc-kiosk-client.js';
import { createAgentLink, type AgentPort } from '../../src/electron/ipc/agent-link.js';
import { registerKioskIpc, type InvokeEventLike } from '../../src/electron/ipc/kiosk-ipc.js';
import { APP_ORIGIN } from '../../src/electron/policy/app-origin.js';
import { fakeElectron, KIOSK_WEB_CONTENTS_ID } from './fake-electron.js';

// The same renderer code over both transports: one suite, run against the loopback WebSocket and
// against Electron IPC (the real preload, the real main-side handler, electron faked in-process).
// Behind both is one real agent (startAgent, temp DATA_DIR, hub unreachable, no printer), so the
// IPC transport's handlers are provably the agent's handlers.

vi.mock('electron', async () => (await import('./fake-electron.js')).fakeElectron);

const ISSUER = 'K7QM';
let dataDir: string;
let agent: RunningAgent;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kiosk-transports-'));
  const config = testAgentConfig(dataDir, { issuer: ISSUER });
  agent = await startAgent(config, () => {});
});

afterAll(async () => {
  await agent.close();
  fakeElectron.stopPreloadTimers();
  rmSync(dataDir, { recursive: true, force: true });
});

interface Transport {
  readonly client: KioskClient;
  /** Messages that reached the agent's side (IPC only; the WebSocket has no middle to count in). */
  readonly agentMessages: () => number;
  /** Sends an envelope the typed client would refuse to build, and returns the far side's reply. */
  sendRaw(envelope: unknown): Promise<unknown>;
  close(): void;
}

function webSocketTransport(): Transport {
  const url = `${agent.url.replace('http', 'ws')}/agent?token=${encodeURIComponent(agent.token)}`;
  const client = createWebSocketKioskClient({ url, createSocket: (target) => new WebSocket(target, { origin: agent.url }) as unknown as SocketLike });
  return {
    client,
    agentMessages: () => Number.NaN,
    async sendRaw(envelope) {
      const socket = new WebSocket(url, { origin: agent.url });
      await once(socket, 'open');
      socket.send(JSON.stringify(envelope));
      const [data] = (await once(socket, 'message')) as [Buffer];
      socket.close();
      return JSON.parse(data.toString());
    },
    close: () => client.close(),
  };
}

/** The agent side of the utility process, in-process: what the agent's Electron entry does. */
function inProcessAgentPort(): AgentPort & { received: number } {
  const listeners: { message: Array<(message: unknown) => void> } = { message: [] };
  return {
    received: 0,
    postMessage(message) {
      this.received += 1;
      const copy = structuredClone(message); // what crossing the process boundary does
      if ((copy as { kind?: unknown }).kind === 'shell.status') return;
      void dispatchKioskCall(agent.handlers, copy).then((reply) => listeners.message.forEach((listener) => listener(structuredClone(reply))));
    },
    on(event: 'message' | 'exit', listener: (value: never) => void) {
      if (event === 'message') listeners.message.push(listener as (message: unknown) => void);
      return undefined;
    },
  } as AgentPort & { received: number };
}

async function ipcTransport(): Promise<Transport> {
  const link = createAgentLink({ callTimeoutMs: 10_000, onEvent: (envelope) => fakeElectron.sendToPage('kiosk:event', envelope), log: () => {} });
  const port = inProcessAgentPort();
  link.attach(port);
  fakeElectron.resetMain();
  registerKioskIpc(fakeElectron.ipcMain, { origin: APP_ORIGIN, kioskWebContentsId: () => KIOSK_WEB_CONTENTS_ID, agent: link, log: () => {} });
  const restoreTimers = fakeElectron.trackPreloadTimers();
  await import('../../src/electron/preload.js'); // runs once: later imports are cached
  restoreTimers();
  const bridge = findKioskBridge(fakeElectron.pageWindow);
  if (bridge === null) throw new Error('the preload exposed no kiosk bridge');
  const client = createIpcKioskClient(bridge);
  return { client, agentMessages: () => port.received, sendRaw: (envelope) => (bridge as KioskBridge).invoke(envelope), close: () => client.close() };
}

let drafts = 0;
const newDraft = (): RequestDraft => ({
  draftId: `draft-${String(++drafts).padStart(4, '0')}-${Date.now()}`,
  serviceCode: 'LIGHT',
  description: 'Farola apagada en la calle Peña',
  attributes: {},
  locale: 'es',
});

describe.each([
  ['loopback WebSocket', async () => webSocketTransport()],
  ['Electron IPC', ipcTransport],
])('the renderer over %s', (_name, makeTransport) => {
  let transport: Transport;
  beforeAll(async () => {
    transport = await makeTransport();
  });
  afterAll(() => transport.close());

  it('describes the kiosk', async () => {
    const info = await transport.client.call('kiosk.describe', {});
    expect(info).toMatchObject({ kioskId: 'kiosk-test', issuer: ISSUER, protocolVersion: PROTOCOL_VERSION, online: false });
    expect(info.locales).toContain('es');
  });

  it('lists the catalogue from the local store, marked stale while the hub is unreachable', async () => {
    const catalog = await transport.client.call('catalog.list', { locale: 'eu' });
    expect(catalog.stale).toBe(true);
    expect(catalog.locale).toBe('eu');
  });

  it('files a request offline: a valid kiosk-minted reference, queued, no printer so no receipt', async () => {
    const result = await transport.client.call('request.file', newDraft());
    expect(parseReference(result.reference)).toMatchObject({ ok: true, reference: { issuer: ISSUER } });
    expect(result.sync).toBe('queued');
    expect(result.receipt.state).toBe('skipped');
  });

  it('refuses bad params in the client, before anything is sent', async () => {
    const refused = transport.client.call('catalog.list', { locale: 'xx' } as never);
    await expect(refused).rejects.toBeInstanceOf(KioskCallError);
    await expect(refused).rejects.toMatchObject({ code: 'bad-request' });
  });

  it.each([
    ['bad params', { v: PROTOCOL_VERSION, id: 'raw-1', method: 'catalog.list', params: { locale: 'xx' } }, 'bad-request'],
    ['unknown method', { v: PROTOCOL_VERSION, id: 'raw-2', method: 'fs.readFile', params: {} }, 'unknown-method'],
    ['wrong protocol version', { v: PROTOCOL_VERSION + 100, id: 'raw-3', method: 'kiosk.describe', params: {} }, 'version-mismatch'],
  ])('answers a raw call with %s by ok:false, not by throwing', async (_label, envelope, code) => {
    const reply = await transport.sendRaw(envelope);
    expect(reply).toMatchObject({ ok: false, error: { code } });
  });
});

describe('the IPC transport under the fake bridge', () => {
  it('refuses a call from a frame that is not our page, and the agent never sees it', async () => {
    const transport = await ipcTransport();
    await transport.client.call('kiosk.describe', {});
    const seen = transport.agentMessages();
    const foreign: InvokeEventLike = { sender: { id: KIOSK_WEB_CONTENTS_ID }, senderFrame: { url: 'https://evil.example/', parent: null } };
    const reply = await fakeElectron.invokeAs(foreign, { v: PROTOCOL_VERSION, id: 'x', method: 'request.file', params: newDraft() });
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(transport.agentMessages()).toBe(seen);
    await transport.client.call('kiosk.describe', {});
    expect(transport.agentMessages()).toBe(seen + 1);
    transport.close();
  });
});
