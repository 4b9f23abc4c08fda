/**
 * Reference codes: what a citizen reads off a receipt, types at a kiosk or tells a clerk.
 *
 * Format: 4-character issuer code + 5-character sequence + 1 check character, all in Crockford's
 * base-32 alphabet (no I, L, O, U: nothing that looks like 1, 0 or V). Displayed as
 * `ISSU-SEQNC-K`, e.g. `K7QM-000A4-R`.
 *
 * - The issuer is a kiosk (or a hub channel); the sequence is that issuer's own counter. So a
 *   kiosk can mint a valid, unique reference while offline (DESIGN.md section 5).
 * - The check character is a Damm check over GF(32) (the quasigroup x*y = 2x + y, which is totally
 *   anti-symmetric): it catches every single wrong character and every swap of two different
 *   neighbours, the two mistakes people make when they copy a code. (Luhn mod 32 misses 0<->Z.)
 * - Input is forgiving: case, spaces, dashes and the look-alikes O/I/L are normalised away.
 */

export const REFERENCE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const BASE = REFERENCE_ALPHABET.length; // 32
export const ISSUER_LENGTH = 4;
export const SEQUENCE_LENGTH = 5;
export const REFERENCE_LENGTH = ISSUER_LENGTH + SEQUENCE_LENGTH + 1;
export const MAX_SEQUENCE = BASE ** SEQUENCE_LENGTH - 1; // 33,554,431 receipts per issuer

export interface ParsedReference {
  /** Canonical form without separators, e.g. `K7QM000A4R`. */
  readonly compact: string;
  /** Display form, e.g. `K7QM-000A4-R`. */
  readonly display: string;
  readonly issuer: string;
  readonly sequence: number;
}

export type ReferenceProblem = 'empty' | 'length' | 'character' | 'check';

export type ReferenceResult =
  | { readonly ok: true; readonly reference: ParsedReference }
  | { readonly ok: false; readonly problem: ReferenceProblem };

const LOOK_ALIKES: Readonly<Record<string, string>> = { O: '0', I: '1', L: '1' };

/** Upper-cases, drops separators and maps look-alike letters; does not validate. */
export function normaliseReference(input: string): string {
  return input
    .toUpperCase()
    .replace(/[\s\-_.·]/g, '')
    .replace(/[OIL]/g, (c) => LOOK_ALIKES[c] ?? c);
}

function valueOf(char: string): number {
  return REFERENCE_ALPHABET.indexOf(char);
}

/** Multiplication in GF(2^5) with the primitive polynomial x^5 + x^2 + 1. */
function gfMul(a: number, b: number): number {
  let product = 0;
  let x = a;
  let y = b;
  while (y > 0) {
    if (y & 1) product ^= x;
    y >>= 1;
    x <<= 1;
    if (x & 0b100000) x ^= 0b100101;
  }
  return product;
}

/** Folds `text` through the quasigroup; a valid reference (body + check) folds to 0. */
function dammFold(text: string): number {
  let interim = 0;
  for (const char of text) {
    const value = valueOf(char);
    if (value < 0) throw new RangeError(`not a reference character: ${char}`);
    interim = gfMul(2, interim) ^ value;
  }
  return interim;
}

/** The check character that makes `body` + check fold to 0. */
export function checkCharacter(body: string): string {
  return REFERENCE_ALPHABET.charAt(gfMul(2, dammFold(body)));
}

export function isValidIssuer(issuer: string): boolean {
  return issuer.length === ISSUER_LENGTH && [...issuer].every((c) => valueOf(c) >= 0);
}

function encodeSequence(sequence: number): string {
  let out = '';
  let rest = sequence;
  for (let i = 0; i < SEQUENCE_LENGTH; i += 1) {
    out = REFERENCE_ALPHABET.charAt(rest % BASE) + out;
    rest = Math.floor(rest / BASE);
  }
  return out;
}

function decodeSequence(text: string): number {
  return [...text].reduce((acc, c) => acc * BASE + valueOf(c), 0);
}

function toParsed(compact: string): ParsedReference {
  const issuer = compact.slice(0, ISSUER_LENGTH);
  const seq = compact.slice(ISSUER_LENGTH, ISSUER_LENGTH + SEQUENCE_LENGTH);
  const check = compact.slice(-1);
  return {
    compact,
    display: `${issuer}-${seq}-${check}`,
    issuer,
    sequence: decodeSequence(seq),
  };
}

/** Mints the reference for `issuer`'s `sequence`-th document. Throws on a bad issuer or range. */
export function mintReference(issuer: string, sequence: number): ParsedReference {
  if (!isValidIssuer(issuer)) throw new RangeError(`issuer must be ${ISSUER_LENGTH} base-32 characters`);
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > MAX_SEQUENCE) {
    throw new RangeError(`sequence must be an integer from 1 to ${MAX_SEQUENCE}`);
  }
  const body = issuer + encodeSequence(sequence);
  return toParsed(body + checkCharacter(body));
}

/** Validates what a person typed or a scanner read, saying what is wrong when it is not valid. */
export function parseReference(input: string): ReferenceResult {
  const compact = normaliseReference(input);
  if (compact.length === 0) return { ok: false, problem: 'empty' };
  if (compact.length !== REFERENCE_LENGTH) return { ok: false, problem: 'length' };
  if (![...compact].every((c) => valueOf(c) >= 0)) return { ok: false, problem: 'character' };
  if (dammFold(compact) !== 0) return { ok: false, problem: 'check' };
  return { ok: true, reference: toParsed(compact) };
}
