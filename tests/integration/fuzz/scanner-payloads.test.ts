import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { APPOINTMENT_PREFIX, DEFAULT_MAX_PAYLOAD_LENGTH, classifyScanPayload } from '@kiosk/hardware';
import { REFERENCE_ALPHABET, mintReference, parseReference } from '@kiosk/shared';

// Whatever a scanner hands the kiosk (bytes off a serial line, text from a wedge or the camera):
// the classifier never throws, calls garbage garbage, and never accepts a reference whose check
// character fails - so nothing a citizen did not print can open a case or an appointment.

const OUR_KINDS = new Set(['receipt-reference', 'appointment-code', 'status-url']);
const VALID_DISPLAY = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]$/;
const ISSUER = 'K7QM';

const issuer = fc.stringMatching(/^[0-9A-HJKMNP-TV-Z]{4}$/);
const validReference = fc.tuple(issuer, fc.integer({ min: 1, max: 33_554_431 })).map(([i, s]) => mintReference(i, s));

/** Latin letters and digits, and their Cyrillic / Greek / full-width twins a QR code could carry. */
const LOOK_ALIKES: Readonly<Record<string, readonly string[]>> = {
  A: ['\u0410', '\u0391', '\uff21'], B: ['\u0412', '\u0392'], C: ['\u0421', '\u03f9'], E: ['\u0415', '\u0395'], H: ['\u041d', '\u0397'],
  K: ['\u041a', '\u039a', '\u212a'], M: ['\u041c', '\u039c'], P: ['\u0420', '\u03a1'], T: ['\u0422', '\u03a4'], X: ['\u0425', '\u03a7'],
  '0': ['\u041e', '\u039f', '\uff10', '\u0660'], '1': ['\u0406', '\u0399', '\uff11', '\u0661'], '3': ['\u0417'], Z: ['\u0396'],
};

/** Every rule that must hold for any input, accepted or not. */
function checkInvariants(input: string | Uint8Array): void {
  const result = classifyScanPayload(input);
  if (!result.ok) return;
  expect(result.text.length).toBeLessThanOrEqual(DEFAULT_MAX_PAYLOAD_LENGTH);
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must be absent
  expect(result.text).not.toMatch(/[\u0000-\u001f\u007f-\u009f\ufffd]/);
  if (OUR_KINDS.has(result.kind)) {
    // Ours only with a canonical reference whose check holds.
    expect(result.value).toMatch(VALID_DISPLAY);
    const reparsed = parseReference(result.value);
    expect(reparsed.ok).toBe(true);
    if (reparsed.ok) expect(reparsed.reference.display).toBe(result.value);
  }
}

