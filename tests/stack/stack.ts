import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { freePort, startProcess, waitForHttp, type ManagedProcess } from './processes.js';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface StackOptions {
  readonly dataDir: string;
  readonly hubPort?: number;
  readonly kioskPort?: number;
  readonly printerPort?: number;
  readonly printerHttpPort?: number;
  /** Extra environment for every process (e.g. DATABASE_URL). */
  readonly env?: NodeJS.ProcessEnv;
  readonly output?: (name: string, line: string) => void;
}

export interface RunningStack {
  readonly hubUrl: string;
  /** The data folder every process shares (the hub's SQLite file; CLI tools take it as --data-dir). */
  readonly dataDir: string;
  readonly kioskUrl: string;
  readonly printerPort: number;
  readonly printerHttpUrl: string;
  readonly processes: Readonly<Record<'hub' | 'printer' | 'agent', ManagedProcess>>;
  /** Stops one process (e.g. the hub, to test offline filing) and starts it again. */
  stopProcess(name: 'hub' | 'printer' | 'agent'): Promise<void>;
  startProcess(name: 'hub' | 'printer' | 'agent'): Promise<void>;
  stop(): Promise<void>;
}

const tsx = ['--import', 'tsx'];

/** Builds the kiosk renderer and the console if their output is missing. */
export function buildIfMissing(log: (line: string) => void = console.log): void {
  const targets: Array<[string, string]> = [
    ['@kiosk/kiosk', join(repoRoot, 'kiosk/dist/renderer/index.html')],
    ['@kiosk/console', join(repoRoot, 'admin/web/dist/index.html')],
  ];
  for (const [workspace, output] of targets) {
    if (existsSync(output)) continue;
    log(`building ${workspace} (first run)...`);
    execFileSync('npm', ['run', 'build', '-w', workspace], { cwd: repoRoot, stdio: 'inherit' });
  }
}

/**
 * The whole product on one machine: hub, printer emulator and a kiosk agent, each a real process.
 * `npm start` and the end-to-end tests both run exactly this.
 */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  const hubPort = options.hubPort ?? (await freePort());
  const kioskPort = options.kioskPort ?? (await freePort());
  const printerPort = options.printerPort ?? (await freePort());
  const printerHttpPort = options.printerHttpPort ?? (await freePort());
  const hubUrl = `http://127.0.0.1:${hubPort}`;
  const kioskUrl = `http://127.0.0.1:${kioskPort}`;
  const printerHttpUrl = `http://127.0.0.1:${printerHttpPort}`;
  const baseEnv = { ...process.env, ...options.env, DATA_DIR: options.dataDir };

  const specs = {
    hub: { args: [...tsx, 'admin/server/src/main.ts'], env: { ...baseEnv, PORT: String(hubPort) }, health: `${hubUrl}/healthz` },
    printer: {
      args: [...tsx, 'hardware/src/sim/cli.ts', 'printer', '--port', String(printerPort), '--http-port', String(printerHttpPort)],
      env: baseEnv,
      health: `${printerHttpUrl}/receipts`,
    },
    agent: {
      args: [...tsx, 'kiosk/src/agent/main.ts'],
      env: { ...baseEnv, KIOSK_PORT: String(kioskPort), HUB_URL: hubUrl, PRINTER_PORT: String(printerPort) },
      health: `${kioskUrl}/healthz`,
    },
  } as const;

  const running: Partial<Record<keyof typeof specs, ManagedProcess>> = {};
  const launch = async (name: keyof typeof specs) => {
    const spec = specs[name];
    const managed = startProcess({ name, command: process.execPath, args: spec.args, env: spec.env, cwd: repoRoot, output: options.output });
    running[name] = managed;
    await waitForHttp(spec.health, 60_000, managed);
  };
  const stopAll = async () => {
    for (const name of ['agent', 'printer', 'hub'] as const) await running[name]?.stop();
  };

  try {
    // The hub first: on its first start it writes the demo kiosk's credential the agent reads.
    await launch('hub');
    await launch('printer');
    await launch('agent');
  } catch (error) {
    await stopAll();
    throw error;
  }

  return {
    hubUrl,
    dataDir: options.dataDir,
    kioskUrl,
    printerPort,
    printerHttpUrl,
    get processes() {
      return running as Record<keyof typeof specs, ManagedProcess>;
    },
    async stopProcess(name) {
      await running[name]?.stop();
    },
    startProcess: launch,
    stop: stopAll,
  };
}
