import { describe, expect, it, vi } from 'vitest';
import { PROTOCOL_VERSION, type KioskCall, type KioskReply } from '@kiosk/shared';
import { createAgentLink, type AgentLink, type AgentPort } from '../../src/electron/ipc/agent-link.js';
import { handleKioskCall } from '../../src/electron/ipc/kiosk-ipc.js';
import type { IpcSender } from '../../src/electron/policy/ipc-sender.js';
import { APP_ORIGIN } from '../../src/electron/policy/app-origin.js';
import { fakeElectron } from './fake-electron.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).fakeElectron);

const OUR_PAGE: IpcSender = { frameUrl: `${APP_ORIGIN}/index.html`, isMainFrame: true, webContentsId: 1 };

/** An agent link that records what reaches the agent and answers every call with `value`. */
function recordingAgent(): AgentLink & { calls: KioskCall[] } {
  const calls: KioskCall[] = [];
  return {
    calls,
    call: async (envelope) => {
      calls.push(envelope);
      return { v: PROTOCOL_VERSION, id: envelope.id, ok: true, value: 'answered' };
    },
    reportShellStatus: () => {},
    attach: () => {},
    inFlight: 0,
  };
}

const handle = (raw: unknown, agent = recordingAgent(), sender: IpcSender = OUR_PAGE) =>
  handleKioskCall(sender, raw, { origin: APP_ORIGIN, webContentsId: 1, agent, log: () => {} });

describe('main validates every kiosk:call with the shared schemas before the agent sees it', () => {
  it('forwards a good call from our page', async () => {
    const agent = recordingAgent();
    const reply = await handle({ v: PROTOCOL_VERSION, id: 'a', method: 'catalog.list', params: { locale: 'ca' } }, agent);
    expect(reply).toEqual({ v: PROTOCOL_VERSION, id: 'a', ok: true, value: 'answered' });
    expect(agent.calls).toEqual([{ v: PROTOCOL_VERSION, id: 'a', method: 'catalog.list', params: { locale: 'ca' } }]);
  });

  it.each([
    ['not an object', 'hello', 'bad-request'],
    ['null', null, 'bad-request'],
    ['an id too long', { v: PROTOCOL_VERSION, id: 'x'.repeat(65), method: 'kiosk.describe', params: {} }, 'bad-request'],
    ['another protocol version', { v: PROTOCOL_VERSION + 1, id: 'a', method: 'kiosk.describe', params: {} }, 'version-mismatch'],
    ['an unknown method', { v: PROTOCOL_VERSION, id: 'a', method: 'shell.openExternal', params: {} }, 'unknown-method'],
    ['a prototype key as method', { v: PROTOCOL_VERSION, id: 'a', method: 'constructor', params: {} }, 'unknown-method'],
    ['bad params', { v: PROTOCOL_VERSION, id: 'a', method: 'catalog.list', params: { locale: 'xx' } }, 'bad-request'],
    ['extra params', { v: PROTOCOL_VERSION, id: 'a', method: 'kiosk.describe', params: { path: '/etc' } }, 'bad-request'],
  ])('answers %s with ok:false and forwards nothing', async (_label, raw, code) => {
    const agent = recordingAgent();
    const reply = (await handle(raw, agent)) as Extract<KioskReply, { ok: false }>;
    expect(reply).toMatchObject({ ok: false, error: { code } });
    expect(agent.calls).toEqual([]);
  });

  it.each([
    ['an iframe', { ...OUR_PAGE, isMainFrame: false }],
    ['a foreign page', { ...OUR_PAGE, frameUrl: 'https://evil.example/' }],
    ['another window', { ...OUR_PAGE, webContentsId: 2 }],
    ['a frame that is gone', { ...OUR_PAGE, frameUrl: null }],
  ])('refuses a good call from %s', async (_label, sender) => {
    const agent = recordingAgent();
    const reply = await handle({ v: PROTOCOL_VERSION, id: 'a', method: 'kiosk.describe', params: {} }, agent, sender);
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(agent.calls).toEqual([]);
  });
});

/** A controllable agent process: the test decides when and how it answers, and when it exits. */
function fakeAgentProcess() {
  const received: unknown[] = [];
  let onMessage: (message: unknown) => void = () => {};
  let onExit: (code: number) => void = () => {};
  const port = {
    postMessage: (message: unknown) => received.push(message),
    on(event: 'message' | 'exit', listener: (value: never) => void) {
      if (event === 'message') onMessage = listener as (message: unknown) => void;
      else onExit = listener as (code: number) => void;
      return undefined;
    },
  } as AgentPort;
  return { port, received, reply: (message: unknown) => onMessage(message), exit: (code = 1) => onExit(code) };
}

