import { randomUUID } from 'node:crypto';
import type { StaffCall } from '@kiosk/shared';

type Log = (message: string, fields?: Record<string, unknown>) => void;

/**
 * "Call staff": tells the hub at once (the console shows it as a kiosk alert). No queueing: a
 * call that reaches nobody is useless later, so the citizen is told to go to the desk instead.
 */
export async function callStaff(report: (call: StaffCall) => Promise<void>, screen: string, log: Log, now: () => Date = () => new Date()): Promise<{ notified: boolean }> {
  try {
    await report({ callId: randomUUID(), screen, calledAt: now().toISOString() });
    log('staff call reported', { screen });
    return { notified: true };
  } catch (error) {
    log('staff call could not reach the hub', { screen, error: (error as Error).message });
    return { notified: false };
  }
}
