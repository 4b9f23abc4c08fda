import { useSearchParams } from 'react-router';
import type { ConsoleFiguresQuery } from '@kiosk/shared';

/** Default range: the last 30 days, ending today (the browser's day). */
export const DEFAULT_RANGE_DAYS = 30;

function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function defaultRange(today = new Date()): { from: string; to: string } {
  const from = new Date(today);
  from.setDate(from.getDate() - (DEFAULT_RANGE_DAYS - 1));
  return { from: localDay(from), to: localDay(today) };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The filter lives in the address (?from=&to=&site=), so a view can be bookmarked or shared. */
export function useFiguresQuery(): [ConsoleFiguresQuery, (next: ConsoleFiguresQuery) => void] {
  const [params, setParams] = useSearchParams();
  const fallback = defaultRange();
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const site = params.get('site') ?? '';
  const query: ConsoleFiguresQuery = { from: DAY.test(from) ? from : fallback.from, to: DAY.test(to) ? to : fallback.to, ...(site === '' ? {} : { site }) };
  const update = (next: ConsoleFiguresQuery) => {
    const out = new URLSearchParams({ from: next.from, to: next.to });
    if (next.site !== undefined && next.site !== '') out.set('site', next.site);
    setParams(out, { replace: true });
  };
  return [query, update];
}
