import { PROTOCOL_VERSION, mintReference } from '@kiosk/shared';
import type { CaseSubmission } from '@kiosk/shared';
import type { TestHub } from './hub.js';

/** A submission as the demo kiosk's agent would build it for its `sequence`-th receipt. */
export function submission(hub: TestHub, sequence: number, overrides: Partial<CaseSubmission> = {}): CaseSubmission {
  return {
    serviceCode: 'street-lighting',
    description: 'La farola de la esquina lleva tres noches apagada.',
    // street-lighting requires LIGHT_STATE: the hub checks kiosk answers against the definition.
    attributes: { LIGHT_STATE: 'off' },
    locale: 'es',
    localReference: mintReference(hub.kiosk.issuer, sequence).display,
    sequence,
    submittedAt: '2025-03-01T10:00:00+01:00',
    ...overrides,
  };
}

export function fleetHeaders(hub: TestHub, idempotencyKey?: string): Record<string, string> {
  return {
    authorization: `Bearer ${hub.kiosk.token}`,
    'x-protocol-version': String(PROTOCOL_VERSION),
    ...(idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey }),
  };
}
