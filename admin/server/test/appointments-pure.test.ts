import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mintReference, parseReference } from '@kiosk/shared';
import { referenceFromQrPayload } from '../src/modules/appointments/check-in-service.js';
import { appointmentCalendar, escapeText, foldLine, transitionsInYear } from '../src/modules/appointments/ical.js';
import { dniCheckLetter, maskDocument, validateIdDocument, validatePassport, validateSpanishId } from '../src/modules/appointments/id-document.js';
import { APPOINTMENT_ISSUER } from '../src/modules/appointments/settings.js';
import { slotsOfDay } from '../src/modules/appointments/slots.js';
import type { SlotRules } from '../src/modules/appointments/slots.js';
import { localDayOf, localToUtc, offsetMinutesAt } from '../src/modules/appointments/zoned-time.js';

const LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';

describe('Spanish ID documents', () => {
  it('accepts real-shaped DNIs and NIEs and normalises their spelling', () => {
    expect(validateSpanishId('12345678Z')).toEqual({ ok: true, kind: 'dni', number: '12345678Z' });
    expect(validateSpanishId(' 12.345.678-z ')).toEqual({ ok: true, kind: 'dni', number: '12345678Z' });
    expect(validateSpanishId('00000000T')).toMatchObject({ ok: true, kind: 'dni' });
    // 7-digit DNIs are written without the leading zero: 1234567 % 23 = 19 -> L
    expect(validateSpanishId('1234567L')).toEqual({ ok: true, kind: 'dni', number: '01234567L' });
    expect(validateSpanishId('X1234567L')).toEqual({ ok: true, kind: 'nie', number: 'X1234567L' });
    expect(validateSpanishId('Y1234567X')).toEqual({ ok: true, kind: 'nie', number: 'Y1234567X' });
    expect(validateSpanishId('z-1234567-r')).toEqual({ ok: true, kind: 'nie', number: 'Z1234567R' });
  });

  it('refuses a wrong check letter and wrong shapes, saying which', () => {
    expect(validateSpanishId('12345678A')).toEqual({ ok: false, problem: 'check-letter' });
    expect(validateSpanishId('X1234567A')).toEqual({ ok: false, problem: 'check-letter' });
    expect(validateSpanishId('')).toEqual({ ok: false, problem: 'empty' });
    expect(validateSpanishId('123456Z')).toEqual({ ok: false, problem: 'format' });
    expect(validateSpanishId('A1234567L')).toEqual({ ok: false, problem: 'format' });
    expect(validateSpanishId('123456789Z')).toEqual({ ok: false, problem: 'format' });
  });

  it('has exactly one valid letter for every number (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999 }), fc.constantFrom(...LETTERS), fc.constantFrom('X', 'Y', 'Z'), (n, letter, nie) => {
        const digits = String(n).padStart(8, '0');
        expect(validateSpanishId(`${digits}${letter}`).ok).toBe(letter === dniCheckLetter(digits));
        const nieDigits = `${'XYZ'.indexOf(nie)}${digits.slice(1)}`;
        expect(validateSpanishId(`${nie}${digits.slice(1)}${letter}`).ok).toBe(letter === dniCheckLetter(nieDigits));
      }),
    );
  });

  it('takes passports as free text within bounds', () => {
    expect(validatePassport('pa 123 4567')).toEqual({ ok: true, kind: 'passport', number: 'PA1234567' });
    expect(validatePassport('AB1')).toEqual({ ok: false, problem: 'format' });
    expect(validatePassport('AB12345<>')).toEqual({ ok: false, problem: 'format' });
    expect(validateIdDocument('passport', 'X1234567A')).toMatchObject({ ok: true, kind: 'passport' });
    expect(validateIdDocument('dni', 'X1234567L')).toMatchObject({ ok: true, kind: 'nie' });
  });

  it('masks all but the last four characters', () => {
    expect(maskDocument('12345678Z')).toBe('*****678Z');
    expect(maskDocument('PA1234567')).toBe('*****4567');
    expect(maskDocument('ABC')).toBe('***');
  });
});

