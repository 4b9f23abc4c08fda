import { agentRestartDelayMs } from '../policy/crash-policy.js';
import type { AgentLink, AgentPort } from '../ipc/agent-link.js';

export interface AgentProcessOptions {
  /** Starts one agent process (utilityProcess.fork in main.ts). */
  readonly fork: () => AgentPort & { kill(): boolean };
  readonly link: AgentLink;
  readonly restartBaseMs: number;
  readonly restartCapMs: number;
  /** A process that lived this long resets the backoff: it was not a start-up crash loop. */
  readonly healthyAfterMs: number;
  readonly now: () => number;
  readonly setTimeout: (callback: () => void, ms: number) => unknown;
  readonly random: () => number;
  readonly log: (message: string, fields?: Record<string, unknown>) => void;
}

/**
 * Keeps the agent running: starts it, and when it exits restarts it with full-jitter backoff.
 * The kiosk page stays up meanwhile; its calls fail calmly until the agent is back.
 */
export function superviseAgentProcess(options: AgentProcessOptions): { stop(): void } {
  let attempt = 0;
  let stopped = false;
  let current: (AgentPort & { kill(): boolean }) | null = null;

  function start(): void {
    const startedAt = options.now();
    const child = options.fork();
    current = child;
    options.link.attach(child);
    child.on('exit', (code) => {
      if (stopped || current !== child) return;
      current = null;
      if (options.now() - startedAt >= options.healthyAfterMs) attempt = 0;
      const delayMs = agentRestartDelayMs(attempt, options.restartBaseMs, options.restartCapMs, options.random);
      attempt += 1;
      options.log('kiosk agent exited; restarting', { code, delayMs });
      options.setTimeout(() => {
        if (!stopped) start();
      }, delayMs);
    });
  }

  start();
  return {
    stop() {
      stopped = true;
      current?.kill();
      current = null;
    },
  };
}
