import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_KIOSK_FILE, DemoKioskFileSchema, loadConfig, startHub } from '@kiosk/hub';
import type { RunningHub } from '@kiosk/hub';
import type { KioskConfig } from '@kiosk/shared';
import { openAgentDatabase, type AgentDatabase } from '../../src/agent/store/database.js';
import { HubClient } from '../../src/agent/sync/hub-client.js';
import { AppointmentsHubClient } from '../../src/agent/sync/appointments-client.js';
import { CatalogService } from '../../src/agent/handlers/catalog.js';
import { appointmentHandlers } from '../../src/agent/handlers/appointments.js';
import { limitAppointmentsToServices } from '../../src/agent/handlers/configured-services.js';
import type { ReceiptPrinter } from '../../src/agent/printing/receipt-printer.js';

// The configuration's `services` limits what every journey sees, filtered once in the agent:
// the filing catalogue and the appointments' offices, slots, bookings and walk-in turns. Against
// the real hub's demo catalogue and offices, with the real kiosk store.

let hub: RunningHub;
let hubDir: string;
let kioskDir: string;
let db: AgentDatabase;
let token: string;
let services: KioskConfig['services'] = 'all';

beforeAll(async () => {
  hubDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-config-services-'));
  kioskDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-config-services-'));
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

describe('filing catalogue', () => {
  it('lists only the configured services, fresh and from the store, and all of them again for "all"', async () => {
    const hubClient = new HubClient({ baseUrl: hub.url, token, timeoutMs: 5_000 });
    const catalog = new CatalogService(db, (locale) => hubClient.fetchCatalog(locale), undefined, () => services);
    services = 'all';
    const every = (await catalog.list('es')).services.map((s) => s.serviceCode);
    expect(every.length).toBeGreaterThan(2);
    const chosen = every.slice(0, 2);
    services = chosen;
    expect((await catalog.list('es')).services.map((s) => s.serviceCode)).toEqual(chosen);
    // Offline: the store keeps the whole catalogue, the configuration still limits what is listed.
    const offline = new CatalogService(db, async () => Promise.reject(new Error('offline')), undefined, () => services);
    const cached = await offline.list('es');
    expect(cached.stale).toBe(true);
    expect(cached.services.map((s) => s.serviceCode)).toEqual(chosen);
    services = 'all';
    expect((await offline.list('es')).services.map((s) => s.serviceCode)).toEqual(every);
  });
});

describe('appointments', () => {
  const printer = { print: () => Promise.reject(new Error('no printer in this test')) } as unknown as ReceiptPrinter;
  const handlers = () =>
    limitAppointmentsToServices(
      appointmentHandlers({
        hub: new AppointmentsHubClient({ baseUrl: hub.url, token, timeoutMs: 5_000 }),
        printer,
        municipality: () => ({ name: 'Villademo', office: '', contact: '', timeZone: 'Europe/Madrid', statusBaseUrl: `${hub.url}/status` }),
        kioskId: 'kiosk-test',
        officeCode: null,
        publicBaseUrl: () => hub.url,
      }),
      () => services,
    );

  it('offices list only offered services; an office left without any is not offered', async () => {
    services = 'all';
    const all = await handlers()['appointments.offices']({ locale: 'es' });
    if (!all.ok) throw new Error(`the demo hub has offices: ${all.problem}`);
    const first = all.offices[0];
    const someService = first?.services[0]?.code;
    if (first === undefined || someService === undefined) throw new Error('the demo hub has an office with services');
    services = [someService];
    const limited = await handlers()['appointments.offices']({ locale: 'es' });
    if (!limited.ok) throw new Error(limited.problem);
    expect(limited.offices.length).toBeGreaterThan(0);
    for (const office of limited.offices) expect(office.services.map((s) => s.code)).toEqual([someService]);
    expect(limited.offices.map((o) => o.code)).toEqual(all.offices.filter((o) => o.services.some((s) => s.code === someService)).map((o) => o.code));
  });

  it('slots, bookings and walk-in turns of a service this kiosk does not offer are refused before the hub is asked', async () => {
    services = ['only-this-one'];
    const limited = handlers();
    expect(await limited['appointments.walkIn']({ service: 'litter', locale: 'es' })).toEqual({ ok: false, problem: 'refused' });
    expect(await limited['appointments.slots']({ office: 'main', service: 'litter', from: '2026-12-01', to: '2026-12-02' })).toEqual({ ok: false, problem: 'refused' });
  });
});
