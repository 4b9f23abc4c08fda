import { useQuery } from '@tanstack/react-query';
import { keepPreviousData } from '@tanstack/react-query';
import { ConsoleFiguresSchema, type ConsoleFiguresQuery, type FigureTable } from '@kiosk/shared';
import { useTranslation } from 'react-i18next';
import { apiGet } from '../../api/client';

/** The figures hub API: one JSON answer for the page, one CSV per table (filtered the same way). */

function paramsOf(query: ConsoleFiguresQuery, locale: string): URLSearchParams {
  const params = new URLSearchParams({ from: query.from, to: query.to, locale });
  if (query.site !== undefined) params.set('site', query.site);
  return params;
}

export function useFigures(query: ConsoleFiguresQuery) {
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: ['figures', query.from, query.to, query.site ?? '', i18n.language],
    queryFn: () => apiGet(`/api/figures/console?${paramsOf(query, i18n.language).toString()}`, ConsoleFiguresSchema),
    // Kiosks send their counts every few minutes; keep the last answer on screen while refetching.
    refetchInterval: 60_000,
    placeholderData: keepPreviousData,
  });
}

/** A plain link: the session cookie goes with it and the hub answers with a CSV attachment. */
export function csvUrl(table: FigureTable, query: ConsoleFiguresQuery, locale: string): string {
  return `/api/figures/export/${table}?${paramsOf(query, locale).toString()}`;
}
