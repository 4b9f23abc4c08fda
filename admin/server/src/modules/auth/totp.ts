import { Secret, TOTP } from 'otpauth';

/** RFC 6238 defaults every authenticator app understands: SHA-1, 6 digits, 30-second steps. */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Codes one step early or late still count: phone clocks drift and people type slowly. */
export const TOTP_WINDOW_STEPS = 1;
/** 160-bit secrets, the size RFC 4226 recommends. */
const SECRET_BYTES = 20;
const ISSUER = 'Kiosk console';

export function newTotpSecret(): string {
  return new Secret({ size: SECRET_BYTES }).base32;
}

function totpFor(secret: string, label: string): TOTP {
  return new TOTP({ issuer: ISSUER, label, secret: Secret.fromBase32(secret), digits: TOTP_DIGITS, period: TOTP_PERIOD_SECONDS });
}

/** The otpauth:// URI an authenticator app scans (as a QR code) or imports. */
export function totpUri(secret: string, username: string): string {
  return totpFor(secret, username).toString();
}

/**
 * The time step a code belongs to, or null when it matches none within the window. The caller
 * refuses a step at or before the last one accepted (a replayed code).
 */
export function matchTotpStep(secret: string, code: string, now: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const totp = totpFor(secret, 'check');
  const delta = totp.validate({ token: code, timestamp: now.getTime(), window: TOTP_WINDOW_STEPS });
  if (delta === null) return null;
  return totp.counter({ timestamp: now.getTime() }) + delta;
}
