import { loadAgentConfig } from './config.js';
import type { RunningAgent } from './agent.js';
import { startKioskAgent } from './enrolment/kiosk-agent.js';
import { createLog } from './log.js';

// The kiosk agent as a plain Node process ("browser mode"): serves the renderer on loopback.
const log = createLog('agent');
let agent: RunningAgent | null = null;
let stopping = false;

// Signal handlers before anything else: a signal that arrives before a listener exists would
// kill the process without closing the store.
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  log('agent stopping', { signal });
  if (agent === null) process.exit(0);
  agent.close().then(
    () => process.exit(0),
    (error: unknown) => {
      log('agent stopped with an error', { error: (error as Error).message });
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));

try {
  // Without a credential the agent enrols itself first (shows a code), then starts normally.
  agent = await startKioskAgent(loadAgentConfig(process.env), log);
} catch (error) {
  log('agent failed to start', { error: (error as Error).message });
  process.exit(1);
}
