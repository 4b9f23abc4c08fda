import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../stack/processes.js';
import { AgentProcess, type FiledAnswer } from './agent-process.js';
import { outboxStates, storedRequests, undelivered } from './agent-store.js';
import { startChaosProxy, type ChaosOptions, type ChaosProxy } from './chaos-proxy.js';
import { HubProcess, hubKioskCases, prepareHubData } from './hub-process.js';
import { createPrng, seedFromEnv } from './prng.js';

// Issue 6: five kiosk agents file 1,000 requests in total while the hub is SIGKILLed and
// restarted at random intervals, a TCP proxy between agents and hub drops and stalls connections
// at random, and one agent is itself SIGKILLed mid-run and restarted. At the end the hub holds
// exactly 1,000 cases, each once, each with its kiosk reference, and every outbox is empty.
// The seed is printed first: FAULT_SEED=<seed> replays the same chaos schedule.

const AGENTS = 5;
const TOTAL = 1000;
const SHARE = TOTAL / AGENTS;
/** Mean pause between two citizens at one kiosk: spreads the filing over 20-60 s of chaos (machine-dependent). */
const PACE_MS = 80;
const CHAOS: ChaosOptions = { dropProbability: 0.2, stallProbability: 0.2, maxFaultDelayMs: 2_000, stallMs: [200, 3_000] };
/** Short backoff and timeouts so the run converges in seconds, not the production minutes. */
const AGENT_ENV = { OUTBOX_BASE_MS: '50', OUTBOX_CAP_MS: '1000', OUTBOX_SEND_WAIT_MS: '150', HUB_TIMEOUT_MS: '2000', HEARTBEAT_MS: '1000' };
/** The hub lives this long between SIGKILLs, and stays dead this long before its restart. */
const HUB_UP_MS: readonly [number, number] = [2_000, 6_000];
const HUB_DOWN_MS: readonly [number, number] = [100, 1_500];
/** After the last filing, the outboxes must be empty within this (the proxy stays hostile). */
const DRAIN_TIMEOUT_MS = 60_000;

