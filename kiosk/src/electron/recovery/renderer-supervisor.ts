import {
  decideAfterRendererGone,
  historyForRetryAfterOutOfService,
  livenessVerdict,
  type CrashHistory,
  type CrashPolicyConfig,
  type LivenessConfig,
} from '../policy/crash-policy.js';
import type { ShellStatusMessage } from '../ipc/agent-link.js';

/** What the supervisor does to the kiosk window (a BrowserWindow's webContents in main.ts). */
export interface SupervisedPage {
  load(url: string): void;
  /** Kills a hung renderer so `render-process-gone` runs the one recovery path. */
  crash(): void;
}

export interface SupervisorClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface RendererSupervisor {
  /** From `render-process-gone`. `reason` is Electron's (crashed, oom, killed...). */
  rendererGone(reason: string): void;
  /** From the preload's `kiosk:alive`. */
  tick(): void;
  /** From `did-start-loading`: the liveness grace starts again. */
  loadStarted(): void;
  /** Run every tick interval: kills the renderer if its ticks stopped. */
  checkLiveness(): void;
  dispose(): void;
}

/**
 * Applies the pure crash policy to the kiosk page. Thin on purpose: decisions come from
 * policy/crash-policy.ts; this only keeps the state and schedules what the policy says.
 */
export function createRendererSupervisor(options: {
  readonly page: SupervisedPage;
  readonly startUrl: string;
  readonly outOfServiceUrl: string;
  readonly crash: CrashPolicyConfig;
  readonly liveness: LivenessConfig;
  readonly clock: SupervisorClock;
  readonly history: CrashHistory;
  /** Persists the history before a relaunch, so the next run knows it is in a relaunch loop. */
  readonly saveHistory: (history: CrashHistory) => void;
  readonly relaunch: () => void;
  readonly reportStatus: (status: ShellStatusMessage) => void;
  readonly log: (message: string, fields?: Record<string, unknown>) => void;
}): RendererSupervisor {
  const { clock } = options;
  let history = options.history;
  let pendingTimer: unknown = null;
  let loadStartedAt = clock.now();
  let lastTickAt: number | null = null;
  let outOfService = false;
  let killingHungPage = false;

  const status = (state: ShellStatusMessage['state'], reason: string | null) =>
    options.reportStatus({ kind: 'shell.status', state, reason, since: new Date(clock.now()).toISOString() });

  function schedule(ms: number, action: () => void): void {
    if (pendingTimer !== null) clock.clearTimeout(pendingTimer);
    pendingTimer = clock.setTimeout(() => {
      pendingTimer = null;
      action();
    }, ms);
  }

  return {
    rendererGone(electronReason) {
      const reason = killingHungPage ? 'hung' : electronReason;
      killingHungPage = false;
      if (outOfService) {
        // The out-of-service page itself died: show it again, keep the retry timer.
        options.page.load(options.outOfServiceUrl);
        return;
      }
      const decision = decideAfterRendererGone(history, clock.now(), options.crash);
      history = decision.history;
      const action = decision.action;
      options.log('kiosk page gone', { reason, action: action.kind });
      if (action.kind === 'reload') {
        status('recovering', reason);
        schedule(action.delayMs, () => options.page.load(options.startUrl));
      } else if (action.kind === 'relaunch') {
        status('recovering', reason);
        options.saveHistory(history);
        options.relaunch();
      } else {
        outOfService = true;
        status('out-of-service', reason);
        options.saveHistory(history);
        options.page.load(options.outOfServiceUrl);
        schedule(action.retryInMs, () => {
          outOfService = false;
          history = historyForRetryAfterOutOfService();
          options.saveHistory(history);
          status('recovering', 'retry-after-out-of-service');
          options.page.load(options.startUrl);
        });
      }
    },
    tick() {
      const wasSilent = lastTickAt === null;
      lastTickAt = clock.now();
      if (wasSilent && !outOfService) status('running', null);
    },
    loadStarted() {
      loadStartedAt = clock.now();
      lastTickAt = null;
    },
    checkLiveness() {
      // Out of service: the page is static and the retry timer brings the kiosk back.
      if (outOfService || killingHungPage) return;
      if (livenessVerdict({ loadStartedAt, lastTickAt }, clock.now(), options.liveness) === 'hung') {
        options.log('kiosk page stopped answering; restarting it');
        killingHungPage = true;
        options.page.crash();
      }
    },
    dispose() {
      if (pendingTimer !== null) clock.clearTimeout(pendingTimer);
      pendingTimer = null;
    },
  };
}
