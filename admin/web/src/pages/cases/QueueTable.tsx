import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { QueueCase } from '@kiosk/shared';
import { ageInDays, caseLabel, formatDate, formatDateTime, statusClass } from './format';

/** The queue's rows. Check boxes only for staff who may change cases (bulk actions). */
export function QueueTable({
  cases,
  selectable,
  selected,
  onSelect,
  from,
}: {
  cases: readonly QueueCase[];
  selectable: boolean;
  selected: ReadonlySet<string>;
  onSelect: (ids: string[], on: boolean) => void;
  /** The queue's URL, so the case page can lead back to the same view. */
  from: string;
}) {
  const { t, i18n } = useTranslation('cases');
  const allOnPage = cases.length > 0 && cases.every((c) => selected.has(c.id));
  return (
    <div className="table-wrap">
      <table className="cases-table" data-testid="cases-table">
        <caption className="visually-hidden">{t('queueCaption')}</caption>
        <thead>
          <tr>
            {selectable && (
              <th scope="col" className="cases-check">
                <input
                  type="checkbox"
                  aria-label={t('selectAll')}
                  checked={allOnPage}
                  onChange={(e) => onSelect(cases.map((c) => c.id), e.target.checked)}
                  data-testid="cases-select-all"
                />
              </th>
            )}
            <th scope="col">{t('col.case')}</th>
            <th scope="col">{t('col.service')}</th>
            <th scope="col">{t('col.status')}</th>
            <th scope="col">{t('col.channel')}</th>
            <th scope="col">{t('col.office')}</th>
            <th scope="col">{t('col.requested')}</th>
            <th scope="col">{t('col.sla')}</th>
            <th scope="col">{t('col.assignee')}</th>
          </tr>
        </thead>
        <tbody>
          {cases.map((c) => (
            <tr key={c.id} data-testid={`case-row-${c.id}`} data-reference={c.localReference ?? ''}>
              {selectable && (
                <td className="cases-check">
                  <input
                    type="checkbox"
                    aria-label={t('select', { case: caseLabel(c) })}
                    checked={selected.has(c.id)}
                    onChange={(e) => onSelect([c.id], e.target.checked)}
                    data-testid={`case-select-${c.id}`}
                  />
                </td>
              )}
              <td>
                <Link className="cases-ref" to={`/cases/${encodeURIComponent(c.id)}`} state={{ from }} data-testid={`case-link-${c.id}`}>
                  {caseLabel(c)}
                </Link>
              </td>
              <td>{c.serviceName}</td>
              <td>
                <span className={statusClass(c.detailedStatus, c.slaBreached)}>{t(`status.${c.detailedStatus}`, { defaultValue: c.detailedStatus })}</span>
              </td>
              <td>{t(`channel.${c.channel}`)}</td>
              <td>{c.office ?? '—'}</td>
              <td>
                <time dateTime={c.requestedAt}>{formatDateTime(c.requestedAt, i18n.language)}</time>
                <br />
                <small>{t('ageDays', { count: ageInDays(c.requestedAt) })}</small>
              </td>
              <td>
                {c.slaDueAt === null ? (
                  '—'
                ) : c.slaBreached ? (
                  <span className="status status-bad">{t('sla.overdueSince', { date: formatDate(c.slaDueAt, i18n.language) })}</span>
                ) : (
                  t('sla.due', { date: formatDate(c.slaDueAt, i18n.language) })
                )}
              </td>
              <td>{c.assignee?.username ?? t('unassigned')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
