/**
 * Pure text matching for search, the same on the hub (either database) and on a kiosk searching
 * offline: normalise (NFD, strip combining marks, lower case), tokenise on letters and digits,
 * and compare words allowing one edit.
 */

/** Words shorter than this are matched exactly only: one edit would make "de" match "le", "el"... */
export const SEARCH_MIN_FUZZY_LENGTH = 4;
/** Query words at least this long also match as a prefix ("empadron" finds "empadronamiento"). */
export const SEARCH_MIN_PREFIX_LENGTH = 3;

export function normaliseSearchText(text: string): string {
  // \p{M} also takes Arabic harakat, so vowelled and unvowelled Arabic match.
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

export function tokeniseSearchText(text: string): string[] {
  return normaliseSearchText(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * True when `a` and `b` are at most one edit apart (insert, delete, substitute, or swap two
 * neighbours). Linear time: it walks both words once instead of filling a distance matrix.
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const lengthGap = a.length - b.length;
  if (lengthGap > 1 || lengthGap < -1) return false;
  const [longer, shorter] = a.length >= b.length ? [a, b] : [b, a];
  let i = 0;
  while (i < shorter.length && longer[i] === shorter[i]) i += 1;
  if (longer.length !== shorter.length) return longer.slice(i + 1) === shorter.slice(i);
  if (longer.slice(i + 1) === shorter.slice(i + 1)) return true;
  // A swap of two neighbours ("empadornamiento").
  return longer[i] === shorter[i + 1] && longer[i + 1] === shorter[i] && longer.slice(i + 2) === shorter.slice(i + 2);
}

/** How well a query word matches a document word: 1 exact, less for a prefix or a typo, 0 none. */
export function searchWordMatch(queryWord: string, documentWord: string): number {
  if (queryWord === documentWord) return 1;
  if (queryWord.length >= SEARCH_MIN_PREFIX_LENGTH && documentWord.startsWith(queryWord)) return 0.8;
  if (queryWord.length >= SEARCH_MIN_FUZZY_LENGTH && documentWord.length >= SEARCH_MIN_FUZZY_LENGTH && withinOneEdit(queryWord, documentWord)) return 0.7;
  return 0;
}
