export type RelaunchMethod = 'self' | 'exit';

/** Exit code that tells a supervisor (systemd, Shell Launcher) the exit was a deliberate relaunch. */
export const RELAUNCH_EXIT_CODE = 75;

/**
 * How the shell relaunches itself. Under a supervisor it must simply exit and be restarted:
 * under cage the compositor ends with its client, so a self-spawned copy would find no display
 * and still hold the single-instance lock. systemd marks its services with INVOCATION_ID.
 * KIOSK_RELAUNCH=self|exit overrides the guess.
 */
export function relaunchMethod(env: Readonly<Record<string, string | undefined>>): RelaunchMethod {
  if (env.KIOSK_RELAUNCH === 'self' || env.KIOSK_RELAUNCH === 'exit') return env.KIOSK_RELAUNCH;
  return env.INVOCATION_ID ? 'exit' : 'self';
}
