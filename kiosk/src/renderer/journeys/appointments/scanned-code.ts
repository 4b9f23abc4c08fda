import type { KioskEventData } from '@kiosk/shared';

/** The code prefix of appointment confirmations (hardware payload.ts, printed by the agent's tickets). */
const APPOINTMENT_PREFIX = 'CITA:';

/**
 * What check-in sends on for a code the agent's scanner read: an appointment code as the
 * `CITA:<reference>` the hub reads exactly like a typed reference; a receipt's reference or status
 * link as it is, so the hub answers "not an appointment code" and the screen says so. Someone
 * else's QR code (`unknown`) never leaves the kiosk: null, ignored.
 */
export function checkInPayloadFor(scan: KioskEventData<'scanner.scanned'>): string | null {
  switch (scan.kind) {
    case 'appointment-code':
      return `${APPOINTMENT_PREFIX}${scan.value}`;
    case 'receipt-reference':
    case 'status-url':
      return scan.value;
    case 'unknown':
      return null;
  }
}