const describeCall = (id: string): KioskCall => ({ v: PROTOCOL_VERSION, id, method: 'kiosk.describe', params: {} });

describe('the link to the agent process', () => {
  it('gives calls its own ids and answers the caller under the caller’s id', async () => {
    const link = createAgentLink({ callTimeoutMs: 60_000, onEvent: () => {} });
    const agent = fakeAgentProcess();
    link.attach(agent.port);
    const first = link.call(describeCall('r1'));
    const second = link.call(describeCall('r1')); // a reloaded page starts its ids again
    const [a, b] = agent.received as KioskCall[];
    expect(a?.id).not.toBe(b?.id);
    agent.reply({ v: PROTOCOL_VERSION, id: b?.id, ok: true, value: 'second' });
    agent.reply({ v: PROTOCOL_VERSION, id: a?.id, ok: true, value: 'first' });
    expect(await first).toMatchObject({ id: 'r1', value: 'first' });
    expect(await second).toMatchObject({ id: 'r1', value: 'second' });
    expect(link.inFlight).toBe(0);
  });

  it('answers with an error when the agent exits, and when there is no agent yet', async () => {
    const link = createAgentLink({ callTimeoutMs: 60_000, onEvent: () => {} });
    expect(await link.call(describeCall('early'))).toMatchObject({ id: 'early', ok: false, error: { code: 'internal' } });
    const agent = fakeAgentProcess();
    link.attach(agent.port);
    const pending = link.call(describeCall('r9'));
    agent.exit();
    expect(await pending).toMatchObject({ id: 'r9', ok: false, error: { code: 'internal' } });
  });

  it('answers with an error when the agent is silent past the timeout', async () => {
    vi.useFakeTimers();
    try {
      const link = createAgentLink({ callTimeoutMs: 5_000, onEvent: () => {} });
      const agent = fakeAgentProcess();
      link.attach(agent.port);
      const pending = link.call(describeCall('slow'));
      vi.advanceTimersByTime(5_000);
      expect(await pending).toMatchObject({ id: 'slow', ok: false, error: { code: 'internal' } });
      // The late reply is dropped, not delivered to some other call.
      agent.reply({ v: PROTOCOL_VERSION, id: (agent.received[0] as KioskCall).id, ok: true, value: 'late' });
      expect(link.inFlight).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('passes agent events on, ignores junk, and tells a restarted agent the shell status again', () => {
    const events: unknown[] = [];
    const link = createAgentLink({ callTimeoutMs: 60_000, onEvent: (envelope) => events.push(envelope) });
    const first = fakeAgentProcess();
    link.attach(first.port);
    first.reply({ v: PROTOCOL_VERSION, event: 'connectivity.changed', data: { online: true } });
    first.reply({ nonsense: true });
    expect(events).toEqual([{ v: PROTOCOL_VERSION, event: 'connectivity.changed', data: { online: true } }]);
    const status = { kind: 'shell.status', state: 'out-of-service', reason: 'crashed', since: '2026-01-01T00:00:00.000Z' } as const;
    link.reportShellStatus(status);
    expect(first.received).toEqual([status]);
    const second = fakeAgentProcess();
    link.attach(second.port);
    expect(second.received).toEqual([status]);
    first.reply({ v: PROTOCOL_VERSION, event: 'connectivity.changed', data: { online: false } });
    expect(events).toHaveLength(1); // the old process is no longer listened to
  });
});

describe('the preload', () => {
  it('exposes only invoke and onEvent on window.kioskBridge, and ticks liveness', async () => {
    const restore = fakeElectron.trackPreloadTimers();
    await import('../../src/electron/preload.js');
    restore();
    const bridge = fakeElectron.pageWindow.kioskBridge as Record<string, unknown>;
    expect(Object.keys(fakeElectron.pageWindow)).toEqual(['kioskBridge']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'onEvent']);
    const received: unknown[] = [];
    const unsubscribe = (bridge.onEvent as (listener: (envelope: unknown) => void) => () => void)((envelope) => received.push(envelope));
    fakeElectron.sendToPage('kiosk:event', { v: PROTOCOL_VERSION, event: 'connectivity.changed', data: { online: true } });
    unsubscribe();
    fakeElectron.sendToPage('kiosk:event', { v: PROTOCOL_VERSION, event: 'connectivity.changed', data: { online: false } });
    expect(received).toHaveLength(1);
    fakeElectron.firePreloadTimers();
    expect(fakeElectron.sentByPage.map((message) => message.channel)).toEqual(['kiosk:alive']);
    fakeElectron.stopPreloadTimers();
  });
});
