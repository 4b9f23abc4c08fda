import { useState } from 'react';
import { useSelector } from '@xstate/react';
import { useTranslation } from 'react-i18next';
import type { CatalogService, KioskLocale } from '@kiosk/shared';
import { ScreenFrame } from '../components/ScreenFrame';
import { SERVICES_PER_PAGE } from '../components/layout-config';
import { paginate } from '../components/pagination';
import { selectCatalogStale, selectCatalogStatus, selectServices, type RequestActor } from '../state/selectors';
import { KeyboardField } from './KeyboardField';
import { filterServices, groupsOf } from './service-filter';
import './request-journey.css';

/** While the keyboard is open fewer services fit above it. */
const SEARCH_RESULTS_PER_PAGE = 3;
const MAX_QUERY_LENGTH = 60;

/**
 * Services under a heading per catalogue group, a page at a time; the group chips narrow the list
 * to one group, and "Search" opens the on-screen keyboard to filter by name and keywords (accents
 * and case ignored). The typed words live in this screen only and go with it.
 */
export function ServiceListScreen({ request, locale }: { request: RequestActor; locale: KioskLocale }) {
  const { t } = useTranslation();
  const status = useSelector(request, selectCatalogStatus);
  const services = useSelector(request, selectServices);
  const stale = useSelector(request, selectCatalogStale);
  const [pageIndex, setPageIndex] = useState(0);
  const [group, setGroup] = useState<string | null>(null);
  const [searching, setSearching] = useState(false);
  const [query, setQuery] = useState('');

  const groups = groupsOf(services);
  const shown = filterServices(services, group !== null && groups.includes(group) ? group : null, searching ? query : '');
  const pages = paginate(shown, searching ? SEARCH_RESULTS_PER_PAGE : SERVICES_PER_PAGE);
  const page = Math.max(0, Math.min(pageIndex, pages.length - 1));
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

  const chooseGroup = (chosen: string | null) => {
    setGroup(chosen);
    setPageIndex(0);
  };
  const visible = pages[page] ?? [];
  return (
    <ScreenFrame
      title={t('services.title')}
      className="screen-services"
      actions={
        <>
          {back}
          {pages.length > 1 ? (
            <div className="pager">
              <button type="button" className="button button-secondary" data-testid="services-previous" disabled={page === 0} onClick={() => setPageIndex(page - 1)}>
                {t('services.previousPage')}
              </button>
              <span className="pager-status">{t('services.page', { page: page + 1, pages: pages.length })}</span>
              <button type="button" className="button button-secondary" data-testid="services-next" disabled={page === pages.length - 1} onClick={() => setPageIndex(page + 1)}>
                {t('services.nextPage')}
              </button>
            </div>
          ) : null}
        </>
      }
    >
      {stale ? <p className="notice">{t('services.stale')}</p> : null}
      <div className="group-chips" role="group" aria-label={t('services.allGroups')}>
        <button type="button" className="button button-choice chip" aria-pressed={group === null} data-testid="services-group-all" onClick={() => chooseGroup(null)}>
          {t('services.allGroups')}
        </button>
        {groups.map((name, index) => (
          <button key={name} type="button" className="button button-choice chip" aria-pressed={group === name} data-testid={`services-group-${index}`} onClick={() => chooseGroup(name)}>
            {name}
          </button>
        ))}
        {searching ? null : (
          <button type="button" className="button button-secondary chip" data-testid="services-search-open" onClick={() => setSearching(true)}>
            {t('services.search')}
          </button>
        )}
      </div>
      {searching ? (
        <KeyboardField
          label={t('services.searchLabel')}
          value={query}
          maxLength={MAX_QUERY_LENGTH}
          locale={locale}
          testId="services-search-input"
          onChange={(text) => {
            setQuery(text);
            setPageIndex(0);
          }}
        />
      ) : null}
      {visible.length === 0 ? (
        <p className="lead" role="status" data-testid="services-search-none">
          {t('services.searchNone')}
        </p>
      ) : (
        <ServiceList services={visible} onChoose={(serviceCode) => request.send({ type: 'service.chosen', serviceCode })} />
      )}
    </ScreenFrame>
  );
}

/** The page's services with a heading wherever the group changes. */
function ServiceList({ services, onChoose }: { services: readonly CatalogService[]; onChoose: (serviceCode: string) => void }) {
  const sections: Array<{ group: string; services: CatalogService[] }> = [];
  for (const service of services) {
    const last = sections.at(-1);
    if (last?.group === service.group) last.services.push(service);
    else sections.push({ group: service.group, services: [service] });
  }
  return (
    <div className="service-sections">
      {sections.map((section) => (
        <section key={section.group} aria-label={section.group}>
          <h2 className="section-title service-group-title">{section.group}</h2>
          <ul className="service-grid">
            {section.services.map((service) => (
              <li key={service.serviceCode}>
                <button type="button" className="button button-choice button-service" data-testid={`service-${service.serviceCode}`} onClick={() => onChoose(service.serviceCode)}>
                  <span className="choice-name">{service.name}</span>
                  {service.description ? <span className="choice-hint">{service.description}</span> : null}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