describe('scanner payload classification under fuzzing', () => {
  it('never throws on any text or any bytes, and whatever it accepts is well-formed', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 80 }),
          fc.string({ unit: 'grapheme', maxLength: 40 }),
          fc.uint8Array({ maxLength: 120 }),
          fc.string({ maxLength: 2_000 }),
          fc.constantFrom('', ' ', '\u0000', '\ufeffK7QM-000A4-R', 'http://', 'https://x/status/', 'https://x/status/%', 'CITA:', 'cita:%00'),
        ),
        (input) => {
          expect(() => classifyScanPayload(input)).not.toThrow();
          checkInvariants(input);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('rejects binary, control characters, over-long and empty scans with the matching reason', () => {
    const reference = mintReference(ISSUER, 42).display;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 31 }).filter((c) => c !== 9 && c !== 10 && c !== 13), fc.integer({ min: 1, max: 8 }), (code, at) => {
        const text = `${reference.slice(0, at)}${String.fromCharCode(code)}${reference.slice(at)}`;
        expect(classifyScanPayload(text)).toEqual({ ok: false, reason: 'control-characters' });
      }),
    );
    expect(classifyScanPayload(`${reference}\u0000`)).toEqual({ ok: false, reason: 'binary' });
    expect(classifyScanPayload(Uint8Array.from([0x4b, 0xc3, 0x28, 0x37]))).toEqual({ ok: false, reason: 'binary' });
    expect(classifyScanPayload(Uint8Array.from([0xff, 0xfe, 0x00]))).toEqual({ ok: false, reason: 'binary' });
    expect(classifyScanPayload(`${reference}\ud800`)).toEqual({ ok: false, reason: 'binary' });
    expect(classifyScanPayload('\u0085K7QM')).toEqual({ ok: false, reason: 'control-characters' });
    expect(classifyScanPayload('x'.repeat(DEFAULT_MAX_PAYLOAD_LENGTH + 1))).toEqual({ ok: false, reason: 'too-long' });
    expect(classifyScanPayload(`${APPOINTMENT_PREFIX}${reference}`.padEnd(100_000, ' ')).ok).toBe(true);
    expect(classifyScanPayload(' \t \n ')).toEqual({ ok: false, reason: 'empty' });
  });

  it('never accepts a reference, appointment code or status URL whose check character fails', () => {
    fc.assert(
      fc.property(validReference, fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 31 }), fc.integer({ min: 0, max: 2 }), (reference, position, shift, wrapping) => {
        // Change one character to another of the alphabet: the Damm check catches every such change.
        const compact = reference.compact;
        const replaced = REFERENCE_ALPHABET.charAt((REFERENCE_ALPHABET.indexOf(compact.charAt(position)) + shift) % 32);
        const broken = `${compact.slice(0, position)}${replaced}${compact.slice(position + 1)}`;
        const text = [broken, `${APPOINTMENT_PREFIX}${broken}`, `https://sede.villademo.es/status/${broken}`][wrapping] ?? broken;
        const result = classifyScanPayload(text);
        expect(result.ok && OUR_KINDS.has(result.kind), `${text} was accepted`).toBe(false);
        expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/^invalid-/) });
      }),
      { numRuns: 1_000 },
    );
  });

  it('never accepts two neighbours swapped', () => {
    fc.assert(
      fc.property(validReference, fc.integer({ min: 0, max: 8 }), (reference, i) => {
        const c = reference.compact;
        fc.pre(c.charAt(i) !== c.charAt(i + 1));
        const swapped = `${c.slice(0, i)}${c.charAt(i + 1)}${c.charAt(i)}${c.slice(i + 2)}`;
        expect(classifyScanPayload(swapped)).toMatchObject({ ok: false, reason: 'invalid-reference' });
      }),
      { numRuns: 500 },
    );
  });

  it('reads the Latin look-alikes O/I/L as 0/1/1, and the same reference in any case and spacing', () => {
    fc.assert(
      fc.property(validReference, fc.boolean(), fc.constantFrom('-', ' ', ''), fc.array(fc.constantFrom('I', 'L'), { minLength: 10, maxLength: 10 }), (reference, lower, separator, ones) => {
        const compact = [...reference.compact].map((c, i) => (c === '0' ? 'O' : c === '1' ? (ones[i] ?? 'I') : c)).join('');
        const typed = `${compact.slice(0, 4)}${separator}${compact.slice(4, 9)}${separator}${compact.slice(9)}`;
        const result = classifyScanPayload(lower ? typed.toLowerCase() : typed);
        expect(result).toMatchObject({ ok: true, kind: 'receipt-reference', value: reference.display });
      }),
      { numRuns: 500 },
    );
  });

  it('never turns a Cyrillic, Greek or full-width look-alike into one of our references', () => {
    const candidates = fc
      .tuple(validReference, fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 2 }))
      .filter(([reference, position]) => LOOK_ALIKES[reference.compact.charAt(position)] !== undefined);
    fc.assert(
      fc.property(candidates, ([reference, position, pick, wrapping]) => {
        const twins = LOOK_ALIKES[reference.compact.charAt(position)] ?? [];
        const twin = twins[pick % twins.length] ?? '';
        const spoofed = `${reference.compact.slice(0, position)}${twin}${reference.compact.slice(position + 1)}`;
        const text = [spoofed, `${APPOINTMENT_PREFIX}${spoofed}`, `https://sede.villademo.es/status/${encodeURIComponent(spoofed)}`][wrapping] ?? spoofed;
        const result = classifyScanPayload(text);
        // At most "someone else's code" (unknown), shown as such and never acted on.
        expect(result.ok && OUR_KINDS.has(result.kind), `${text} was accepted as ours`).toBe(false);
        checkInvariants(text);
      }),
      { numRuns: 500 },
    );
  });

  it('accepts every real reference in each of its three forms', () => {
    fc.assert(
      fc.property(validReference, (reference) => {
        expect(classifyScanPayload(reference.display)).toMatchObject({ ok: true, kind: 'receipt-reference', value: reference.display });
        expect(classifyScanPayload(`${APPOINTMENT_PREFIX}${reference.display}`)).toMatchObject({ ok: true, kind: 'appointment-code', value: reference.display });
        expect(classifyScanPayload(`https://sede.villademo.es/status/${reference.display}?lang=es`)).toMatchObject({ ok: true, kind: 'status-url', value: reference.display });
        expect(classifyScanPayload(new TextEncoder().encode(reference.display))).toMatchObject({ ok: true, value: reference.display });
      }),
      { numRuns: 300 },
    );
  });
});
