import { describe, expect, it } from 'vitest';
import { mintReference } from '@kiosk/shared';
import { checkInPayloadFor } from '../../src/renderer/journeys/appointments/scanned-code.js';
import { referenceFromQrPayload } from '../../../admin/server/src/modules/appointments/check-in-service.js';

// What the check-in screen sends on for each 'scanner.scanned' the agent pushes (e2e: tests/e2e/scanner-check-in.spec.ts).

const REFERENCE = mintReference('K7QM', 77).display;

describe('check-in and the agent scanner', () => {
  it('turns an appointment code back into the CITA payload the hub reads as that reference', () => {
    const payload = checkInPayloadFor({ kind: 'appointment-code', value: REFERENCE });
    expect(payload).toBe(`CITA:${REFERENCE}`);
    expect(referenceFromQrPayload(payload ?? '')).toBe(REFERENCE);
  });

  it('passes our other codes on, which the hub refuses as not an appointment', () => {
    for (const kind of ['receipt-reference', 'status-url'] as const) {
      const payload = checkInPayloadFor({ kind, value: REFERENCE });
      expect(payload).toBe(REFERENCE);
      expect(referenceFromQrPayload(payload ?? '')).toBeNull();
    }
  });

  it("keeps someone else's QR code on the kiosk", () => {
    expect(checkInPayloadFor({ kind: 'unknown', value: 'https://example.com/menu' })).toBeNull();
  });
});
