import { sha256Hex } from '../security/tokens.js';

/** JSON with object keys sorted at every depth, so equal payloads give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The payload fingerprint stored with an idempotency key (platform.md, IETF Idempotency-Key draft). */
export function payloadFingerprint(payload: unknown): string {
  return sha256Hex(canonicalJson(payload));
}
