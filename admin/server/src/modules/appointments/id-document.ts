import type { IdDocumentKind } from './tables.js';

/**
 * Spanish identity documents (pure). DNI: 8 digits + check letter; NIE: X, Y or Z + 7 digits +
 * check letter, where X, Y, Z stand for 0, 1, 2. The letter is LETTERS[number mod 23]
 * (Real Decreto 1553/2005). A passport is free text: its format varies by country.
 */

const CHECK_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';
const NIE_PREFIX: Readonly<Record<string, string>> = { X: '0', Y: '1', Z: '2' };
export const PASSPORT_MIN_LENGTH = 5;
export const PASSPORT_MAX_LENGTH = 20;
/** Characters left visible at the end of a masked document number. */
export const VISIBLE_TAIL = 4;

export type IdDocumentProblem = 'empty' | 'format' | 'check-letter';
export type IdDocumentResult =
  | { readonly ok: true; readonly kind: IdDocumentKind; readonly number: string }
  | { readonly ok: false; readonly problem: IdDocumentProblem };

/** Upper case without spaces, dots or dashes: `12.345.678-z` -> `12345678Z`. */
export function normaliseDocument(input: string): string {
  return input.toUpperCase().replace(/[\s.\-_/]/g, '');
}

export function dniCheckLetter(digits: string): string {
  return CHECK_LETTERS.charAt(Number(digits) % 23);
}

/** A DNI or NIE; anything else is a format problem. Short DNIs (7 digits) gain a leading zero. */
export function validateSpanishId(input: string): IdDocumentResult {
  const text = normaliseDocument(input);
  if (text === '') return { ok: false, problem: 'empty' };
  const dni = /^(\d{7,8})([A-Z])$/.exec(text);
  if (dni !== null) {
    const digits = (dni[1] ?? '').padStart(8, '0');
    return dniCheckLetter(digits) === dni[2] ? { ok: true, kind: 'dni', number: `${digits}${dni[2]}` } : { ok: false, problem: 'check-letter' };
  }
  const nie = /^([XYZ])(\d{7})([A-Z])$/.exec(text);
  if (nie !== null) {
    const digits = `${NIE_PREFIX[nie[1] ?? ''] ?? ''}${nie[2] ?? ''}`;
    return dniCheckLetter(digits) === nie[3] ? { ok: true, kind: 'nie', number: text } : { ok: false, problem: 'check-letter' };
  }
  return { ok: false, problem: 'format' };
}

export function validatePassport(input: string): IdDocumentResult {
  const text = normaliseDocument(input);
  if (text === '') return { ok: false, problem: 'empty' };
  if (text.length < PASSPORT_MIN_LENGTH || text.length > PASSPORT_MAX_LENGTH || !/^[A-Z0-9]+$/.test(text)) {
    return { ok: false, problem: 'format' };
  }
  return { ok: true, kind: 'passport', number: text };
}

/** `kind` 'dni' and 'nie' are both checked as Spanish IDs (people mix them up; the shape decides). */
export function validateIdDocument(kind: IdDocumentKind, input: string): IdDocumentResult {
  return kind === 'passport' ? validatePassport(input) : validateSpanishId(input);
}

/** `12345678Z` -> `*****678Z`: enough for a clerk to compare with the card, too little to reuse. */
export function maskDocument(number: string): string {
  const visible = Math.min(VISIBLE_TAIL, Math.max(0, number.length - VISIBLE_TAIL));
  return '*'.repeat(number.length - visible) + number.slice(number.length - visible);
}
