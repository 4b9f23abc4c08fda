import { useState } from 'react';
import { useLocation, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { useCurrentUser } from '../../api/session';
import type { BulkResult } from '@kiosk/shared';
import { BulkActions, BulkReport } from './BulkActions';
import { QueueFilters } from './QueueFilters';
import { QueueTable } from './QueueTable';
import { apiSearch, withParams } from './queue-params';
import { useFilterOptions, useQueue, useStaff } from './queries';
import { CASE_WRITERS } from './roles';

/** /console/cases: every channel's requests in one queue, filtered, sorted and paged by the hub. */
export function QueuePage() {
  const { t } = useTranslation('cases');
  const me = useCurrentUser();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const queue = useQueue(apiSearch(params));
  const options = useFilterOptions();
  const staff = useStaff();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [report, setReport] = useState<BulkResult | null>(null);
  const writer = CASE_WRITERS.includes(me.role);

  const select = (ids: string[], on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });

  return (
    <>
      <PageHeader title={t('queueTitle')} />
      <QueueFilters
        params={params}
        onChange={(next) => {
          setSelected(new Set());
          setReport(null);
          setParams(next);
        }}
        options={options.data}
        staff={staff.data?.staff}
      />
      {writer && selected.size > 0 && (
        <BulkActions
          selected={[...selected]}
          staff={staff.data?.staff}
          onDone={(result) => {
            setSelected(new Set());
            setReport(result);
          }}
        />
      )}
      {report !== null && <BulkReport report={report} />}
      <QueryState query={queue}>
        {(data) => {
          const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
          return (
            <>
              <p role="status" data-testid="cases-total">
                {t('total', { count: data.total })}
              </p>
              {data.cases.length === 0 ? (
                <p className="notice">{t('empty')}</p>
              ) : (
                <QueueTable cases={data.cases} selectable={writer} selected={selected} onSelect={select} from={`${location.pathname}${location.search}`} />
              )}
              <nav className="cases-pager" aria-label={t('pages')}>
                <button type="button" className="secondary" disabled={data.page <= 1} onClick={() => setParams(withParams(params, { page: String(data.page - 1) }))} data-testid="cases-prev">
                  {t('previous')}
                </button>
                <span>{t('pageOf', { page: data.page, pages })}</span>
                <button type="button" className="secondary" disabled={data.page >= pages} onClick={() => setParams(withParams(params, { page: String(data.page + 1) }))} data-testid="cases-next">
                  {t('next')}
                </button>
              </nav>
            </>
          );
        }}
      </QueryState>
    </>
  );
}