describe('wall-clock time in a zone (DST-safe)', () => {
  const MADRID = 'Europe/Madrid';
  it('maps a wall time to its instant in winter and in summer', () => {
    expect(localToUtc('2026-01-15', 9 * 60, MADRID)?.toISOString()).toBe('2026-01-15T08:00:00.000Z');
    expect(localToUtc('2026-07-15', 9 * 60, MADRID)?.toISOString()).toBe('2026-07-15T07:00:00.000Z');
    expect(localToUtc('2026-07-15', 9 * 60, 'America/New_York')?.toISOString()).toBe('2026-07-15T13:00:00.000Z');
  });

  it('has no instant for a time in the spring-forward gap and the first one in the fall-back hour', () => {
    expect(localToUtc('2026-03-29', 2 * 60 + 30, MADRID)).toBeNull();
    expect(localToUtc('2026-03-29', 3 * 60, MADRID)?.toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(localToUtc('2026-10-25', 2 * 60 + 30, MADRID)?.toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(offsetMinutesAt(Date.parse('2026-10-25T01:30:00Z'), MADRID)).toBe(60);
    expect(localDayOf(new Date('2026-03-28T23:30:00Z'), MADRID)).toBe('2026-03-29');
  });

  const rules = (overrides: Partial<SlotRules>): SlotRules => ({
    timeZone: MADRID,
    slotMinutes: 30,
    openingHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opensAt: '09:00', closesAt: '11:00' })),
    holidays: new Set(),
    ...overrides,
  });

  it('keeps office hours in local time on both sides of a DST change', () => {
    const saturday = slotsOfDay(rules({}), '2026-03-28').map((s) => s.start.toISOString());
    const sunday = slotsOfDay(rules({}), '2026-03-29').map((s) => s.start.toISOString());
    expect(saturday).toEqual(['2026-03-28T08:00:00.000Z', '2026-03-28T08:30:00.000Z', '2026-03-28T09:00:00.000Z', '2026-03-28T09:30:00.000Z']);
    expect(sunday).toEqual(['2026-03-29T07:00:00.000Z', '2026-03-29T07:30:00.000Z', '2026-03-29T08:00:00.000Z', '2026-03-29T08:30:00.000Z']);
  });

  it('skips slots inside the gap, never duplicates in the repeated hour, and honours holidays and weekdays', () => {
    const night = [7].map((weekday) => ({ weekday, opensAt: '01:00', closesAt: '04:00' }));
    const spring = slotsOfDay(rules({ openingHours: night, slotMinutes: 60 }), '2026-03-29').map((s) => s.start.toISOString());
    expect(spring).toEqual(['2026-03-29T00:00:00.000Z', '2026-03-29T01:00:00.000Z']); // 01:00 and 03:00 local; 02:00 does not exist
    const autumn = slotsOfDay(rules({ openingHours: night, slotMinutes: 60 }), '2026-10-25').map((s) => s.start.toISOString());
    expect(autumn).toEqual(['2026-10-24T23:00:00.000Z', '2026-10-25T00:00:00.000Z', '2026-10-25T02:00:00.000Z']);
    expect(new Set(autumn).size).toBe(autumn.length);
    expect(slotsOfDay(rules({ holidays: new Set(['2026-03-28']) }), '2026-03-28')).toEqual([]);
    expect(slotsOfDay(rules({ openingHours: [{ weekday: 1, opensAt: '09:00', closesAt: '10:00' }] }), '2026-03-28')).toEqual([]);
  });

  it('never offers a slot that runs past closing time', () => {
    const slots = slotsOfDay(rules({ slotMinutes: 45 }), '2026-03-30');
    expect(slots.map((s) => s.end.toISOString())).toEqual(['2026-03-30T07:45:00.000Z', '2026-03-30T08:30:00.000Z']);
  });
});

describe('appointment codes', () => {
  const minted = mintReference(APPOINTMENT_ISSUER, 12_345);

  it('mints references with the C1TA issuer, which a citizen may type as CITA', () => {
    expect(minted.display.startsWith('C1TA-')).toBe(true);
    const typed = parseReference(minted.display.replace('C1TA', 'cita'));
    expect(typed.ok && typed.reference.display).toBe(minted.display);
  });

  it('reads CITA:<reference> QR payloads and nothing else', () => {
    expect(referenceFromQrPayload(`CITA:${minted.display}`)).toBe(minted.display);
    expect(referenceFromQrPayload(` cita:${minted.compact.toLowerCase()} `)).toBe(minted.display);
    expect(referenceFromQrPayload(minted.display)).toBeNull();
    const damaged = minted.display.slice(0, -1) + (minted.display.endsWith('0') ? '1' : '0');
    expect(referenceFromQrPayload(`CITA:${damaged}`)).toBeNull();
  });
});

describe('iCalendar export (RFC 5545)', () => {
  const event = {
    uid: 'C1TA-00001-X@villademo.appointments',
    start: new Date('2026-03-30T07:30:00Z'),
    end: new Date('2026-03-30T07:45:00Z'),
    timeZone: 'Europe/Madrid',
    summary: 'Padrón municipal, altas; bajas',
    location: 'Plaza Mayor, 1, 28999 Villademo',
    description: 'C1TA-00001-X\nCITA:C1TA-00001-X',
    stamp: new Date('2026-03-01T10:00:00Z'),
  };

  it('writes local times with TZID and a matching VTIMEZONE with the year\'s transitions', () => {
    const ics = appointmentCalendar(event);
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.split('\r\n').every((line) => !line.includes('\n'))).toBe(true);
    const unfolded = ics.replace(/\r\n /g, '');
    expect(unfolded).toContain('DTSTART;TZID=Europe/Madrid:20260330T093000\r\n');
    expect(unfolded).toContain('DTEND;TZID=Europe/Madrid:20260330T094500\r\n');
    expect(unfolded).toContain('TZID:Europe/Madrid\r\n');
    expect(unfolded).toContain('BEGIN:DAYLIGHT\r\nDTSTART:20260329T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nEND:DAYLIGHT');
    expect(unfolded).toContain('BEGIN:STANDARD\r\nDTSTART:20261025T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nEND:STANDARD');
    expect(unfolded).toContain('SUMMARY:Padrón municipal\\, altas\\; bajas\r\n');
    expect(unfolded).toContain('DESCRIPTION:C1TA-00001-X\\nCITA:C1TA-00001-X\r\n');
    expect(unfolded).toContain('DTSTAMP:20260301T100000Z\r\n');
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(1);
  });

  it('finds no transitions where there is no DST', () => {
    expect(transitionsInYear('UTC', 2026)).toEqual([]);
    expect(transitionsInYear('Europe/Madrid', 2026).map((t) => new Date(t.atMs).toISOString())).toEqual(['2026-03-29T01:00:00.000Z', '2026-10-25T01:00:00.000Z']);
  });

  it('folds long lines at 75 octets without splitting characters, and escapes text', () => {
    const long = `DESCRIPTION:${'ñ'.repeat(100)}`;
    const folded = foldLine(long);
    const lines = folded.split('\r\n');
    expect(lines.every((line) => Buffer.byteLength(line, 'utf8') <= 75)).toBe(true);
    expect(lines.slice(1).every((line) => line.startsWith(' '))).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toBe(long);
    expect(escapeText('a\\b;c,d\ne')).toBe('a\\\\b\\;c\\,d\\ne');
  });
});
