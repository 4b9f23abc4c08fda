import { join, resolve } from 'node:path';
import { DEFAULT_CRASH_POLICY, DEFAULT_LIVENESS, type CrashPolicyConfig, type LivenessConfig } from './policy/crash-policy.js';
import { APP_ORIGIN } from './policy/app-origin.js';

/**
 * Every setting of the Electron shell, with its default, in one place. `loadShellConfig(env)`
 * reads the environment; tests build the object directly.
 */
export interface ShellConfig {
  /** Where the window starts: the built renderer on our own app:// origin. */
  readonly startUrl: string;
  /** The built renderer (kiosk/dist/renderer) that the app:// scheme serves. */
  readonly rendererDir: string;
  /** The agent's bundled entry file, started as an Electron utility process. */
  readonly agentEntry: string;
  /** Permissions the page may get; everything else is denied. `camera` is for the QR decoder. */
  readonly allowedPermissions: readonly string[];
  readonly crash: CrashPolicyConfig;
  readonly liveness: LivenessConfig;
  /** A call to the agent without a reply in this time is answered with an error. */
  readonly agentCallTimeoutMs: number;
  /** Agent restarts: full-jitter backoff ceiling base and cap. */
  readonly agentRestartBaseMs: number;
  readonly agentRestartCapMs: number;
}

function intFrom(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`expected a whole number, got "${value}"`);
  return parsed;
}

/** `bundleDir` is where the bundled main.cjs lives (dist/electron); the renderer sits beside it. */
export function loadShellConfig(env: NodeJS.ProcessEnv, bundleDir: string): ShellConfig {
  return {
    startUrl: `${APP_ORIGIN}/index.html`,
    rendererDir: env.RENDERER_DIR ? resolve(env.RENDERER_DIR) : join(bundleDir, '../renderer'),
    agentEntry: env.KIOSK_AGENT_ENTRY ? resolve(env.KIOSK_AGENT_ENTRY) : join(bundleDir, 'agent.cjs'),
    allowedPermissions: (env.KIOSK_ALLOWED_PERMISSIONS ?? 'camera')
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean),
    crash: DEFAULT_CRASH_POLICY,
    // The preload ticks at the default rate (a sandboxed preload cannot read the environment).
    liveness: DEFAULT_LIVENESS,
    agentCallTimeoutMs: intFrom(env.KIOSK_AGENT_CALL_TIMEOUT_MS, 20_000),
    agentRestartBaseMs: 1_000,
    agentRestartCapMs: 60_000,
  };
}
