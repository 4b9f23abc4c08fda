import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../admin/server/src/config.js';
import { openDatabase } from '../../admin/server/src/db/database.js';
import { migrateToLatest } from '../../admin/server/src/db/migrate.js';
import { seedDemo } from '../../admin/server/src/seed/demo.js';
import { registerDevice } from '../../admin/server/src/modules/devices/service.js';
import { createUser } from '../../admin/server/src/modules/auth/service.js';
import { freePort, startProcess, waitForHttp, type ManagedProcess } from '../stack/processes.js';
import { repoRoot } from '../stack/stack.js';
import { PERFORMANCE_DOC, replaceSection } from '../bench/performance-doc.js';
import { DEFAULT_BOUND, judgeLifetimes, parseProbeFile, type LifetimeVerdict } from './growth.js';
import { SimulatedFleet, type SimulatedKiosk } from './simulated-fleet.js';
import { agentDeadLetters, waitForAgentOutbox } from './agent-outbox.js';

// npm run soak -- --minutes N [--kiosks 1000] [--restart-every 120] [--heartbeat 30] [--out file]
// One hub process (restarted every --restart-every seconds, every third time with SIGKILL), one real
// agent process and --kiosks simulated kiosks; RSS, heap and event-loop delay of the hub and the
// agent sampled from inside (probe.ts). Fails when memory grows past growth.ts's bound, or when a
// filed request is missing or duplicated at the hub.

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    kiosks: { type: 'string', default: '1000' },
    'restart-every': { type: 'string', default: '120' },
    heartbeat: { type: 'string', default: '30' },
    out: { type: 'string', default: join(repoRoot, 'soak-results.json') },
    'probe-every': { type: 'string', default: '5' },
    // Also rewrite the soak section of tests/docs/performance.md.
    'write-doc': { type: 'boolean', default: false },
  },
});
const minutes = Number(values.minutes);
const kioskCount = Number(values.kiosks);
const restartEveryMs = Number(values['restart-every']) * 1000;
const heartbeatMs = Number(values.heartbeat) * 1000;
const probeMs = Number(values['probe-every']) * 1000;
if (![minutes, kioskCount, restartEveryMs, heartbeatMs, probeMs].every((n) => Number.isFinite(n) && n > 0)) {
  throw new Error('--minutes, --kiosks, --restart-every, --heartbeat and --probe-every must be positive numbers');
}

