import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '@kiosk/shared';
import { formatDate, formatDateTime, statusClass } from './format';

/** What the case is: state, origin, dates, who handles it, its place and its answers. */
export function CaseFacts({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation('cases');
  const when = (iso: string | null) => (iso === null ? '—' : formatDateTime(iso, i18n.language));
  const { location } = detail;
  const attributes = Object.entries(detail.attributes);
  return (
    <>
      <section className="card" aria-labelledby="case-details-title" data-testid="case-details">
        <h2 id="case-details-title">{t('details')}</h2>
        <dl className="cases-facts">
          <dt>{t('col.status')}</dt>
          <dd>
            <span className={statusClass(detail.detailedStatus, detail.slaBreached)} data-testid="case-status" data-status={detail.detailedStatus}>
              {t(`status.${detail.detailedStatus}`, { defaultValue: detail.detailedStatus })}
            </span>{' '}
            ({t(detail.status)})
          </dd>
          <dt>{t('col.service')}</dt>
          <dd>{detail.serviceName}</dd>
          <dt>{t('col.channel')}</dt>
          <dd>{t(`channel.${detail.channel}`)}</dd>
          <dt>{t('col.office')}</dt>
          <dd>{detail.office ?? '—'}</dd>
          <dt>{t('reference')}</dt>
          <dd>
            {detail.localReference ?? '—'} ({t('hubNumber', { id: detail.id })})
          </dd>
          <dt>{t('col.requested')}</dt>
          <dd>{when(detail.requestedAt)}</dd>
          <dt>{t('updated')}</dt>
          <dd>{when(detail.updatedAt)}</dd>
          <dt>{t('expected')}</dt>
          <dd data-testid="case-expected">{when(detail.expectedAt)}</dd>
          <dt>{t('col.sla')}</dt>
          <dd>
            {detail.slaDueAt === null
              ? '—'
              : detail.slaBreached
                ? t('sla.overdueSince', { date: formatDate(detail.slaDueAt, i18n.language) })
                : t('sla.due', { date: formatDate(detail.slaDueAt, i18n.language) })}
          </dd>
          <dt>{t('col.assignee')}</dt>
          <dd data-testid="case-assignee">{detail.assignee?.username ?? t('unassigned')}</dd>
          {detail.mergedInto !== null && (
            <>
              <dt>{t('mergedInto')}</dt>
              <dd>
                <Link to={`/cases/${encodeURIComponent(detail.mergedInto)}`}>{detail.mergedInto}</Link>
              </dd>
            </>
          )}
          {detail.duplicates.length > 0 && (
            <>
              <dt>{t('duplicates')}</dt>
              <dd>
                {detail.duplicates.map((id, i) => (
                  <span key={id}>
                    {i > 0 && ', '}
                    <Link to={`/cases/${encodeURIComponent(id)}`}>{id}</Link>
                  </span>
                ))}
              </dd>
            </>
          )}
        </dl>
      </section>
      <section className="card" aria-labelledby="case-place-title">
        <h2 id="case-place-title">{t('place')}</h2>
        <dl className="cases-facts">
          <dt>{t('address')}</dt>
          <dd>
            {location.address ?? '—'}
            {location.officeLocation && ` (${t('officeLocation')})`}
          </dd>
          {location.lat !== null && location.long !== null && (
            <>
              <dt>{t('coordinates')}</dt>
              <dd>
                {location.lat.toFixed(5)}, {location.long.toFixed(5)}
              </dd>
            </>
          )}
        </dl>
        <h3>{t('attributes')}</h3>
        {attributes.length === 0 ? (
          <p>{t('noAttributes')}</p>
        ) : (
          <dl className="cases-facts">
            {attributes.map(([code, value]) => (
              <div key={code} className="cases-fact">
                <dt>{code}</dt>
                <dd>{Array.isArray(value) ? value.join(', ') : value}</dd>
              </div>
            ))}
          </dl>
        )}
        {detail.mediaUrl !== null && (
          <p>
            <a href={detail.mediaUrl} rel="noreferrer noopener" target="_blank">
              {t('media')}
            </a>
          </p>
        )}
      </section>
    </>
  );
}
