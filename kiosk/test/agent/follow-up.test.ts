import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_KIOSK_FILE, DemoKioskFileSchema, loadConfig, startHub } from '@kiosk/hub';
import type { RunningHub } from '@kiosk/hub';
import { mintReference, type RequestDraft } from '@kiosk/shared';
import { openAgentDatabase, type AgentDatabase } from '../../src/agent/store/database.js';
import { RequestsRepository } from '../../src/agent/store/requests-repository.js';
import { HubClient } from '../../src/agent/sync/hub-client.js';
import { KioskHandlerError } from '../../src/agent/handlers/dispatch.js';
import { localRequestReader, lookUpFollowUp, type FollowUpDeps } from '../../src/agent/handlers/follow-up.js';

// Follow-up through the agent against the REAL hub: a case the kiosk filed (by reference), a
// case filed on the web through Open311 (by its number), a request still waiting in this kiosk's
// outbox, and the hub gone.

let hub: RunningHub;
let hubDir: string;
let kioskDir: string;
let db: AgentDatabase;
let repository: RequestsRepository;
let client: HubClient;
let deps: FollowUpDeps;
let drafts = 0;
const draft = (): RequestDraft => ({ draftId: `draft-${++drafts}`, serviceCode: 'litter', description: 'Contenedor desbordado, soy Ana, 600123123', attributes: {}, locale: 'es' });

beforeAll(async () => {
  hubDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-follow-up-'));
  kioskDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-follow-up-'));
  hub = await startHub(loadConfig({ DATA_DIR: hubDir, PORT: '0', HOST: '127.0.0.1', CONSOLE_DIR: path.join(hubDir, 'none') }), { logger: false });
  const kiosk = DemoKioskFileSchema.parse(JSON.parse(fs.readFileSync(path.join(hubDir, DEMO_KIOSK_FILE), 'utf8')));
  db = openAgentDatabase(path.join(kioskDir, 'agent.sqlite'));
  repository = new RequestsRepository(db, kiosk.issuer);
  client = new HubClient({ baseUrl: hub.url, token: kiosk.token, timeoutMs: 2000 });
  deps = { lookupAtHub: (query, locale) => client.lookupCase(query, locale), localRequest: localRequestReader(db), timeZone: () => 'Europe/Madrid' };
});

afterAll(async () => {
  await hub?.close();
  db?.close();
  fs.rmSync(hubDir, { recursive: true, force: true });
  fs.rmSync(kioskDir, { recursive: true, force: true });
});

/** Files at the kiosk and sends it to the hub, as the outbox sender would. */
async function fileAndSend(): Promise<string> {
  const stored = repository.file(draft());
  const item = repository.claimNextDue();
  if (item === null) throw new Error('nothing to send');
  const outcome = await client.submitCase(item.submission, item.idempotencyKey);
  if (outcome.kind !== 'acked') throw new Error(`not acked: ${outcome.kind}`);
  repository.markAcked(item, outcome.serverId);
  return stored.reference;
}

describe('follow-up lookups through the agent', () => {
  it('finds a kiosk case by reference in any spelling, in the citizen language, with nothing personal', async () => {
    const reference = await fileAndSend();
    const answer = await lookUpFollowUp(deps, { locale: 'fr', query: reference.toLowerCase().replace(/-/g, ' ') });
    expect(answer).toMatchObject({ outcome: 'found', case: { reference, status: 'open', detailedStatus: 'received', notes: [] } });
    expect(JSON.stringify(answer)).not.toMatch(/Ana|600123123|Contenedor/);
  });

  it('finds a web case by its Open311 number', async () => {
    const body = new URLSearchParams({ api_key: hub.firstRun.apiKey ?? '', service_code: 'litter', description: 'Papelera rota', lat: '40.4170', long: '-3.7040' });
    const created = await fetch(`${hub.url}/open311/v2/requests.json`, { method: 'POST', body });
    expect(created.status).toBe(201);
    const id = ((await created.json()) as Array<{ service_request_id: string }>)[0]?.service_request_id ?? '';
    const answer = await lookUpFollowUp(deps, { locale: 'es', query: ` ${id} ` });
    expect(answer).toMatchObject({ outcome: 'found', case: { reference: null, serviceRequestId: id } });
  });

  it('says "not found" for a valid reference the hub does not know, and refuses a mistyped one', async () => {
    const unknown = mintReference('ZZZZ', 1).display;
    expect(await lookUpFollowUp(deps, { locale: 'es', query: unknown })).toEqual({ outcome: 'not-found' });
    const typo = `${unknown.slice(0, -1)}${unknown.endsWith('1') ? '2' : '1'}`;
    await expect(lookUpFollowUp(deps, { locale: 'es', query: typo })).rejects.toThrow(KioskHandlerError);
    await expect(lookUpFollowUp(deps, { locale: 'es', query: 'hola' })).rejects.toThrow(/not a reference/);
  });

  it('a request still in this kiosk\'s outbox is "waiting here"; with the hub gone the rest is "offline"', async () => {
    const sent = await fileAndSend();
    const waiting = repository.file(draft());
    expect(await lookUpFollowUp(deps, { locale: 'es', query: waiting.reference })).toMatchObject({ outcome: 'waiting-here', reference: waiting.reference, timeZone: 'Europe/Madrid' });
    await hub.close();
    expect(await lookUpFollowUp(deps, { locale: 'es', query: waiting.reference })).toMatchObject({ outcome: 'waiting-here' });
    expect(await lookUpFollowUp(deps, { locale: 'es', query: sent })).toEqual({ outcome: 'offline' });
    expect(await lookUpFollowUp(deps, { locale: 'es', query: '17' })).toEqual({ outcome: 'offline' });
  });
});
