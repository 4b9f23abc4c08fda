import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { DEFAULT_KIOSK_CONFIG } from '@kiosk/shared';
import { startAgent, type RunningAgent } from '../../src/agent/agent.js';
import { testAgentConfig } from './helpers/agent-config.js';
import { KioskConfigStore } from '../../src/agent/config-sync/config-store.js';
import { openAgentDatabase } from '../../src/agent/store/database.js';
import { createWebSocketKioskClient, type SocketLike, type WebSocketKioskClient } from '../../src/renderer/bridge/ws-kiosk-client.js';

// kiosk.describe names the languages this kiosk offers: its applied configuration's, in its order,
// not every language the software knows (an integrator or the renderer reading `locales` must not
// offer Arabic on a kiosk configured for Spanish and Basque).

const KIOSK_ID = 'kiosk-describe';
let dir = '';
let agent: RunningAgent;
let client: WebSocketKioskClient;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-describe-'));
  mkdirSync(join(dir, 'kiosk'), { recursive: true });
  // A configuration the agent applied before this start (what a restart finds in its store).
  const db = openAgentDatabase(join(dir, 'kiosk', `${KIOSK_ID}.sqlite`));
  new KioskConfigStore(db).saveApplied(4, { ...DEFAULT_KIOSK_CONFIG, languages: ['eu', 'es'], defaultLanguage: 'eu' }, new Date());
  db.close();
  const config = testAgentConfig(dir, { kioskId: KIOSK_ID });
  agent = await startAgent(config, () => undefined);
  const url = `${agent.url.replace('http', 'ws')}/agent?token=${encodeURIComponent(agent.token)}`;
  client = createWebSocketKioskClient({ url, createSocket: (target) => new WebSocket(target, { origin: agent.url }) as unknown as SocketLike });
});

afterAll(async () => {
  client?.close();
  await agent?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('kiosk.describe', () => {
  it("lists the configured languages, in the configuration's order", async () => {
    const info = await client.call('kiosk.describe', {});
    expect(info.config).toMatchObject({ version: 4, config: { languages: ['eu', 'es'], defaultLanguage: 'eu' } });
    expect(info.locales).toEqual(['eu', 'es']);
  });
});
