/** Pure text editing for the on-screen keyboard: the real field stays the source of truth. */

export interface TextSelection {
  readonly start: number;
  readonly end: number;
}

export interface TextEdit {
  readonly text: string;
  readonly caret: number;
}

function clampSelection(text: string, selection: TextSelection): TextSelection {
  const start = Math.max(0, Math.min(selection.start, selection.end, text.length));
  const end = Math.min(text.length, Math.max(selection.start, selection.end));
  return { start, end };
}

/** Replaces the selection with `insert`, refusing (unchanged) anything past `maxLength`. */
export function insertText(text: string, selection: TextSelection, insert: string, maxLength: number): TextEdit {
  const { start, end } = clampSelection(text, selection);
  const next = text.slice(0, start) + insert + text.slice(end);
  if (next.length > maxLength) return { text, caret: end };
  return { text: next, caret: start + insert.length };
}

/** Deletes the selection, or the one character (code point, not UTF-16 unit) before the caret. */
export function deleteBackward(text: string, selection: TextSelection): TextEdit {
  const { start, end } = clampSelection(text, selection);
  if (start !== end) return { text: text.slice(0, start) + text.slice(end), caret: start };
  if (start === 0) return { text, caret: 0 };
  const before = text.charCodeAt(start - 1);
  const isLowSurrogate = before >= 0xdc00 && before <= 0xdfff;
  const width = isLowSurrogate && start >= 2 ? 2 : 1;
  return { text: text.slice(0, start - width) + text.slice(end), caret: start - width };
}
