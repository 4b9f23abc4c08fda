import { describe, expect, it } from 'vitest';
import {
  MAX_SEQUENCE,
  REFERENCE_ALPHABET,
  checkCharacter,
  mintReference,
  normaliseReference,
  parseReference,
} from '@kiosk/shared';

describe('reference codes', () => {
  it('mints the display form ISSU-SEQNC-K and parses it back', () => {
    const ref = mintReference('K7QM', 42);
    expect(ref.display).toMatch(/^K7QM-0001A-[0-9A-Z]$/);
    const parsed = parseReference(ref.display);
    expect(parsed).toEqual({ ok: true, reference: ref });
  });

  it('is unique per issuer and sequence', () => {
    const seen = new Set<string>();
    for (const issuer of ['AAAA', 'AAAB', 'ZZZZ']) {
      for (let seq = 1; seq <= 2000; seq += 1) seen.add(mintReference(issuer, seq).compact);
    }
    expect(seen.size).toBe(6000);
  });

  it('accepts what people type: lower case, spaces, O for 0, I and L for 1', () => {
    const ref = mintReference('K7QM', 1);
    const sloppy = ref.display.toLowerCase().replace(/0/g, 'o').replace(/-/g, ' ');
    expect(normaliseReference(sloppy)).toBe(ref.compact);
    expect(parseReference(sloppy).ok).toBe(true);
  });

  it('catches every single wrong character', () => {
    const ref = mintReference('H0B1', 123_456).compact;
    for (let i = 0; i < ref.length; i += 1) {
      for (const c of REFERENCE_ALPHABET) {
        if (c === ref[i]) continue;
        const typo = ref.slice(0, i) + c + ref.slice(i + 1);
        expect(parseReference(typo)).toEqual({ ok: false, problem: 'check' });
      }
    }
  });

  it('catches every swap of two different neighbours', () => {
    let swaps = 0;
    let caught = 0;
    for (let seq = 1; seq < 3000; seq += 7) {
      const ref = mintReference('M4XZ', seq).compact;
      for (let i = 0; i + 1 < ref.length; i += 1) {
        if (ref[i] === ref[i + 1]) continue;
        swaps += 1;
        const swapped = ref.slice(0, i) + ref[i + 1] + ref[i] + ref.slice(i + 2);
        if (!parseReference(swapped).ok) caught += 1;
      }
    }
    expect(caught).toBe(swaps);
  });

  it('says what is wrong with bad input', () => {
    expect(parseReference('')).toEqual({ ok: false, problem: 'empty' });
    expect(parseReference('ABC')).toEqual({ ok: false, problem: 'length' });
    expect(parseReference('K7QM-0001U-A')).toEqual({ ok: false, problem: 'character' });
  });

  it('refuses sequences and issuers out of range', () => {
    expect(() => mintReference('K7QM', 0)).toThrow(RangeError);
    expect(() => mintReference('K7QM', MAX_SEQUENCE + 1)).toThrow(RangeError);
    expect(() => mintReference('K7Q', 1)).toThrow(RangeError);
    expect(() => mintReference('K7QU', 1)).toThrow(RangeError);
    expect(mintReference('K7QM', MAX_SEQUENCE).display).toMatch(/^K7QM-ZZZZZ-/);
  });

  it('uses only ASCII, so the code is safe inside a QR payload', () => {
    expect(mintReference('ZZZZ', 99).display).toMatch(/^[\x20-\x7e]+$/);
    expect(checkCharacter('0000')).toBe('0');
  });
});

describe('canonical JSON', () => {
  it('gives equal text for equal payloads, whatever the key order, and drops undefined', async () => {
    const { canonicalJson } = await import('@kiosk/shared');
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: 'x' }, u: undefined })).toBe('{"a":{"c":"x","d":[1,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
    expect(canonicalJson(undefined)).toBe('null');
  });
});
