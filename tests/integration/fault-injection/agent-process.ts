import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot } from '../../stack/stack.js';
import { startProcess, type ManagedProcess } from '../../stack/processes.js';
import { TailLog } from './tail-log.js';

const DRIVER = fileURLToPath(new URL('./agent-driver.ts', import.meta.url));

/** One citizen-facing answer of `request.file`, as the driver printed it. */
export interface FiledAnswer {
  readonly draftId: string;
  readonly reference: string;
  readonly sync: string;
}

export interface AgentSettings {
  readonly index: number;
  readonly dataDir: string;
  readonly hubUrl: string;
  readonly deviceId: string;
  readonly issuer: string;
  readonly token: string;
  /** How many drafts this kiosk files in all. */
  readonly share: number;
  /** Mean pause between two citizens, so the filing spreads over the chaos. */
  readonly paceMs: number;
  /** Extra agent environment (short backoff and timeouts so the run converges). */
  readonly env: Record<string, string>;
}

/**
 * A kiosk agent process (agent-driver.ts) that files its share of drafts; it can be SIGKILLed
 * and started again on the same DATA_DIR, and then files again from the first draft it never
 * got an answer for (with the same draft id, as a citizen pressing "try again" would).
 */
export class AgentProcess {
  private current: ManagedProcess | null = null;
  /** Resolves once the current process's output is fully read (after 'exit', on 'close'). */
  private closed: Promise<void> = Promise.resolve();
  readonly answers: FiledAnswer[] = [];
  readonly log = new TailLog(100);
  private doneListeners: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
  private filingListeners: Array<(draftId: string) => void> = [];
  done = false;
  starts = 0;

  constructor(readonly settings: AgentSettings) {}

  /** The agent's store file (where startAgent keeps it), for read-only inspection. */
  get storeFile(): string {
    return join(this.settings.dataDir, 'kiosk', `${this.settings.deviceId}.sqlite`);
  }

  start(paceSeed: number): void {
    const { settings } = this;
    this.starts += 1;
    const managed = startProcess({
      name: `agent-${settings.index}`,
      command: process.execPath,
      args: ['--import', 'tsx', DRIVER],
      env: {
        ...process.env,
        ...settings.env,
        DATA_DIR: settings.dataDir,
        HUB_URL: settings.hubUrl,
        KIOSK_ID: settings.deviceId,
        KIOSK_ISSUER: settings.issuer,
        KIOSK_TOKEN: settings.token,
        KIOSK_CREDENTIALS: join(settings.dataDir, 'none.json'),
        KIOSK_PORT: '0',
        PRINTER: 'none',
        RENDERER_DIR: join(settings.dataDir, 'no-renderer'),
        FAULT_DRAFT_PREFIX: `kiosk${settings.index}-draft`,
        // Every draft that got an answer is done; the one in progress when killed is filed again.
        FAULT_FIRST: String(this.answers.length),
        FAULT_COUNT: String(settings.share),
        FAULT_PACE_SEED: String(paceSeed),
        FAULT_PACE_MS: String(settings.paceMs),
      },
      cwd: repoRoot,
      output: (_name, line) => this.onLine(line),
    });
    this.current = managed;
    this.closed = new Promise((resolve) => managed.child.once('close', () => resolve()));
    void managed.exited.then((code) => {
      // kill() and stop() forget the process first: still current means nobody asked it to end.
      if (this.current !== managed) return;
      this.current = null;
      const error = new Error(`agent-${settings.index} exited unexpectedly (${code}):\n${this.log.text()}`);
      for (const listener of this.doneListeners.splice(0)) listener.reject(error);
    });
  }

  private onLine(line: string): void {
    if (line.startsWith('FILED ')) {
      this.answers.push(JSON.parse(line.slice('FILED '.length)) as FiledAnswer);
    } else if (line.startsWith('FILING ')) {
      for (const listener of this.filingListeners) listener(line.slice('FILING '.length));
    } else if (line === 'DONE') {
      this.done = true;
      for (const listener of this.doneListeners.splice(0)) listener.resolve();
    } else {
      this.log.add(line);
    }
  }

  /** Called when a `request.file` call starts, with its draft id. */
  onFiling(listener: (draftId: string) => void): void {
    this.filingListeners.push(listener);
  }

  /** Resolves when the driver has filed its whole share; rejects if it dies unbidden first. */
  whenDone(): Promise<void> {
    if (this.done) return Promise.resolve();
    return new Promise((resolve, reject) => this.doneListeners.push({ resolve, reject }));
  }

  /** Resolves with the exit code or signal of the current process. */
  exited(): Promise<number | string> {
    return this.current?.exited ?? Promise.resolve('not running');
  }

  async kill(): Promise<void> {
    const managed = this.current;
    this.current = null;
    if (managed === null) return;
    managed.child.kill('SIGKILL');
    await managed.exited;
    // Every answer it printed before dying must be counted before a restart picks FAULT_FIRST.
    await this.closed;
  }

  async stop(): Promise<void> {
    const managed = this.current;
    this.current = null;
    await managed?.stop('SIGTERM', 10_000);
    await this.closed;
  }
}