const dataDir = mkdtempSync(join(tmpdir(), 'soak-'));
const port = await freePort();
const hubUrl = `http://127.0.0.1:${port}`;
const hubEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn', CONSOLE_DIR: join(dataDir, 'no-console') };
const log = (message: string) => process.stdout.write(`[soak ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

// The fleet's devices and a fleet operator exist before the hub first starts.
const FLEET_USER = { username: 'soak-operator', password: 'soak-operator-password-1' };
const kiosks: SimulatedKiosk[] = [];
{
  const database = openDatabase(loadConfig(hubEnv).database);
  await migrateToLatest(database.db);
  const { tenantId } = await seedDemo(database.db);
  for (let i = 0; i < kioskCount; i += 1) {
    const credential = await registerDevice(database.db, tenantId, `soak-${i}`);
    kiosks.push({ deviceId: credential.deviceId, issuer: credential.issuer, token: credential.token, sequence: 0 });
  }
  await createUser(database.db, { tenantId, ...FLEET_USER, role: 'operator' });
  await database.close();
}
log(`${kioskCount} simulated kiosks registered; data in ${dataDir}`);

const node = (script: string, probeFile: string) => ({
  args: ['--import', 'tsx', '--import', join(repoRoot, 'tests/soak/probe.ts'), join(repoRoot, script)],
  env: { SOAK_PROBE_FILE: probeFile, SOAK_PROBE_MS: String(probeMs) },
});
const hubProbe = join(dataDir, 'hub-probe.jsonl');
const agentProbe = join(dataDir, 'agent-probe.jsonl');
const quiet = () => {};

let hub: ManagedProcess;
const startHubProcess = async () => {
  const spec = node('admin/server/src/main.ts', hubProbe);
  hub = startProcess({ name: 'hub', command: process.execPath, args: spec.args, env: { ...hubEnv, ...spec.env }, cwd: repoRoot, output: quiet });
  await waitForHttp(`${hubUrl}/healthz`, 60_000, hub);
};
await startHubProcess();

const agentSpec = node('tests/soak/agent-process.ts', agentProbe);
const agentFiled = new Set<string>();
let agentFilingFailures = 0;
const agent = startProcess({
  name: 'agent',
  command: process.execPath,
  args: agentSpec.args,
  env: { ...process.env, ...agentSpec.env, DATA_DIR: dataDir, KIOSK_PORT: '0', PRINTER: 'none', HUB_URL: hubUrl, HEARTBEAT_MS: String(heartbeatMs), OUTBOX_BASE_MS: '500', OUTBOX_CAP_MS: '5000', OUTBOX_SEND_WAIT_MS: '500' },
  cwd: repoRoot,
  output: (_name, line) => {
    const filed = /^filed (\S+)/.exec(line);
    if (filed?.[1]) agentFiled.add(filed[1]);
    else if (line.startsWith('filing failed')) agentFilingFailures += 1;
  },
});

const fleet = new SimulatedFleet(kiosks, { hubUrl: () => hubUrl, heartbeatMs, fileEveryMs: 10 * 60_000, serviceCode: 'litter' });
fleet.start();

// A fleet operator sends a print-test-page job to a few random kiosks every 5 seconds.
let jobsCreated = 0;
let jobCreateFailures = 0;
let cookie: string | null = null;
const createJobs = async () => {
  try {
    if (cookie === null) {
      const login = await fetch(`${hubUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-requested-with': 'console' }, body: JSON.stringify(FLEET_USER) });
      cookie = login.ok ? (login.headers.get('set-cookie')?.split(';')[0] ?? null) : null;
      await login.arrayBuffer();
      if (cookie === null) throw new Error(`login ${login.status}`);
    }
    const deviceIds = Array.from({ length: 5 }, () => kiosks[Math.floor(Math.random() * kiosks.length)]?.deviceId);
    const response = await fetch(`${hubUrl}/api/fleet/jobs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-requested-with': 'console', cookie },
      body: JSON.stringify({ type: 'print-test-page', params: {}, deviceIds: [...new Set(deviceIds)] }),
    });
    await response.arrayBuffer();
    if (response.status === 401) cookie = null;
    if (response.ok) jobsCreated += 1;
    else jobCreateFailures += 1;
  } catch {
    jobCreateFailures += 1;
    cookie = null;
  }
};
const jobTimer = setInterval(() => void createJobs(), 5_000);

// Restart the hub periodically: SIGTERM twice, then SIGKILL (a crash), and so on.
let restarts = 0;
const endAt = Date.now() + minutes * 60_000;
while (Date.now() < endAt) {
  await new Promise((resolve) => setTimeout(resolve, Math.min(restartEveryMs, Math.max(0, endAt - Date.now()))));
  if (Date.now() >= endAt) break;
  restarts += 1;
  const signal = restarts % 3 === 0 ? 'SIGKILL' : 'SIGTERM';
  log(`restart ${restarts} (${signal}); heartbeats ${fleet.counters.heartbeats}, filed ${fleet.counters.filed + agentFiled.size}, jobs done ${fleet.counters.jobsDone}`);
  await hub!.stop(signal);
  cookie = null;
  await startHubProcess();
}

// Wind down: no new work, let pending filings reach the hub, then stop both processes cleanly.
clearInterval(jobTimer);
fleet.stop();
log('winding down: flushing pending filings');
const flushDeadline = Date.now() + 120_000;
// The agent stops filing (SIGUSR2) and keeps its outbox sending until it is empty.
agent.child.kill('SIGUSR2');
const drained = await waitForAgentOutbox(join(dataDir, 'kiosk'), flushDeadline);
await agent.stop('SIGTERM');
while (fleet.unacknowledged > 0 && Date.now() < flushDeadline) {
  await fleet.flushAll();
  await new Promise((resolve) => setTimeout(resolve, 500));
}
await hub!.stop('SIGTERM');

// Every reference handed out must be at the hub exactly once.
const database = openDatabase(loadConfig(hubEnv).database);
const rows = await database.db.selectFrom('service_requests').select(['local_reference']).where('local_reference', 'is not', null).execute();
await database.close();
const counts = new Map<string, number>();
for (const row of rows) counts.set(row.local_reference ?? '', (counts.get(row.local_reference ?? '') ?? 0) + 1);
const expected = [...fleet.references, ...agentFiled];
const missing = expected.filter((reference) => !counts.has(reference));
const duplicated = [...counts.entries()].filter(([, n]) => n > 1).map(([reference]) => reference);

const hubLifetimes = judgeLifetimes(existsSync(hubProbe) ? parseProbeFile(readFileSync(hubProbe, 'utf8')) : []);
const agentLifetimes = judgeLifetimes(existsSync(agentProbe) ? parseProbeFile(readFileSync(agentProbe, 'utf8')) : []);
const mib = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
const describe = (who: string, lifetimes: readonly LifetimeVerdict[]) =>
  lifetimes.map((l) => l.grew === null ? `${who} pid ${l.pid}: ${l.durationS}s, too short to judge (under ${DEFAULT_BOUND.warmUpS}s warm-up + 6 samples)` : `${who} pid ${l.pid}: ${l.durationS}s, heap ${mib(l.heapStartBytes)} -> ${mib(l.heapEndBytes)} MiB, rss ${mib(l.rssStartBytes)} -> ${mib(l.rssEndBytes)} MiB, loop p99 median ${l.eventLoopP99MedianMs.toFixed(1)} ms (max ${l.eventLoopP99MaxMs.toFixed(1)}), ${l.grew ? 'GREW PAST THE BOUND' : 'within bound'}`);

const failures: string[] = [];
if (missing.length > 0) failures.push(`${missing.length} filed requests missing at the hub (e.g. ${missing.slice(0, 3).join(', ')})`);
if (duplicated.length > 0) failures.push(`${duplicated.length} references stored more than once (e.g. ${duplicated.slice(0, 3).join(', ')})`);
if (fleet.unacknowledged > 0) failures.push(`${fleet.unacknowledged} simulated filings never acknowledged`);
if (!drained) failures.push('the agent outbox did not drain after the run');
const dead = agentDeadLetters(join(dataDir, 'kiosk'));
if (dead > 0) failures.push(`${dead} agent requests dead-lettered by the hub`);
for (const l of [...hubLifetimes, ...agentLifetimes]) if (l.grew === true) failures.push(`process ${l.pid} grew past the bound`);

const report = {
  date: new Date().toISOString(),
  machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
  settings: { minutes, kiosks: kioskCount, restartEverySeconds: restartEveryMs / 1000, heartbeatSeconds: heartbeatMs / 1000, bound: DEFAULT_BOUND },
  counters: { ...fleet.counters, agentFiled: agentFiled.size, agentFilingFailures, jobsCreated, jobCreateFailures, restarts, casesAtHub: rows.length },
  hub: hubLifetimes,
  agent: agentLifetimes,
  failures,
};
writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`);
for (const line of [...describe('hub', hubLifetimes), ...describe('agent', agentLifetimes)]) log(line);
log(`counters: ${JSON.stringify(report.counters)}`);
log(`wrote ${values.out}`);
if (values['write-doc']) {
  const lines = [
    `Measured ${report.date.slice(0, 16).replace('T', ' ')} UTC: ${report.machine.cpu}, ${report.machine.cores} cores, Node ${report.machine.node}. Command: \`npm run soak -- --minutes ${minutes} --write-doc\` (${kioskCount} simulated kiosks, heartbeat every ${heartbeatMs / 1000} s, hub restarted every ${restartEveryMs / 1000} s, every third restart a SIGKILL).`,
    '',
    `Work done: ${report.counters.heartbeats} heartbeats (${report.counters.heartbeatFailures} refused or unanswered, nearly all while the hub was restarting), ${report.counters.filed + report.counters.agentFiled} requests filed (${report.counters.casesAtHub} cases at the hub, each once), ${report.counters.jobsCreated} job batches created and ${report.counters.jobsDone} jobs done, ${report.counters.restarts} hub restarts.`,
    '',
    '| process | lifetime | heap after warm-up -> end | RSS after warm-up -> end | heap slope | event-loop delay p99 (median / worst 5 s window) | verdict |',
    '|---|---|---|---|---|---|---|',
    ...[...hubLifetimes.map((l) => ['hub', l] as const), ...agentLifetimes.map((l) => ['agent', l] as const)].map(([who, l]) =>
      l.grew === null
        ? `| ${who} | ${l.durationS} s | - | - | - | ${l.eventLoopP99MedianMs.toFixed(1)} / ${l.eventLoopP99MaxMs.toFixed(1)} ms | too short to judge |`
        : `| ${who} | ${l.durationS} s | ${mib(l.heapStartBytes)} -> ${mib(l.heapEndBytes)} MiB | ${mib(l.rssStartBytes)} -> ${mib(l.rssEndBytes)} MiB | ${l.heapSlopeMiBPerHour.toFixed(1)} MiB/h | ${l.eventLoopP99MedianMs.toFixed(1)} / ${l.eventLoopP99MaxMs.toFixed(1)} ms | ${l.grew ? 'GREW PAST THE BOUND' : 'within bound'} |`,
    ),
    '',
    failures.length === 0 ? 'Result: passed.' : `Result: FAILED - ${failures.join('; ')}.`,
  ];
  replaceSection('soak', lines.join('\n'));
  log(`updated ${PERFORMANCE_DOC}`);
}
rmSync(dataDir, { recursive: true, force: true });
if (failures.length > 0) {
  log(`FAILED: ${failures.join('; ')}`);
  process.exit(1);
}
log('passed');
process.exit(0);