const draftId = (agent: number, index: number) => `kiosk${agent}-draft-${String(index).padStart(4, '0')}`;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('fault injection (hub SIGKILLs, a dropping and stalling network, an agent SIGKILL)', () => {
  it(`ends with exactly ${TOTAL} cases at the hub, each once with its kiosk reference, and every outbox empty`, async () => {
    const seed = seedFromEnv(process.env);
    console.log(`fault-injection: FAULT_SEED=${seed} (run with FAULT_SEED=${seed} to replay this chaos schedule)`);
    const random = createPrng(seed);
    const proxyRandom = random.fork();
    const hubRandom = random.fork();
    const agentRandom = random.fork();

    const work = mkdtempSync(join(tmpdir(), 'fault-injection-'));
    const hubDir = join(work, 'hub');
    mkdirSync(hubDir);
    const started = Date.now();
    const credentials = await prepareHubData(hubDir, AGENTS);
    const hub = new HubProcess(hubDir, await freePort());
    let proxy: ChaosProxy | null = null;
    const agents: AgentProcess[] = [];
    let passed = false;
    // Chaos runs while agents file; `filing = false` (also on failure) ends it.
    let filing = true;
    let wake: () => void = () => {};
    const filingOver = new Promise<void>((resolve) => (wake = resolve));
    let hubChaos: Promise<void> = Promise.resolve();
    /** The victim's kill-and-restart, once it has begun (an array: it is set from a callback). */
    const victimCycle: Array<Promise<void>> = [];
    try {
      await hub.start();
      proxy = await startChaosProxy({ port: await freePort(), targetPort: hub.port, prng: proxyRandom, chaos: CHAOS });
      const hubUrl = `http://127.0.0.1:${proxy.port}`;
      for (const [index, credential] of credentials.entries()) {
        const dataDir = join(work, `agent-${index}`);
        mkdirSync(dataDir);
        agents.push(
          new AgentProcess({ index, dataDir, hubUrl, deviceId: credential.deviceId, issuer: credential.issuer, token: credential.token, share: SHARE, paceMs: PACE_MS, env: AGENT_ENV }),
        );
      }

      // The whole schedule is drawn up front, so it depends on the seed only.
      const paceSeeds = agents.map(() => agentRandom.int(0, 0xffffffff));
      const victimIndex = agentRandom.int(0, AGENTS - 1);
      const victimDraft = agentRandom.int(Math.floor(SHARE * 0.2), Math.floor(SHARE * 0.8));
      // A few ms: while the request is being stored or waits for the hub's answer (mostly).
      const victimKillDelayMs = agentRandom.int(0, 8);
      const victimDownMs = agentRandom.int(0, 1_000);
      const victimRestartSeed = agentRandom.int(0, 0xffffffff);
      const victim = agents[victimIndex];
      if (victim === undefined) throw new Error('no victim agent');
      const victimDraftId = draftId(victimIndex, victimDraft);
      console.log(`fault-injection: agent-${victimIndex} is SIGKILLed ${victimKillDelayMs} ms into filing ${victimDraftId}`);

      let victimAnswersAtKill = -1;
      victim.onFiling((id) => {
        if (id !== victimDraftId || victimCycle.length > 0) return;
        // Mid-call: the citizen is waiting for this filing when the kiosk dies.
        victimCycle.push(
          (async () => {
            await sleep(victimKillDelayMs);
            await victim.kill();
            victimAnswersAtKill = victim.answers.length;
            await sleep(victimDownMs);
            if (filing) victim.start(victimRestartSeed);
          })(),
        );
      });
      for (const [index, agent] of agents.entries()) agent.start(paceSeeds[index] ?? 0);

      hubChaos = (async () => {
        while (filing) {
          await Promise.race([sleep(hubRandom.int(...HUB_UP_MS)), filingOver]);
          if (!filing) break;
          await hub.kill();
          await sleep(hubRandom.int(...HUB_DOWN_MS));
          await hub.start();
        }
      })();
      // A hub that fails to come back ends the run at once instead of hanging it.
      await Promise.race([Promise.all(agents.map((agent) => agent.whenDone())), hubChaos.then(() => new Promise<never>(() => {}))]);
      filing = false;
      wake();
      await hubChaos;
      await Promise.all(victimCycle);
      const filedAfterMs = Date.now() - started;

      const drainDeadline = Date.now() + DRAIN_TIMEOUT_MS;
      for (;;) {
        const pending = agents.map((agent) => undelivered(outboxStates(agent.storeFile)));
        if (pending.every((n) => n === 0)) break;
        if (Date.now() > drainDeadline) throw new Error(`outboxes not empty ${DRAIN_TIMEOUT_MS} ms after the last filing: ${pending.join(', ')} undelivered`);
        await sleep(250);
      }
      const drainedAfterMs = Date.now() - started;
      for (const agent of agents) await agent.stop();
      await hub.stop();
      const chaos = proxy.figures();
      await proxy.close();
      proxy = null;

      const answers: FiledAnswer[] = agents.flatMap((agent) => agent.answers);
      const queued = answers.filter((answer) => answer.sync === 'queued').length;
      console.log(
        `fault-injection: seed ${seed}: ${hub.kills} hub SIGKILLs (down ${(hub.downMs / 1000).toFixed(1)} s in all), 1 agent SIGKILL, proxy ${chaos.connections} connections ` +
          `(${chaos.drops} dropped, ${chaos.stalls} stalled, ${chaos.refused} refused while the hub was down); ` +
          `${answers.length} filed (${queued} told "queued") in ${(filedAfterMs / 1000).toFixed(1)} s, outboxes empty at ${(drainedAfterMs / 1000).toFixed(1)} s`,
      );
      // Timing decides whether the kill beat the answer; both must end in exactly one filing.
      console.log(
        victimAnswersAtKill === victimDraft
          ? `fault-injection: the SIGKILL interrupted the call for ${victimDraftId}; the restarted agent filed it again with the same draft id`
          : `fault-injection: the SIGKILL landed just after ${victimDraftId} was answered; the restarted agent went on with the next draft`,
      );

      // The citizens: exactly one answer per draft, 1,000 in all, each with its own reference.
      const expectedDrafts = agents.flatMap((agent) => Array.from({ length: SHARE }, (_, i) => draftId(agent.settings.index, i)));
      expect(answers).toHaveLength(TOTAL);
      expect(new Set(answers.map((answer) => answer.draftId))).toEqual(new Set(expectedDrafts));
      const references = new Set(answers.map((answer) => answer.reference));
      expect(references.size).toBe(TOTAL);

      // The hub: exactly those 1,000 cases, each once, each from the kiosk that minted its reference.
      const deviceOfReference = new Map(agents.flatMap((agent) => agent.answers.map((answer) => [answer.reference, agent.settings.deviceId] as const)));
      const cases = await hubKioskCases(hubDir);
      expect(cases).toHaveLength(TOTAL);
      const caseReferences = cases.map((row) => row.localReference);
      expect(new Set(caseReferences).size).toBe(TOTAL);
      expect(new Set(caseReferences)).toEqual(references);
      for (const row of cases) expect(row.deviceId, `case ${row.id}`).toBe(deviceOfReference.get(row.localReference ?? ''));

      // The kiosks: every outbox row acknowledged, one stored request per draft, same references.
      for (const agent of agents) {
        expect(outboxStates(agent.storeFile), `agent-${agent.settings.index} outbox`).toEqual({ acked: SHARE });
        const stored = storedRequests(agent.storeFile);
        expect(stored.map((row) => `${row.draftId} ${row.reference}`).sort()).toEqual(agent.answers.map((answer) => `${answer.draftId} ${answer.reference}`).sort());
      }

      // The chaos really happened (a run without it would prove nothing).
      expect(hub.kills).toBeGreaterThanOrEqual(1);
      expect(victim.starts).toBe(2);
      expect(chaos.drops + chaos.stalls).toBeGreaterThan(0);
      passed = true;
    } finally {
      filing = false;
      wake();
      // Let a restart under way finish first, so no hub or agent is spawned after the clean-up.
      await hubChaos.catch(() => undefined);
      await Promise.allSettled(victimCycle);
      if (!passed) {
        console.error(`fault-injection FAILED with FAULT_SEED=${seed}; files kept in ${work}\n--- hub (last lines)\n${hub.log.text()}`);
        for (const agent of agents) console.error(`--- agent-${agent.settings.index} (last lines)\n${agent.log.text()}`);
      }
      await Promise.all(agents.map((agent) => agent.kill()));
      await hub.kill();
      await proxy?.close();
      if (passed) rmSync(work, { recursive: true, force: true });
    }
  }, 300_000);
});
