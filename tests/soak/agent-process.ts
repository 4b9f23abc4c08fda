import { randomUUID } from 'node:crypto';
import { loadAgentConfig } from '../../kiosk/src/agent/config.js';
import { startAgent } from '../../kiosk/src/agent/agent.js';

/**
 * The one real kiosk agent of the soak, as its own process (started with probe.ts preloaded):
 * sessions start and end and a request is filed every SOAK_FILE_EVERY_MS through the same handler
 * the renderer calls. Prints one `filed <reference>` line per filing for the soak to count.
 */
const everyMs = Number(process.env.SOAK_FILE_EVERY_MS ?? 2_000);
const serviceCode = process.env.SOAK_SERVICE_CODE ?? 'litter';
const agent = await startAgent(loadAgentConfig(process.env), () => {});

let stopping = false;
const timer = setInterval(() => {
  void (async () => {
    await agent.handlers['session.changed']({ active: true });
    const answer = await agent.handlers['request.file']({
      draftId: randomUUID(),
      serviceCode,
      description: 'Soak: a broken bench in the square, please repair.',
      attributes: {},
      locale: 'es',
    });
    process.stdout.write(`filed ${answer.reference}\n`);
    await agent.handlers['session.changed']({ active: false });
  })().catch((error: unknown) => process.stdout.write(`filing failed ${(error as Error).message}\n`));
}, everyMs);

const stop = () => {
  if (stopping) return;
  stopping = true;
  clearInterval(timer);
  void agent.close().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
// The soak's wind-down: stop filing, keep the agent (and its outbox sender) running.
process.on('SIGUSR2', () => clearInterval(timer));
process.on('SIGINT', stop);
