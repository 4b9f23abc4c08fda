import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, mintReference } from '@kiosk/shared';
import { DemoKioskFileSchema } from '@kiosk/hub';
import { startAgent } from '../../../kiosk/src/agent/agent.js';
import type { RunningAgent } from '../../../kiosk/src/agent/agent.js';
import { loadAgentConfig } from '../../../kiosk/src/agent/config.js';
import { createLog } from '../../../kiosk/src/agent/log.js';
import { freePort, startProcess } from '../../stack/processes.js';
import type { ManagedProcess } from '../../stack/processes.js';
import { repoRoot } from '../../stack/stack.js';
import { makeSelfSignedCertificate } from './certificates.js';
import type { TestCertificate } from './certificates.js';

// The hub as users run it (main.ts as a process, LOG_LEVEL=trace, over TLS) and the kiosk agent
// (startAgent with HUB_CA_FILE, its log captured) go through whole filings carrying a distinctive
// name, e-mail, phone, ID document and description - kiosk filing, a kiosk submission with contact
// details, an Open311 filing, a refused one, a staff read and a privacy export - then every log
// line either wrote is searched for any of them.

const CITIZEN = {
  firstName: 'Zebulon',
  lastName: 'Quixotewright',
  email: 'zebulon.quixotewright@example.org',
  phone: '+34 611 222 333',
  idDocument: 'X9876543Q',
  description: 'La farola frente a la panaderia Xylophonica parpadea toda la noche',
};
/** Every form in which those could reach a log: as typed, normalised, URL-encoded. */
const NEEDLES = ['Zebulon', 'Quixotewright', 'quixotewright', 'zebulon.quixotewright', 'quixotewright%40', '611 222 333', '611222333', '+34611222333', 'X9876543Q', 'Xylophonica', 'panaderia'];

let certificate: TestCertificate;
let dataDir: string;
let hub: ManagedProcess;
let hubUrl: string;
let agent: RunningAgent | undefined;
const hubLines: string[] = [];
const agentLines: string[] = [];

/** One request to the hub over TLS, trusting its test certificate. */
function call(method: string, url: string, headers: Record<string, string> = {}, body?: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const request = https.request(`${hubUrl}${url}`, { method, headers, ca: certificate.certPem }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not happen within ${timeoutMs} ms`);
}

beforeAll(async () => {
  certificate = makeSelfSignedCertificate();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-logs-'));
  const port = await freePort();
  hubUrl = `https://127.0.0.1:${port}`;
  hub = startProcess({
    name: 'hub',
    command: process.execPath,
    args: ['--import', 'tsx', 'admin/server/src/main.ts'],
    cwd: repoRoot,
    env: {
      PATH: process.env['PATH'],
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'trace',
      CONSOLE_DIR: path.join(dataDir, 'no-console'),
      TLS_CERT_FILE: certificate.certFile,
      TLS_KEY_FILE: certificate.keyFile,
      // This suite signs the first-run admin in with the password alone (the TOTP step has its own tests).
      ADMIN_SECOND_FACTOR: 'off',
    },
    output: (_name, line) => hubLines.push(line),
  });
  await waitFor('the hub answering /healthz over TLS', async () => (await call('GET', '/healthz')).status === 200, 30_000);
  // The banner comes after listen (first-run secrets need the port): wait for it too.
  await waitFor('the first-run banner', async () => hubLines.some((line) => line.includes('Open311 api_key')), 10_000);
}, 60_000);

