import { ConfigError, loadConfig } from './config.js';
import { startHub } from './index.js';
import type { RunningHub } from './index.js';

/** The hub as a process: `node --import tsx admin/server/src/main.ts`. */

function banner(hub: RunningHub, dataDir: string): string {
  const lines = [
    '',
    `  Kiosk hub listening on ${hub.url}`,
    `    health:            ${hub.publicUrl}/healthz`,
    `    Open311 discovery: ${hub.publicUrl}/open311/v2/discovery.json`,
    `    console:           ${hub.publicUrl}/`,
    `    data:              ${dataDir}`,
    `    demo kiosk file:   ${hub.firstRun.demoKiosk.file}`,
  ];
  const { admin, apiKey } = hub.firstRun;
  if (admin !== null || apiKey !== null) {
    lines.push('', '  ================ FIRST RUN: SHOWN ONCE, WRITE THEM DOWN ================');
    if (admin !== null) lines.push(`    console user:     ${admin.username}`, `    console password: ${admin.password}`);
    if (apiKey !== null) lines.push(`    Open311 api_key:  ${apiKey}`);
    lines.push('    Only hashes are stored; they cannot be shown again.', '  ========================================================================');
  }
  return `${lines.join('\n')}\n\n`;
}

async function main(): Promise<void> {
  const config = loadConfig();
  // Signal handlers first: whoever reads the banner may send SIGTERM at once, and a signal that
  // arrives before a listener exists kills the process without a clean shutdown.
  let hub: RunningHub | null = null;
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    if (hub === null) process.exit(0); // still starting: nothing to close yet
    hub.app.log.info({ signal }, 'shutting down');
    hub.close().then(
      () => process.exit(0),
      (error: unknown) => {
        hub?.app.log.error({ err: { message: error instanceof Error ? error.message : String(error) } }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  hub = await startHub(config);
  // The banner goes to stderr, apart from the JSON log lines on stdout that tools parse.
  process.stderr.write(banner(hub, config.dataDir));
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? `configuration: ${error.message}` : error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`hub failed to start: ${message}\n`);
  process.exit(1);
});
