import crypto from 'node:crypto';

/** Bytes of randomness in device secrets and API keys (256 bits: guessing is hopeless). */
export const SECRET_BYTES = 32;
/** Bytes in a console session id (128 bits, OWASP's minimum). */
export const SESSION_ID_BYTES = 16;

export function randomToken(bytes: number = SECRET_BYTES): string {
  return crypto.randomBytes(bytes).toString('base64url');
}

export function randomId(prefix: string, bytes = 12): string {
  return `${prefix}_${crypto.randomBytes(bytes).toString('hex')}`;
}

/** Enough for high-entropy secrets; passwords use argon2id instead (security/passwords.ts). */
export function sha256Hex(value: string): string {
  return crypto.createHash('sha256').update(value, 'utf8').digest('hex');
}

export function equalHex(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}
