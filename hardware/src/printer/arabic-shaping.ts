/**
 * Just enough Arabic shaping and bidirectional ordering to print a receipt line as an image:
 * each letter takes its contextual form (isolated, final, initial, medial) from Unicode's
 * Presentation Forms-B, lam + alef become their ligature, vowel marks are dropped, and the line
 * is put in visual (left-to-right drawing) order with Latin/digit runs (URLs, references, dates)
 * kept left-to-right. Not the full Unicode Bidirectional Algorithm: no explicit embeddings, no
 * nested levels; enough for the receipts' one-paragraph lines.
 */

/** Forms of a letter: isolated, final, initial, medial (the last two only for dual-joining letters). */
type Forms = readonly [number, number] | readonly [number, number, number, number];

function dual(first: number): Forms {
  return [first, first + 1, first + 2, first + 3];
}
function right(first: number): Forms {
  return [first, first + 1];
}

const FORMS: ReadonlyMap<number, Forms> = new Map<number, Forms>([
  [0x0621, [0xfe80, 0xfe80]],
  [0x0622, right(0xfe81)],
  [0x0623, right(0xfe83)],
  [0x0624, right(0xfe85)],
  [0x0625, right(0xfe87)],
  [0x0626, dual(0xfe89)],
  [0x0627, right(0xfe8d)],
  [0x0628, dual(0xfe8f)],
  [0x0629, right(0xfe93)],
  [0x062a, dual(0xfe95)],
  [0x062b, dual(0xfe99)],
  [0x062c, dual(0xfe9d)],
  [0x062d, dual(0xfea1)],
  [0x062e, dual(0xfea5)],
  [0x062f, right(0xfea9)],
  [0x0630, right(0xfeab)],
  [0x0631, right(0xfead)],
  [0x0632, right(0xfeaf)],
  [0x0633, dual(0xfeb1)],
  [0x0634, dual(0xfeb5)],
  [0x0635, dual(0xfeb9)],
  [0x0636, dual(0xfebd)],
  [0x0637, dual(0xfec1)],
  [0x0638, dual(0xfec5)],
  [0x0639, dual(0xfec9)],
  [0x063a, dual(0xfecd)],
  [0x0641, dual(0xfed1)],
  [0x0642, dual(0xfed5)],
  [0x0643, dual(0xfed9)],
  [0x0644, dual(0xfedd)],
  [0x0645, dual(0xfee1)],
  [0x0646, dual(0xfee5)],
  [0x0647, dual(0xfee9)],
  [0x0648, right(0xfeed)],
  [0x0649, right(0xfeef)],
  [0x064a, dual(0xfef1)],
]);

const TATWEEL = 0x0640;
const LAM = 0x0644;
/** Lam + this alef -> [isolated, final] ligature. */
const LAM_ALEF: ReadonlyMap<number, readonly [number, number]> = new Map([
  [0x0622, [0xfef5, 0xfef6]],
  [0x0623, [0xfef7, 0xfef8]],
  [0x0625, [0xfef9, 0xfefa]],
  [0x0627, [0xfefb, 0xfefc]],
]);

/** Vowel marks and other combining marks: they do not break joining, and are not printed. */
function isTransparent(cp: number): boolean {
  return (cp >= 0x064b && cp <= 0x065f) || cp === 0x0670 || (cp >= 0x06d6 && cp <= 0x06ed);
}

const joinsForward = (cp: number | undefined): boolean =>
  cp !== undefined && (cp === TATWEEL || (FORMS.get(cp)?.length ?? 0) === 4);
const joinsBackward = (cp: number | undefined): boolean => cp !== undefined && (cp === TATWEEL || (FORMS.has(cp) && cp !== 0x0621));

