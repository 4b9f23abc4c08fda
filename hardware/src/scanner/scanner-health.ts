import type { DeviceHealth } from '@kiosk/shared';
import type { ScanSourceState } from './scan-source.js';

/**
 * A scan source's state as the one device-health model the agent reports in heartbeats. A scanner
 * that is starting is a warning (it should connect within seconds); one that is unplugged or could
 * not be opened is offline, with the reason (`unplugged`, `open-failed`, `camera-error`...).
 */
export function scannerHealth(state: ScanSourceState, reason: string | null, since: Date): DeviceHealth {
  const at = since.toISOString();
  switch (state) {
    case 'connected':
      return { state: 'ok', reason: null, since: at };
    case 'starting':
      return { state: 'warning', reason: 'starting', since: at };
    case 'disconnected':
      return { state: 'offline', reason: reason ?? 'disconnected', since: at };
    case 'stopped':
      return { state: 'offline', reason: 'stopped', since: at };
  }
}
