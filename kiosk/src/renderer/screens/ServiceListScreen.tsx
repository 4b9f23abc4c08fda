import { useState } from 'react';
import { useSelector } from '@xstate/react';
import { useTranslation } from 'react-i18next';
import type { CatalogService } from '@kiosk/shared';
import { ScreenFrame } from '../components/ScreenFrame';
import { SERVICES_PER_PAGE } from '../components/layout-config';
import { paginate } from '../components/pagination';
import { selectCatalogStale, selectCatalogStatus, selectServices, type RequestActor } from '../state/selectors';

/** Services in catalogue groups (sorted by group, each button names its group), a page at a time. */
export function ServiceListScreen({ request }: { request: RequestActor }) {
  const { t } = useTranslation();
  const status = useSelector(request, selectCatalogStatus);
  const services = useSelector(request, selectServices);
  const stale = useSelector(request, selectCatalogStale);
  const [pageIndex, setPageIndex] = useState(0);

  const grouped = [...services].sort((a, b) => a.group.localeCompare(b.group) || a.name.localeCompare(b.name));
  const pages = paginate(grouped, SERVICES_PER_PAGE);
  const page = Math.min(pageIndex, pages.length - 1);
  const back = (
    <button type="button" className="button button-secondary action-start" data-testid="services-back" onClick={() => request.send({ type: 'step.back' })}>
      {t('common.back')}
    </button>
  );

  if (status !== 'ready') {
    return (
      <ScreenFrame title={t('services.title')} actions={back}>
        {status === 'loading' ? (
          <p className="lead" role="status">{t('services.loading')}</p>
        ) : (
          <>
            <p className="lead" role="alert">{t('services.unavailable')}</p>
            <button type="button" className="button button-primary" data-testid="services-retry" onClick={() => request.send({ type: 'catalog.retried' })}>
              {t('services.retry')}
            </button>
          </>
        )}
      </ScreenFrame>
    );
  }

  return (
    <ScreenFrame
      title={t('services.title')}
      actions={
        <>
          {back}
          {pages.length > 1 ? (
            <div className="pager">
              <button type="button" className="button button-secondary" disabled={page === 0} onClick={() => setPageIndex(page - 1)}>
                {t('services.previousPage')}
              </button>
              <span className="pager-status">{t('services.page', { page: page + 1, pages: pages.length })}</span>
              <button type="button" className="button button-secondary" disabled={page === pages.length - 1} onClick={() => setPageIndex(page + 1)}>
                {t('services.nextPage')}
              </button>
            </div>
          ) : null}
        </>
      }
    >
      {stale ? <p className="notice">{t('services.stale')}</p> : null}
      <ul className="service-grid">
        {(pages[page] ?? []).map((service: CatalogService) => (
          <li key={service.serviceCode}>
            <button
              type="button"
              className="button button-choice button-service"
              data-testid={`service-${service.serviceCode}`}
              onClick={() => request.send({ type: 'service.chosen', serviceCode: service.serviceCode })}
            >
              <span className="choice-group">{service.group}</span>
              <span className="choice-name">{service.name}</span>
              {service.description ? <span className="choice-hint">{service.description}</span> : null}
            </button>
          </li>
        ))}
      </ul>
    </ScreenFrame>
  );
}
