import { join } from 'node:path';
import { loadConfig, migrateToLatest, openDatabase, seedDemo } from '@kiosk/hub';
import { registerDevice, type DeviceCredential } from '../../../admin/server/src/modules/devices/service.js';
import { repoRoot } from '../../stack/stack.js';
import { startProcess, waitForHttp, type ManagedProcess } from '../../stack/processes.js';
import { TailLog } from './tail-log.js';

/** The demo municipality every kiosk of the run belongs to (seedDemo creates it). */
const TENANT_ID = 'villademo';

const hubEnv = (dataDir: string, port?: number): Record<string, string> => ({
  DATA_DIR: dataDir,
  HOST: '127.0.0.1',
  ...(port === undefined ? {} : { PORT: String(port) }),
  // Empty: SQLite in DATA_DIR, whatever the calling shell has set.
  DATABASE_URL: '',
  LOG_LEVEL: 'warn',
  CONSOLE_DIR: join(dataDir, 'no-console'),
});

/**
 * Creates the hub's SQLite file with the hub's own migrations and seed, and registers `count`
 * kiosks with the hub's own device service, before the hub process ever starts.
 */
export async function prepareHubData(dataDir: string, count: number): Promise<DeviceCredential[]> {
  const opened = openDatabase(loadConfig(hubEnv(dataDir)).database);
  try {
    await migrateToLatest(opened.db);
    await seedDemo(opened.db);
    const credentials: DeviceCredential[] = [];
    for (let i = 0; i < count; i += 1) credentials.push(await registerDevice(opened.db, TENANT_ID, `fault-injection-kiosk-${i}`));
    return credentials;
  } finally {
    await opened.close();
  }
}

/** One kiosk case as the hub stored it. */
export interface HubKioskCase {
  readonly id: string;
  readonly deviceId: string | null;
  readonly localReference: string | null;
}

/** Every kiosk case in the hub's database (read with the hub's own code, after a clean stop). */
export async function hubKioskCases(dataDir: string): Promise<HubKioskCase[]> {
  const opened = openDatabase(loadConfig(hubEnv(dataDir)).database);
  try {
    const rows = await opened.db.selectFrom('service_requests').select(['id', 'device_id', 'local_reference']).where('channel', '=', 'kiosk').execute();
    return rows.map((row) => ({ id: row.id, deviceId: row.device_id, localReference: row.local_reference }));
  } finally {
    await opened.close();
  }
}

/** The hub as a real child process (main.ts, as users run it) that can be SIGKILLed and restarted. */
export class HubProcess {
  private current: ManagedProcess | null = null;
  readonly log = new TailLog(200);
  kills = 0;
  /** Time between a SIGKILL and the restarted hub answering /healthz, summed over the run. */
  downMs = 0;
  private killedAt: number | null = null;

  constructor(
    private readonly dataDir: string,
    readonly port: number,
  ) {}

  async start(): Promise<void> {
    const managed = startProcess({
      name: 'hub',
      command: process.execPath,
      args: ['--import', 'tsx', 'admin/server/src/main.ts'],
      env: { ...process.env, ...hubEnv(this.dataDir, this.port) },
      cwd: repoRoot,
      output: (_name, line) => this.log.add(line),
    });
    this.current = managed;
    await waitForHttp(`http://127.0.0.1:${this.port}/healthz`, 60_000, managed);
    if (this.killedAt !== null) this.downMs += Date.now() - this.killedAt;
    this.killedAt = null;
  }

  /** SIGKILL: no shutdown code runs; whatever was acknowledged must already be on disk. */
  async kill(): Promise<void> {
    const managed = this.current;
    if (managed === null) return;
    this.current = null;
    this.kills += 1;
    this.killedAt = Date.now();
    managed.child.kill('SIGKILL');
    await managed.exited;
  }

  /** SIGTERM: the hub's clean shutdown. */
  async stop(): Promise<void> {
    await this.current?.stop('SIGTERM', 10_000);
    this.current = null;
  }
}
