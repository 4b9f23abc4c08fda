/**
 * The focus model's order, apart from the DOM: items in reading order, each maybe in a group (a
 * keyboard row, a date picker). Up/Down go through every item; Left/Right stay inside the group
 * (outside any group they act as Down/Up). The ends do not wrap: a blind user who hears the last
 * item twice knows it is the last.
 */
export type FocusMove = 'next' | 'previous' | 'groupNext' | 'groupPrevious';

export interface OrderedItem {
  /** Items with the same group (compared by identity) form a row; null: in no group. */
  readonly group: unknown;
}

/** The index to move to from `current` (-1: nothing current yet); -1 when there are no items. */
export function stepIndex(items: readonly OrderedItem[], current: number, move: FocusMove): number {
  if (items.length === 0) return -1;
  const last = items.length - 1;
  if (current < 0 || current > last) return move === 'previous' || move === 'groupPrevious' ? last : 0;
  const group = items[current]?.group ?? null;
  if (move === 'next' || (move === 'groupNext' && group === null)) return Math.min(last, current + 1);
  if (move === 'previous' || (move === 'groupPrevious' && group === null)) return Math.max(0, current - 1);
  const direction = move === 'groupNext' ? 1 : -1;
  for (let index = current + direction; index >= 0 && index <= last; index += direction) {
    if (items[index]?.group === group) return index;
  }
  return current;
}

/** In a right-to-left language the arrow that points to the next key of a row is the left one. */
export function groupMoveFor(move: 'groupNext' | 'groupPrevious', direction: 'ltr' | 'rtl'): 'groupNext' | 'groupPrevious' {
  if (direction === 'ltr') return move;
  return move === 'groupNext' ? 'groupPrevious' : 'groupNext';
}
