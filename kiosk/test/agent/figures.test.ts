import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_KIOSK_FILE, DemoKioskFileSchema, loadConfig, startHub } from '@kiosk/hub';
import type { RunningHub } from '@kiosk/hub';
import type { HubFigures, ServiceFigures } from '@kiosk/shared';
import { openAgentDatabase, type AgentDatabase } from '../../src/agent/store/database.js';
import { FiguresService, MAX_FIGURES_SHOWN, hubFiguresFetcher } from '../../src/agent/handlers/figures.js';

// Transparency figures: fetched from the real hub with the device credential, kept in the real
// kiosk store, served from it (flagged stale) when the hub cannot be reached.

let hub: RunningHub;
let hubDir: string;
let kioskDir: string;
let db: AgentDatabase;
let token: string;

beforeAll(async () => {
  hubDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-figures-'));
  kioskDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-figures-'));
  hub = await startHub(loadConfig({ DATA_DIR: hubDir, PORT: '0', HOST: '127.0.0.1', CONSOLE_DIR: path.join(hubDir, 'none') }), { logger: false });
  token = DemoKioskFileSchema.parse(JSON.parse(fs.readFileSync(path.join(hubDir, DEMO_KIOSK_FILE), 'utf8'))).token;
  db = openAgentDatabase(path.join(kioskDir, 'kiosk.sqlite'));
});

afterAll(async () => {
  db.close();
  await hub.close();
  fs.rmSync(hubDir, { recursive: true, force: true });
  fs.rmSync(kioskDir, { recursive: true, force: true });
});

const service = (serviceCode: string, closedCount: number, withFigures = true): ServiceFigures => ({
  serviceCode,
  name: `Service ${serviceCode}`,
  closedCount,
  medianDays: withFigures ? 2 : null,
  p90Days: withFigures ? 5 : null,
  slaDays: 3,
  withinSlaShare: withFigures ? 0.9 : null,
});

const figuresOf = (services: ServiceFigures[], generatedAt = '2026-11-20T08:00:00.000Z'): HubFigures => ({ locale: 'es', generatedAt, windowDays: 90, minSample: 5, services });

describe('figures from the real hub', () => {
  it('the hub answers the kiosk credential in the shape the agent parses, in the asked language', async () => {
    const fetched = await hubFiguresFetcher({ baseUrl: hub.url, token, timeoutMs: 5_000 })('eu');
    expect(fetched.locale).toBe('eu');
    expect(fetched.services.length).toBeGreaterThan(0);
  });

  it('a wrong credential is an error, not an empty list', async () => {
    await expect(hubFiguresFetcher({ baseUrl: hub.url, token: 'nope.nope', timeoutMs: 5_000 })('es')).rejects.toThrow(/401/);
  });
});

describe('FiguresService', () => {
  it('shows only services with figures, the busiest first, at most a handful', async () => {
    const services = [service('a', 6), service('b', 40), service('c', 3, false), service('d', 12), service('e', 9), service('f', 7)];
    const figures = new FiguresService(db, async () => figuresOf(services));
    const answer = await figures.list('es');
    expect(answer.stale).toBe(false);
    expect(answer.services.map((s) => s.serviceCode)).toEqual(['b', 'd', 'e', 'f']);
    expect(answer.services).toHaveLength(MAX_FIGURES_SHOWN);
    expect(answer).toMatchObject({ windowDays: 90, generatedAt: '2026-11-20T08:00:00.000Z' });
  });

  it('hides the figures of services this kiosk does not offer', async () => {
    const figures = new FiguresService(db, async () => figuresOf([service('a', 6), service('b', 40)]), () => ['a']);
    expect((await figures.list('es')).services.map((s) => s.serviceCode)).toEqual(['a']);
  });

  it('offline: serves the last good answer from the store, stale and dated; nothing stored means none', async () => {
    await new FiguresService(db, async () => figuresOf([service('lights', 20)], '2026-11-01T10:00:00.000Z')).list('gl');
    // A new service object over the same file: what an agent restarted offline finds.
    const reopened = openAgentDatabase(path.join(kioskDir, 'kiosk.sqlite'));
    const offline = new FiguresService(reopened, async () => {
      throw new Error('connect ECONNREFUSED');
    });
    expect(await offline.list('gl')).toMatchObject({ stale: true, generatedAt: '2026-11-01T10:00:00.000Z', services: [{ serviceCode: 'lights' }] });
    expect(await offline.list('ar')).toEqual({ services: [], windowDays: null, generatedAt: null, stale: true });
    reopened.close();
  });

  it('a bad hub answer keeps the last good copy instead of replacing it', async () => {
    const good = new FiguresService(db, async () => figuresOf([service('parks', 8)]));
    await good.list('fr');
    const broken = new FiguresService(db, async () => {
      throw new Error('figures: invalid answer');
    });
    expect((await broken.list('fr')).services.map((s) => s.serviceCode)).toEqual(['parks']);
  });
});
