/** Splits `items` into pages of `pageSize`; always at least one (possibly empty) page. */
export function paginate<T>(items: readonly T[], pageSize: number): T[][] {
  if (!(Number.isInteger(pageSize) && pageSize > 0)) throw new RangeError(`pageSize must be a positive integer (got ${pageSize})`);
  const pages: T[][] = [];
  for (let start = 0; start < items.length; start += pageSize) pages.push(items.slice(start, start + pageSize));
  return pages.length > 0 ? pages : [[]];
}
