import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { UsersTabs } from './UsersTabs';
import { AUDIT_PAGE_SIZE, useAudit, type AuditFilters } from './queries';

const NO_FILTERS: AuditFilters = { actor: '', action: '', from: '', to: '' };

/** Who did what, when and from where. The hub stores identifiers and codes only, never citizen data. */
export function AuditPage() {
  const { t, i18n } = useTranslation('users');
  const [filters, setFilters] = useState<AuditFilters>(NO_FILTERS);
  const [page, setPage] = useState(1);
  const audit = useAudit(filters, page);
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'medium' });

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const read = (name: keyof AuditFilters) => String(data.get(name) ?? '');
    setFilters({ actor: read('actor'), action: read('action'), from: read('from'), to: read('to') });
    setPage(1);
  };

  return (
    <>
      <PageHeader title={t('auditTitle')} />
      <UsersTabs />
      <form className="filters" onSubmit={apply} aria-label={t('auditFilters')}>
        <label>
          {t('auditActor')}
          <input name="actor" defaultValue={filters.actor} data-testid="audit-actor" />
        </label>
        <label>
          {t('auditAction')}
          <input name="action" defaultValue={filters.action} placeholder="user" data-testid="audit-action" />
        </label>
        <label>
          {t('auditFrom')}
          <input name="from" type="date" defaultValue={filters.from} />
        </label>
        <label>
          {t('auditTo')}
          <input name="to" type="date" defaultValue={filters.to} />
        </label>
        <button type="submit" data-testid="audit-apply">
          {t('auditApply')}
        </button>
      </form>
      <QueryState query={audit}>
        {(data) => (
          <>
            <div className="table-wrap">
              <table data-testid="audit-table">
                <caption>{t('auditCaption', { page })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('auditWhen')}</th>
                    <th scope="col">{t('auditActor')}</th>
                    <th scope="col">{t('auditAction')}</th>
                    <th scope="col">{t('auditTarget')}</th>
                    <th scope="col">{t('auditDetails')}</th>
                    <th scope="col">{t('auditFromWhere')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.entries.length === 0 && (
                    <tr>
                      <td colSpan={6}>{t('auditEmpty')}</td>
                    </tr>
                  )}
                  {data.entries.map((entry) => (
                    <tr key={entry.id}>
                      <td>
                        <time dateTime={entry.at}>{when.format(new Date(entry.at))}</time>
                      </td>
                      <td>{entry.actor}</td>
                      <td>
                        <code>{entry.action}</code>
                      </td>
                      <td>
                        {entry.targetType} <code>{entry.targetId}</code>
                      </td>
                      <td className="audit-details">
                        {Object.entries(entry.details)
                          .map(([key, value]) => `${key}: ${String(value)}`)
                          .join(', ')}
                      </td>
                      <td>{entry.ip ?? t('auditUnknownAddress')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <nav className="audit-paging" aria-label={t('auditPaging')}>
              <button type="button" className="secondary" disabled={page === 1} onClick={() => setPage(page - 1)}>
                {t('auditPrevious')}
              </button>
              <span>{t('auditPage', { page })}</span>
              <button type="button" className="secondary" disabled={data.entries.length < AUDIT_PAGE_SIZE} onClick={() => setPage(page + 1)} data-testid="audit-next">
                {t('auditNext')}
              </button>
            </nav>
          </>
        )}
      </QueryState>
    </>
  );
}
