import { loadAgentConfig } from './config.js';
import type { RunningAgent } from './agent.js';
import { startKioskAgent } from './enrolment/kiosk-agent.js';
import { dispatchKioskCall } from './handlers/dispatch.js';
import { createShellCapture } from './jobs/shell-capture.js';
import { createLog } from './log.js';

// The agent as an Electron utility process: the shell starts the bundled form of this file with
// utilityProcess.fork and relays the page's validated KioskCall envelopes over process.parentPort.
// Electron adds parentPort to `process`; the agent may not import electron, so it is typed here.

interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

/** The shell's state, kept for the next heartbeat (issue 6 sends it). */
export interface ShellStatus {
  readonly kind: 'shell.status';
  readonly state: 'running' | 'recovering' | 'out-of-service';
  readonly reason: string | null;
  readonly since: string;
}

const log = createLog('agent');
const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (parentPort === undefined) {
  log("electron-entry.ts runs only as the Electron shell's utility process; use main.ts for browser mode");
  process.exit(1);
}
const port: ParentPort = parentPort;
let agent: RunningAgent | null = null;
/** The shell's latest state; the heartbeat (issue 6) reads it from here. */
const shell: { status: ShellStatus | null } = { status: null };
// Calls that arrive while the store opens wait here, so none is lost at start-up.
const early: unknown[] = [];

/** How long a screenshot job waits for the shell's capture before it fails with a clear reason. */
const SHELL_CAPTURE_TIMEOUT_MS = 15_000;
// Screenshot jobs: the agent cannot capture, the shell's main process can (ipc/agent-link.ts).
const shellCapture = createShellCapture({ post: (message) => port.postMessage(message), timeoutMs: SHELL_CAPTURE_TIMEOUT_MS });

const isShellStatus = (message: unknown): message is ShellStatus =>
  typeof message === 'object' && message !== null && (message as { kind?: unknown }).kind === 'shell.status';

function answer(running: RunningAgent, message: unknown): void {
  void dispatchKioskCall(running.handlers, message, log).then((reply) => port.postMessage(reply));
}

port.on('message', ({ data }) => {
  if (isShellStatus(data)) {
    shell.status = data;
    return;
  }
  if (shellCapture.receive(data)) return;
  if (agent === null) early.push(data);
  else answer(agent, data);
});

// Port 0: the loopback page server is not needed under Electron, and must not collide with one.
// startKioskAgent: a kiosk without a credential enrols itself first (shows its code), as in browser mode.
startKioskAgent({ ...loadAgentConfig(process.env), port: 0 }, log, { captureScreen: () => shellCapture.capture() }).then(
  (running) => {
    agent = running;
    running.onKioskEvent((envelope) => port.postMessage(envelope));
    for (const message of early.splice(0)) answer(running, message);
  },
  (error: unknown) => {
    log('agent failed to start', { error: (error as Error).message });
    process.exit(1);
  },
);

process.on('SIGTERM', () => {
  void (agent?.close() ?? Promise.resolve()).finally(() => process.exit(0));
});
