import { parseReference } from '@kiosk/shared';

/**
 * Validation and classification of what any scanner read (pure). Kinds:
 *
 * - `receipt-reference`: a reference code, e.g. `K7QM-000A4-R` (look-alikes normalised, check
 *   character verified by `parseReference`).
 * - `status-url`: `<base>/status/<reference>` (http or https; any host unless `statusBases` is
 *   given; query and fragment ignored). What the receipt's QR code holds.
 * - `appointment-code`: `CITA:<reference>`, e.g. `CITA:K7QM-000A4-R` (scheme case-insensitive).
 *   Chosen because every character is in QR's alphanumeric mode (upper case, digits, `:` and `-`),
 *   so the code stays small and prints and scans well, and the prefix cannot be read as a receipt.
 * - `unknown`: readable text that is none of those (someone else's QR code): passed on so the
 *   screen can say "this code is not from the town hall", never acted on.
 *
 * Rejected, with a reason, never passed on: empty, binary (invalid UTF-8, NUL, replacement
 * characters), too long, control characters, and text shaped like one of ours whose reference
 * fails its check (a damaged or mistyped code).
 */

export const DEFAULT_MAX_PAYLOAD_LENGTH = 512;
export const APPOINTMENT_PREFIX = 'CITA:';

export type PayloadKind = 'receipt-reference' | 'appointment-code' | 'status-url' | 'unknown';
export type PayloadRejectReason =
  | 'empty'
  | 'binary'
  | 'too-long'
  | 'control-characters'
  | 'invalid-reference'
  | 'invalid-appointment-code'
  | 'invalid-status-url';

export interface ScanPayload {
  readonly ok: true;
  readonly kind: PayloadKind;
  /** The reference in display form for our kinds; the cleaned text for `unknown`. */
  readonly value: string;
  /** The cleaned text as read (outer whitespace trimmed). */
  readonly text: string;
}

export interface PayloadRejection {
  readonly ok: false;
  readonly reason: PayloadRejectReason;
}

export type PayloadCheck = ScanPayload | PayloadRejection;

export interface PayloadOptions {
  readonly maxLength?: number;
  /**
   * Accepted status-page bases, e.g. `https://sede.villademo.es/status`. Empty or absent: any
   * http(s) URL whose path ends in `/status/<reference>` counts.
   */
  readonly statusBases?: readonly string[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
// C0 and C1 controls and DEL; tab inside a payload is as suspicious as any other control.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const BINARY_MARKERS = /[\ufffd\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
// What a reference looks like before the check: 10 characters of the alphabet or its look-alikes.
const REFERENCE_SHAPE = /^[0-9A-Z]{4}[-\s]?[0-9A-Z]{5}[-\s]?[0-9A-Z]$/i;
const STATUS_PATH = /^(.*)\/status\/([^/?#]+)\/?$/i;

const reject = (reason: PayloadRejectReason): PayloadRejection => ({ ok: false, reason });

function decodeInput(input: string | Uint8Array): string | null {
  if (typeof input === 'string') return input;
  try {
    return utf8.decode(input);
  } catch {
    return null;
  }
}

function matchesBase(base: string, allowed: readonly string[] | undefined): boolean {
  if (allowed === undefined || allowed.length === 0) return true;
  const wanted = base.toLowerCase().replace(/\/+$/, '');
  return allowed.some((b) => b.toLowerCase().replace(/\/+$/, '').replace(/\/status$/, '') === wanted);
}

function classifyUrl(text: string, options: PayloadOptions): PayloadCheck | null {
  if (!/^https?:\/\//i.test(text)) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  const match = STATUS_PATH.exec(url.pathname);
  if (match === null) return null;
  const base = `${url.protocol}//${url.host}${match[1] ?? ''}`;
  if (!matchesBase(base, options.statusBases)) return null;
  // A malformed escape (`/status/%`) would make decodeURIComponent throw; it is a damaged URL of ours.
  let segment: string;
  try {
    segment = decodeURIComponent(match[2] ?? '');
  } catch {
    return reject('invalid-status-url');
  }
  const parsed = parseReference(segment);
  if (!parsed.ok) return reject('invalid-status-url');
  return { ok: true, kind: 'status-url', value: parsed.reference.display, text };
}

/** Validates and classifies one scan. Accepts text or the raw bytes a serial scanner sent. */
export function classifyScanPayload(input: string | Uint8Array, options: PayloadOptions = {}): PayloadCheck {
  const decoded = decodeInput(input);
  if (decoded === null) return reject('binary');
  // NUL and replacement characters mean bytes, not text; a lone surrogate means broken UTF-16.
  if (decoded.includes('\u0000') || BINARY_MARKERS.test(decoded)) return reject('binary');
  const text = decoded.trim();
  if (text.length === 0) return reject('empty');
  if (text.length > (options.maxLength ?? DEFAULT_MAX_PAYLOAD_LENGTH)) return reject('too-long');
  if (CONTROL.test(text)) return reject('control-characters');

  if (text.toUpperCase().startsWith(APPOINTMENT_PREFIX)) {
    const parsed = parseReference(text.slice(APPOINTMENT_PREFIX.length));
    return parsed.ok
      ? { ok: true, kind: 'appointment-code', value: parsed.reference.display, text }
      : reject('invalid-appointment-code');
  }
  const url = classifyUrl(text, options);
  if (url !== null) return url;
  if (REFERENCE_SHAPE.test(text)) {
    const parsed = parseReference(text);
    return parsed.ok ? { ok: true, kind: 'receipt-reference', value: parsed.reference.display, text } : reject('invalid-reference');
  }
  return { ok: true, kind: 'unknown', value: text, text };
}

