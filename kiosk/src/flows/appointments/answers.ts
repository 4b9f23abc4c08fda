import { parseReference, type AppointmentSlot, type IdDocumentKind } from '@kiosk/shared';

/**
 * Pure checks of what the citizen typed, so the screen can say what is wrong before the hub is
 * asked. The hub checks again (it is the authority); these only spare a round trip.
 */

const CHECK_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';
const NIE_PREFIX: Readonly<Record<string, string>> = { X: '0', Y: '1', Z: '2' };

export type DocumentProblem = 'empty' | 'format' | 'check-letter';

/** Upper case without spaces, dots or dashes: `12.345.678-z` -> `12345678Z`. */
export function normaliseDocument(input: string): string {
  return input.toUpperCase().replace(/[\s.\-_/]/g, '');
}

/** DNI: 8 digits + letter; NIE: X/Y/Z + 7 digits + letter (RD 1553/2005); passport: 5-20 letters or digits. */
export function checkDocument(kind: IdDocumentKind, input: string): DocumentProblem | null {
  const text = normaliseDocument(input);
  if (text === '') return 'empty';
  if (kind === 'passport') return /^[A-Z0-9]{5,20}$/.test(text) ? null : 'format';
  const dni = /^(\d{7,8})([A-Z])$/.exec(text);
  const nie = /^([XYZ])(\d{7})([A-Z])$/.exec(text);
  const digits = dni ? (dni[1] ?? '').padStart(8, '0') : nie ? `${NIE_PREFIX[nie[1] ?? ''] ?? ''}${nie[2] ?? ''}` : null;
  const letter = dni ? dni[2] : nie ? nie[3] : null;
  if (digits === null || letter === null) return 'format';
  return CHECK_LETTERS.charAt(Number(digits) % 23) === letter ? null : 'check-letter';
}

/** Any document shape, for look-ups where the kind was not asked (the hub compares the number). */
export function looksLikeDocument(input: string): boolean {
  return /^[A-Z0-9]{5,20}$/.test(normaliseDocument(input));
}

export type NameProblem = 'empty' | 'characters';

export function checkName(input: string): NameProblem | null {
  const text = input.trim();
  if (text === '') return 'empty';
  return /[<>]/.test(text) || [...text].some((c) => c.charCodeAt(0) < 0x20) ? 'characters' : null;
}

/** What the hub accepts: an optional +, then 6-20 digits and spaces. */
export function checkPhone(input: string): boolean {
  return /^\+?[0-9][0-9 ]{5,19}$/.test(input.trim());
}

export function checkEmail(input: string): boolean {
  const text = input.trim();
  return text.length <= 254 && /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]{2,}$/.test(text);
}

/** A typed appointment reference (look-alike letters forgiven), or null when it cannot be one. */
export function readReference(input: string): string | null {
  const text = input.trim().replace(/^CITA:/i, '');
  const parsed = parseReference(text);
  return parsed.ok ? parsed.reference.display : null;
}

/** `2026-12-01T09:30:00+01:00` -> `2026-12-01`: slots carry the office's own offset, so this is the office's day. */
export const dayOf = (slot: Pick<AppointmentSlot, 'start'>): string => slot.start.slice(0, 10);

/** The days that have a free slot, in order. */
export function daysWithSlots(slots: readonly AppointmentSlot[]): string[] {
  return [...new Set(slots.map(dayOf))].sort();
}

export function slotsOfDay(slots: readonly AppointmentSlot[], day: string | null): AppointmentSlot[] {
  return day === null ? [] : slots.filter((slot) => dayOf(slot) === day);
}
