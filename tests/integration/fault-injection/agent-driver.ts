import { RequestDraftSchema } from '@kiosk/shared';
import { startAgent, type RunningAgent } from '../../../kiosk/src/agent/agent.js';
import { loadAgentConfig } from '../../../kiosk/src/agent/config.js';
import { createLog } from '../../../kiosk/src/agent/log.js';
import { createPrng } from './prng.js';

/**
 * One kiosk agent as its own process, for the fault-injection test: the real agent (startAgent,
 * same config loader as main.ts) with citizens simulated by calling its KioskClient handler
 * `request.file`, one draft after another, as the renderer would.
 *
 * Environment: the agent's own (DATA_DIR, HUB_URL, KIOSK_TOKEN, ...) plus
 *   FAULT_DRAFT_PREFIX  draft ids are `<prefix>-<index>` (stable across restarts)
 *   FAULT_FIRST         first index to file (after a SIGKILL: the call that died, filed again)
 *   FAULT_COUNT         one past the last index
 *   FAULT_PACE_MS       mean pause between two citizens (uniform 0..2x), drawn from
 *   FAULT_PACE_SEED     the seed of this process's pauses
 * stdout carries only the protocol lines `FILING <draftId>` (a call starts), `FILED <json>` (its
 * citizen-facing answer) and `DONE`; the agent's own log goes to stderr. SIGTERM closes the agent cleanly.
 */

const env = process.env;
const prefix = env['FAULT_DRAFT_PREFIX'] ?? '';
const first = Number(env['FAULT_FIRST'] ?? '0');
const count = Number(env['FAULT_COUNT'] ?? '0');
const paceMs = Number(env['FAULT_PACE_MS'] ?? '0');
const pace = createPrng(Number(env['FAULT_PACE_SEED'] ?? '0'));
if (!/^[A-Za-z0-9_-]{4,40}$/.test(prefix) || !Number.isInteger(first) || !Number.isInteger(count) || first < 0 || count < first) {
  process.stderr.write('agent-driver: FAULT_DRAFT_PREFIX, FAULT_FIRST and FAULT_COUNT are required (0 <= first <= count)\n');
  process.exit(2);
}

let agent: RunningAgent | null = null;
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  if (agent === null) process.exit(0);
  agent.close().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`agent-driver: close failed: ${(error as Error).message}\n`);
      process.exit(1);
    },
  );
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

const log = createLog('agent', (line) => process.stderr.write(line));
agent = await startAgent(loadAgentConfig(env), log);

for (let index = first; index < count && !stopping; index += 1) {
  // Synthetic text only: what a citizen would type, never real personal data.
  const draft = RequestDraftSchema.parse({
    draftId: `${prefix}-${String(index).padStart(4, '0')}`,
    serviceCode: 'litter',
    description: `Farola apagada número ${index} en la calle de prueba ${prefix}.`,
    locale: 'es',
  });
  process.stdout.write(`FILING ${draft.draftId}\n`);
  const answer = await agent.handlers['request.file'](draft);
  process.stdout.write(`FILED ${JSON.stringify({ draftId: draft.draftId, reference: answer.reference, sync: answer.sync })}\n`);
  if (paceMs > 0) await new Promise((resolve) => setTimeout(resolve, pace.int(0, 2 * paceMs)));
}
process.stdout.write('DONE\n');
