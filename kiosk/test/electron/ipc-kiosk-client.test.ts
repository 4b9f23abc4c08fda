import { describe, expect, it, vi } from 'vitest';
import { KioskCallError, PROTOCOL_VERSION } from '@kiosk/shared';
import { createIpcKioskClient, findKioskBridge, type KioskBridge } from '../../src/renderer/bridge/ipc-kiosk-client.js';
import { loadShellConfig } from '../../src/electron/config.js';

/** A bridge whose answers the test scripts; records what the client sent. */
function scriptedBridge(answer: (message: { id: string; method: string }) => Promise<unknown>) {
  const sent: unknown[] = [];
  let emit: (envelope: unknown) => void = () => {};
  const bridge: KioskBridge = {
    invoke: (message) => {
      sent.push(message);
      return answer(message as { id: string; method: string });
    },
    onEvent: (listener) => {
      emit = listener;
      return () => {
        emit = () => {};
      };
    },
  };
  return { bridge, sent, emit: (envelope: unknown) => emit(envelope) };
}

const INFO = { kioskId: 'k', issuer: 'K7QM', protocolVersion: PROTOCOL_VERSION, locales: ['es'], online: true };

describe('the renderer’s IPC KioskClient', () => {
  it('finds the bridge only when the preload exposed both functions', () => {
    expect(findKioskBridge({})).toBeNull();
    expect(findKioskBridge({ kioskBridge: { invoke: () => {} } })).toBeNull();
    expect(findKioskBridge({ kioskBridge: 'x' })).toBeNull();
    const bridge = { invoke: async () => null, onEvent: () => () => {} };
    expect(findKioskBridge({ kioskBridge: bridge })).toBe(bridge);
  });

  it('sends versioned envelopes and returns the schema-checked value', async () => {
    const { bridge, sent } = scriptedBridge(async (message) => ({ v: PROTOCOL_VERSION, id: message.id, ok: true, value: INFO }));
    const client = createIpcKioskClient(bridge);
    expect(await client.call('kiosk.describe', {})).toEqual(INFO);
    expect(sent).toEqual([{ v: PROTOCOL_VERSION, id: 'i1', method: 'kiosk.describe', params: {} }]);
  });

  it.each([
    ['the bridge rejects', () => Promise.reject(new Error('Error invoking remote method')), 'transport'],
    ['the answer is not a reply', async () => ({ hello: 1 }), 'transport'],
    ['another protocol version', async () => ({ v: PROTOCOL_VERSION + 1, id: 'i1', ok: true, value: INFO }), 'version-mismatch'],
    ['an error reply', async () => ({ v: PROTOCOL_VERSION, id: 'i1', ok: false, error: { code: 'store-failed', message: 'disk' } }), 'store-failed'],
    ['a value that breaks the result schema', async () => ({ v: PROTOCOL_VERSION, id: 'i1', ok: true, value: { kioskId: 3 } }), 'internal'],
  ])('fails with a KioskCallError when %s', async (_label, answer, code) => {
    const client = createIpcKioskClient(scriptedBridge(answer).bridge);
    const call = client.call('kiosk.describe', {});
    await expect(call).rejects.toBeInstanceOf(KioskCallError);
    await expect(call).rejects.toMatchObject({ code });
  });

  it('times out a call whose answer never comes', async () => {
    vi.useFakeTimers();
    try {
      const client = createIpcKioskClient(scriptedBridge(() => new Promise(() => {})).bridge, { timings: { callTimeoutMs: 1_000 } });
      const call = client.call('kiosk.describe', {});
      const outcome = expect(call).rejects.toMatchObject({ code: 'transport' });
      await vi.advanceTimersByTimeAsync(1_000);
      await outcome;
    } finally {
      vi.useRealTimers();
    }
  });

  it('delivers checked events to their listeners, and nothing after close', async () => {
    const scripted = scriptedBridge(async () => null);
    const client = createIpcKioskClient(scripted.bridge);
    const seen: boolean[] = [];
    client.on('connectivity.changed', ({ online }) => seen.push(online));
    scripted.emit({ v: PROTOCOL_VERSION, event: 'connectivity.changed', data: { online: false } });
    scripted.emit({ v: PROTOCOL_VERSION, event: 'connectivity.changed', data: { online: 'yes' } });
    scripted.emit({ v: PROTOCOL_VERSION, event: 'unknown.event', data: {} });
    client.close();
    scripted.emit({ v: PROTOCOL_VERSION, event: 'connectivity.changed', data: { online: true } });
    expect(seen).toEqual([false]);
    await expect(client.call('kiosk.describe', {})).rejects.toMatchObject({ code: 'transport' });
  });
});

describe('the shell configuration', () => {
  it('serves the renderer beside the bundle and allows only the camera by default', () => {
    const config = loadShellConfig({}, '/opt/kiosk/resources/app.asar/dist/electron');
    expect(config.startUrl).toBe('app://kiosk/index.html');
    expect(config.rendererDir).toBe('/opt/kiosk/resources/app.asar/dist/renderer');
    expect(config.agentEntry).toBe('/opt/kiosk/resources/app.asar/dist/electron/agent.cjs');
    expect(config.allowedPermissions).toEqual(['camera']);
  });
  it('denies everything when configured empty, and rejects a bad number', () => {
    expect(loadShellConfig({ KIOSK_ALLOWED_PERMISSIONS: '' }, '/x').allowedPermissions).toEqual([]);
    expect(() => loadShellConfig({ KIOSK_AGENT_CALL_TIMEOUT_MS: 'soon' }, '/x')).toThrow(/whole number/);
  });
});