afterAll(async () => {
  await agent?.close();
  await hub?.stop();
  certificate?.remove();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('no personal data in any log line', () => {
  it('files through the agent, the fleet API and Open311, reads and exports as staff; no log line holds any of it', async () => {
    // The first-run banner (stderr) holds the admin password and api_key: the operator must see them once.
    const password = /console password: (\S+)/.exec(hubLines.join('\n'))?.[1];
    const apiKey = /Open311 api_key:\s+(\S+)/.exec(hubLines.join('\n'))?.[1];
    expect(password, 'the first-run banner').toBeDefined();
    expect(apiKey, 'the first-run banner').toBeDefined();

    // 1. The kiosk: the agent files a citizen's description, over TLS with HUB_CA_FILE.
    const config = loadAgentConfig({ DATA_DIR: dataDir, KIOSK_PORT: '0', PRINTER: 'none', HUB_CA_FILE: certificate.certFile, HEARTBEAT_MS: '60000', OUTBOX_BASE_MS: '100', OUTBOX_SEND_WAIT_MS: '5000' });
    expect(config.hub.url).toBe(hubUrl);
    agent = await startAgent(config, createLog('agent', (line) => agentLines.push(line)));
    const filed = await agent.handlers['request.file']({ draftId: 'draft-logs-0001', serviceCode: 'litter', description: CITIZEN.description, attributes: {}, locale: 'es' });
    expect(filed.sync, 'the agent reached the hub over TLS').toBe('sent');

    // 2. A kiosk submission that carries contact details (the fleet protocol allows them).
    const kiosk = DemoKioskFileSchema.parse(JSON.parse(fs.readFileSync(path.join(dataDir, 'demo-kiosk.json'), 'utf8')));
    const fleet = await call(
      'POST',
      '/fleet/v1/requests',
      { authorization: `Bearer ${kiosk.token}`, 'x-protocol-version': String(PROTOCOL_VERSION), 'idempotency-key': 'logs-contact-1', 'content-type': 'application/json' },
      JSON.stringify({
        serviceCode: 'litter',
        description: `${CITIZEN.description} (2)`,
        attributes: {},
        locale: 'es',
        localReference: mintReference(kiosk.issuer, 900).display,
        sequence: 900,
        submittedAt: new Date().toISOString(),
        contact: { channel: 'email', email: CITIZEN.email, phone: CITIZEN.phone, consent: true, idDocument: CITIZEN.idDocument },
      }),
    );
    expect(fleet.status, fleet.body).toBe(201);
    const reference = mintReference(kiosk.issuer, 900).display;

    // 3. Open311 with name, e-mail and phone; then the same with a broken e-mail (the error path).
    const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
    const open311Fields = { api_key: apiKey ?? '', service_code: 'litter', address_string: 'Calle Real 3', description: CITIZEN.description, first_name: CITIZEN.firstName, last_name: CITIZEN.lastName, email: CITIZEN.email, phone: CITIZEN.phone };
    const formHeaders = { 'content-type': 'application/x-www-form-urlencoded' };
    const open311 = await call('POST', '/open311/v2/requests.json', formHeaders, form(open311Fields));
    expect(open311.status, open311.body).toBe(201);
    const refused = await call('POST', '/open311/v2/requests.json', formHeaders, form({ ...open311Fields, email: `${CITIZEN.lastName} at nowhere`, lat: 'north' }));
    expect(refused.status).toBe(400);
    const badJson = await call('POST', '/fleet/v1/requests', { authorization: `Bearer ${kiosk.token}`, 'x-protocol-version': String(PROTOCOL_VERSION), 'content-type': 'application/json' }, `{"description":"${CITIZEN.description}",`);
    expect(badJson.status).toBe(400);

    // 4. Staff: sign in, read the case, export the citizen's data (a lookup by e-mail).
    const login = await call('POST', '/api/auth/login', { 'x-requested-with': 'console', 'content-type': 'application/json' }, JSON.stringify({ username: 'admin', password }));
    expect(login.status).toBe(200);
    const staff = { cookie: /^(__Host-session=[^;]+)/.exec(String(login.headers['set-cookie']))?.[1] ?? '', 'x-requested-with': 'console', 'content-type': 'application/json' };
    const cases = await call('GET', '/api/workflow/cases', staff);
    expect(cases.status).toBe(200);
    const exported = await call('POST', '/api/privacy/export', staff, JSON.stringify({ reference, idDocument: CITIZEN.idDocument }));
    expect(exported.status, exported.body).toBe(200);
    expect(exported.body).toContain(CITIZEN.email);
    await call('GET', `/status/${reference}`);

    // Stop both, so every buffered line is out, then search.
    await agent.close();
    agent = undefined;
    await hub.stop();

    expect(hubLines.filter((line) => line.startsWith('{')).length, 'the hub wrote JSON log lines').toBeGreaterThan(10);
    expect(hubLines.some((line) => line.includes('/open311/v2/requests.json')), 'request lines are logged (the capture works)').toBe(true);
    expect(agentLines.some((line) => line.includes('agent ready')), 'the agent log was captured').toBe(true);
    const leaks = [...hubLines.map((line) => ['hub', line] as const), ...agentLines.map((line) => ['agent', line] as const)]
      .flatMap(([who, line]) => NEEDLES.filter((needle) => line.toLowerCase().includes(needle.toLowerCase())).map((needle) => `${who} logged "${needle}": ${line.slice(0, 300)}`));
    expect(leaks).toEqual([]);
  }, 60_000);
});
