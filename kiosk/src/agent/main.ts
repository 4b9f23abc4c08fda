import { loadAgentConfig } from './config.js';
import { startAgent } from './agent.js';
import { createLog } from './log.js';

// The kiosk agent as a plain Node process ("browser mode"): serves the renderer on loopback.
const log = createLog('agent');
try {
  const agent = await startAgent(loadAgentConfig(process.env), log);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log('agent stopping', { signal });
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
} catch (error) {
  log('agent failed to start', { error: (error as Error).message });
  process.exit(1);
}
