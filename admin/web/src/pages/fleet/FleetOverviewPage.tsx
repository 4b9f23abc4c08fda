import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { KIOSK_STATUSES, KIOSK_STATUS_REASONS, KioskStatusReasonSchema, KioskStatusSchema, type FleetKiosk, type FleetOverview } from '@kiosk/shared';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { useCurrentUser } from '../../api/session';
import { useFleetOverview } from './queries';
import { ReasonList, StatusBadge } from './StatusBadge';
import { NO_SITE, filterKiosks, groupBySite, sitesOf, type OverviewFilter } from './overview-filter';
import { formatAge, formatDateTime, secondsBetween } from './format';
import { canOperate, isAdmin } from './roles';

/** Filters live in the address, so a filtered view can be bookmarked or sent to a colleague. */
function useFilter(): [OverviewFilter, (patch: Partial<OverviewFilter>) => void] {
  const [params, setParams] = useSearchParams();
  const status = KioskStatusSchema.safeParse(params.get('status'));
  const reason = KioskStatusReasonSchema.safeParse(params.get('reason'));
  const filter: OverviewFilter = {
    site: params.get('site') ?? '',
    status: status.success ? status.data : '',
    reason: reason.success ? reason.data : '',
    search: params.get('q') ?? '',
  };
  const update = (patch: Partial<OverviewFilter>) => {
    const next = { ...filter, ...patch };
    const out = new URLSearchParams();
    if (next.site) out.set('site', next.site);
    if (next.status) out.set('status', next.status);
    if (next.reason) out.set('reason', next.reason);
    if (next.search) out.set('q', next.search);
    setParams(out, { replace: true });
  };
  return [filter, update];
}

export function FleetOverviewPage() {
  const { t } = useTranslation('fleet');
  const me = useCurrentUser();
  const overview = useFleetOverview();
  return (
    <>
      <PageHeader title={t('overview.title')}>
        {canOperate(me.role) && (
          <Link className="button-link" to="jobs" data-testid="fleet-jobs-link">
            {t('jobs.title')}
          </Link>
        )}
        {isAdmin(me.role) && (
          <Link className="button-link" to="enrolments" data-testid="fleet-enrolments-link">
            {t('enrolments.title')}
          </Link>
        )}
      </PageHeader>
      <QueryState query={overview}>{(data) => <Overview data={data} />}</QueryState>
    </>
  );
}

function Overview({ data }: { data: FleetOverview }) {
  const { t, i18n } = useTranslation('fleet');
  const [filter, setFilter] = useFilter();
  const shown = filterKiosks(data.kiosks, filter);
  const counts = KIOSK_STATUSES.map((status) => ({ status, count: data.kiosks.filter((k) => k.status === status).length }));
  return (
    <>
      <p className="fleet-counts" data-testid="fleet-counts">
        {counts.map(({ status, count }) => (
          <span key={status}>
            <StatusBadge status={status} /> {count}
          </span>
        ))}
      </p>
      <form className="filters" role="search" aria-label={t('overview.filters')} onSubmit={(event) => event.preventDefault()}>
        <label>
          {t('overview.site')}
          <select value={filter.site} onChange={(e) => setFilter({ site: e.target.value })} data-testid="filter-site">
            <option value="">{t('overview.any')}</option>
            {sitesOf(data.kiosks).map((site) => (
              <option key={site} value={site}>
                {site}
              </option>
            ))}
            <option value={NO_SITE}>{t('overview.noSite')}</option>
          </select>
        </label>
        <label>
          {t('overview.status')}
          <select value={filter.status} onChange={(e) => setFilter({ status: KioskStatusSchema.safeParse(e.target.value).data ?? '' })} data-testid="filter-status">
            <option value="">{t('overview.any')}</option>
            {KIOSK_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`status.${status}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('overview.reason')}
          <select value={filter.reason} onChange={(e) => setFilter({ reason: KioskStatusReasonSchema.safeParse(e.target.value).data ?? '' })} data-testid="filter-reason">
            <option value="">{t('overview.any')}</option>
            {KIOSK_STATUS_REASONS.map((reason) => (
              <option key={reason} value={reason}>
                {t(`reason.${reason}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('overview.search')}
          <input type="search" value={filter.search} onChange={(e) => setFilter({ search: e.target.value })} data-testid="filter-search" />
        </label>
      </form>
      <p className="muted" role="status">
        {t('overview.shown', { shown: shown.length, total: data.kiosks.length, time: formatDateTime(data.checkedAt, i18n.language) })}
      </p>
      {shown.length === 0 ? (
        <p className="notice">{data.kiosks.length === 0 ? t('overview.emptyFleet') : t('overview.noMatch')}</p>
      ) : (
        groupBySite(shown).map((group, index) => <SiteTable key={group.site} headingId={`fleet-site-${index}`} site={group.site} kiosks={group.kiosks} checkedAt={data.checkedAt} />)
      )}
    </>
  );
}

function SiteTable({ headingId, site, kiosks, checkedAt }: { headingId: string; site: string; kiosks: FleetKiosk[]; checkedAt: string }) {
  const { t, i18n } = useTranslation('fleet');
  const name = site === NO_SITE ? t('overview.noSite') : site;
  return (
    <section className="fleet-site" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('overview.siteHeading', { site: name, count: kiosks.length })}</h2>
      <div className="table-wrap">
        <table data-testid="fleet-table">
          <thead>
            <tr>
              <th scope="col">{t('kiosk.label')}</th>
              <th scope="col">{t('overview.status')}</th>
              <th scope="col">{t('overview.reasons')}</th>
              <th scope="col">{t('overview.lastHeartbeat')}</th>
              <th scope="col">{t('outbox.title')}</th>
              <th scope="col">{t('kiosk.group')}</th>
            </tr>
          </thead>
          <tbody>
            {kiosks.map((kiosk) => (
              <tr key={kiosk.id} data-testid={`fleet-row-${kiosk.id}`}>
                <th scope="row">
                  <Link to={encodeURIComponent(kiosk.id)} data-testid="fleet-kiosk-link">
                    {kiosk.label}
                  </Link>
                  <div className="muted small">{kiosk.id}</div>
                </th>
                <td>
                  <StatusBadge status={kiosk.status} />
                </td>
                <td>
                  <ReasonList reasons={kiosk.reasons} />
                </td>
                <td>{kiosk.lastHeartbeatAt === null ? t('overview.never') : t('overview.ago', { age: formatAge(secondsBetween(kiosk.lastHeartbeatAt, checkedAt), i18n.language) })}</td>
                <td>{kiosk.outbox === null ? '—' : t('outbox.short', { pending: kiosk.outbox.depth, dead: kiosk.outbox.dead })}</td>
                <td>{kiosk.group ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