/** Arabic letters to their contextual presentation forms, in logical order. */
export function shapeArabic(text: string): string {
  const cps = [...text].map((c) => c.codePointAt(0) ?? 0).filter((cp) => !isTransparent(cp));
  const out: number[] = [];
  for (let i = 0; i < cps.length; i += 1) {
    const cp = cps[i] ?? 0;
    const prev = cps[i - 1];
    const next = cps[i + 1];
    const joinedFromBefore = joinsForward(prev);
    const ligature = cp === LAM ? LAM_ALEF.get(next ?? -1) : undefined;
    if (ligature !== undefined) {
      out.push(joinedFromBefore ? ligature[1] : ligature[0]);
      i += 1;
      continue;
    }
    const forms = FORMS.get(cp);
    if (forms === undefined) {
      out.push(cp);
      continue;
    }
    const joinsNext = forms.length === 4 && joinsBackward(next);
    const form = joinedFromBefore ? (joinsNext ? 3 : 1) : joinsNext ? 2 : 0;
    out.push(forms[form] ?? forms[0]);
  }
  return String.fromCodePoint(...out);
}

export function isArabic(cp: number): boolean {
  return (cp >= 0x0600 && cp <= 0x06ff) || (cp >= 0x0750 && cp <= 0x077f) || (cp >= 0xfb50 && cp <= 0xfdff) || (cp >= 0xfe70 && cp <= 0xfeff);
}

export function containsArabic(text: string): boolean {
  for (const char of text) if (isArabic(char.codePointAt(0) ?? 0)) return true;
  return false;
}

/** Arabic-Indic digits: inside Arabic text, numbers still read left to right. */
const isArabicDigit = (cp: number): boolean => (cp >= 0x0660 && cp <= 0x0669) || (cp >= 0x06f0 && cp <= 0x06f9);
const isRightToLeft = (cp: number): boolean => isArabic(cp) && !isArabicDigit(cp);
/** Drawn left to right: Latin letters and any digits (a URL, a reference, a date, an amount). */
const isLeftToRight = (cp: number): boolean => isArabicDigit(cp) || (/[\p{L}\p{N}]/u.test(String.fromCodePoint(cp)) && !isArabic(cp));
const isLetter = (cp: number): boolean => /\p{L}/u.test(String.fromCodePoint(cp));

const MIRRORED: Readonly<Record<string, string>> = { '(': ')', ')': '(', '[': ']', ']': '[', '<': '>', '>': '<', '\u00ab': '\u00bb', '\u00bb': '\u00ab' };

/**
 * A line in the order its glyphs are drawn from left to right. The paragraph is right-to-left
 * when its first letter is Arabic: runs then go right to left, left-to-right runs keep their own
 * order, and neutral characters between two left-to-right characters belong to their run.
 */
export function visualOrder(line: string): string {
  const chars = [...line];
  const cps = chars.map((c) => c.codePointAt(0) ?? 0);
  const firstLetter = cps.find(isLetter);
  const rtlParagraph = firstLetter !== undefined && isRightToLeft(firstLetter);
  // Arabic digits are drawn left to right but, for the neutrals around them, count as Arabic.
  const strong = cps.map((cp): 'L' | 'R' | 'AN' | null =>
    isArabicDigit(cp) ? 'AN' : isLeftToRight(cp) ? 'L' : isRightToLeft(cp) ? 'R' : null,
  );
  const sideOf = (i: number, step: 1 | -1): 'L' | 'R' | null => {
    for (let j = i + step; j >= 0 && j < chars.length; j += step) {
      const found = strong[j];
      if (found !== null && found !== undefined) return found === 'L' ? 'L' : 'R';
    }
    return null;
  };
  // Neutrals take the direction of their strong neighbours when both agree, else the paragraph's.
  const resolved = chars.map((_, i) => {
    const own = strong[i];
    if (own !== null && own !== undefined) return own;
    const before = sideOf(i, -1);
    return before !== null && before === sideOf(i, 1) ? before : rtlParagraph ? 'R' : 'L';
  });
  const runs: { kind: 'L' | 'R' | 'AN'; chars: string[] }[] = [];
  chars.forEach((char, i) => {
    const kind = resolved[i] ?? 'L';
    const last = runs[runs.length - 1];
    if (last !== undefined && last.kind === kind) last.chars.push(char);
    else runs.push({ kind, chars: [char] });
  });
  const drawn = runs.map((run) => (run.kind !== 'R' ? run.chars : [...run.chars].reverse().map((c) => MIRRORED[c] ?? c)));
  return (rtlParagraph ? drawn.reverse() : drawn).flat().join('');
}
