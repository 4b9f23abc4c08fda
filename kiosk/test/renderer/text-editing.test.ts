import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deleteBackward, insertText } from '../../src/renderer/components/text-editing.js';
import { paginate } from '../../src/renderer/components/pagination.js';

describe('on-screen keyboard editing', () => {
  it('inserts at the caret and replaces a selection', () => {
    expect(insertText('hola', { start: 2, end: 2 }, 'ñ', 100)).toEqual({ text: 'hoñla', caret: 3 });
    expect(insertText('hola mundo', { start: 5, end: 10 }, 'món', 100)).toEqual({ text: 'hola món', caret: 8 });
  });

  it('refuses input past the limit without losing what is there', () => {
    expect(insertText('abc', { start: 3, end: 3 }, 'd', 3)).toEqual({ text: 'abc', caret: 3 });
  });

  it('deletes one character, a whole emoji, or the selection', () => {
    expect(deleteBackward('año', { start: 2, end: 2 })).toEqual({ text: 'ao', caret: 1 });
    expect(deleteBackward('ok👍', { start: 4, end: 4 })).toEqual({ text: 'ok', caret: 2 });
    expect(deleteBackward('hola', { start: 1, end: 3 })).toEqual({ text: 'ha', caret: 1 });
    expect(deleteBackward('hola', { start: 0, end: 0 })).toEqual({ text: 'hola', caret: 0 });
  });

  it('insert then delete restores the text, wherever the caret is', () => {
    fc.assert(
      fc.property(fc.string(), fc.nat(), fc.constantFrom('a', 'ñ', 'ç', 'ض', ' '), (text, at, key) => {
        const caret = at % (text.length + 1);
        const typed = insertText(text, { start: caret, end: caret }, key, Infinity);
        const undone = deleteBackward(typed.text, { start: typed.caret, end: typed.caret });
        expect(undone.text).toBe(text);
        expect(undone.caret).toBe(caret);
      }),
    );
  });
});

describe('paginate', () => {
  it('splits into full pages plus a remainder and keeps order', () => {
    expect(paginate([1, 2, 3, 4, 5, 6, 7], 3)).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
  });
  it('gives one empty page for no items, and refuses a bad page size', () => {
    expect(paginate([], 6)).toEqual([[]]);
    expect(() => paginate([1], 0)).toThrow(/pageSize/);
  });
});
