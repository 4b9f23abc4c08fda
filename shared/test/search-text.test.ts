import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SearchIndex, normaliseSearchText as normalise, searchWordMatch as wordMatch, tokeniseSearchText as tokenise, withinOneEdit } from '../src/index.js';
import type { IndexedDocument } from '../src/index.js';

const doc = (id: string, title: string, body: string): IndexedDocument => ({ id, kind: 'faq', serviceCode: null, locale: 'es', title, body, summary: body });

describe('content text matching (pure)', () => {
  it('normalises accents, case and Arabic vowel marks away', () => {
    expect(normalise('Certificado de EMPADRONAMIENTO, ¿Cómo?')).toBe('certificado de empadronamiento, ¿como?');
    expect(tokenise('L’Impost sobre béns: IBI 2025')).toEqual(['l', 'impost', 'sobre', 'bens', 'ibi', '2025']);
    expect(normalise('شَهَادَة')).toBe('شهادة');
  });

  it('accepts exactly one insertion, deletion, substitution or neighbour swap', () => {
    expect(withinOneEdit('empadronamieto', 'empadronamiento')).toBe(true);
    expect(withinOneEdit('empadronamientos', 'empadronamiento')).toBe(true);
    expect(withinOneEdit('empadronamiemto', 'empadronamiento')).toBe(true);
    expect(withinOneEdit('empadornamiento', 'empadronamiento')).toBe(true);
    expect(withinOneEdit('empadromiento', 'empadronamiento')).toBe(false);
    expect(withinOneEdit('farola', 'farolas2')).toBe(false);
  });

  it('agrees with a textbook edit distance on random words', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength: 7 });
    fc.assert(
      fc.property(word, word, (a, b) => {
        expect(withinOneEdit(a, b)).toBe(damerauDistance(a, b) <= 1);
      }),
      { numRuns: 2000 },
    );
  });

  it('matches short words exactly only, so "de" does not match "le"', () => {
    expect(wordMatch('de', 'le')).toBe(0);
    expect(wordMatch('ibi', 'ibi')).toBe(1);
    expect(wordMatch('ibi', 'ibis')).toBeGreaterThan(0);
  });

  it('ranks a title hit above a body hit and rare words above common ones', () => {
    const index = new SearchIndex([
      doc('body', 'Horario de la oficina', 'Para el empadronamiento venga de lunes a viernes'),
      doc('title', 'Empadronamiento en el municipio', 'Traiga su documento de identidad'),
      doc('other', 'Recogida de muebles', 'La recogida de muebles es gratuita'),
    ]);
    expect(index.search('empadronamieto', 10).map((r) => r.document.id)).toEqual(['title', 'body']);
    expect(index.search('de', 10)).toHaveLength(3);
    expect(index.search('recogida de MUEBLES', 10)[0]?.document.id).toBe('other');
    expect(index.search('¿?', 10)).toEqual([]);
  });
});

/** Optimal string alignment distance, the plain O(n*m) way, as the oracle. */
function damerauDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number) => d[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, at(i - 2, j - 2) + 1);
      (d[i] as number[])[j] = value;
    }
  }
  return at(a.length, b.length);
}
