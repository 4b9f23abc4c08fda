import { canonicalJson } from '@kiosk/shared';
import { sha256Hex } from '../security/tokens.js';

/** The payload fingerprint stored with an idempotency key (platform.md, IETF Idempotency-Key draft). */
export function payloadFingerprint(payload: unknown): string {
  return sha256Hex(canonicalJson(payload));
}
