import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { ContentTabs } from './ContentTabs';
import { LANGUAGE_ENDONYMS, missingLocales } from './locales';
import { useServiceList } from './catalog-queries';

/** The service catalogue: every service with its group, place rule, definition size and missing languages. */
export function ServicesPage() {
  const { t, i18n } = useTranslation('content');
  const list = useServiceList();
  const groupName = (names: Partial<Record<string, string>>, code: string) => names[i18n.language] ?? names['es'] ?? code;
  return (
    <>
      <PageHeader title={t('servicesTitle')} />
      <ContentTabs />
      <QueryState query={list}>
        {({ services, groups }) => (
          <div className="table-wrap">
            <table data-testid="catalog-list">
              <caption>{t('servicesCaption', { count: services.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('colService')}</th>
                  <th scope="col">{t('colGroup')}</th>
                  <th scope="col">{t('colLocation')}</th>
                  <th scope="col">{t('colAttributes')}</th>
                  <th scope="col">{t('colMissing')}</th>
                </tr>
              </thead>
              <tbody>
                {services.map((service) => {
                  const missing = missingLocales(service.locales);
                  const group = groups.find((g) => g.code === service.groupCode);
                  return (
                    <tr key={service.code} data-testid={`catalog-row-${service.code}`}>
                      <td>
                        <Link to={encodeURIComponent(service.code)} data-testid={`catalog-open-${service.code}`}>
                          {service.name}
                        </Link>{' '}
                        <code>{service.code}</code> {service.active ? null : <span className="status status-off">{t('inactive')}</span>}
                      </td>
                      <td>{group ? groupName(group.names, group.code) : service.groupCode}</td>
                      <td>{service.locationless ? t('locationless') : t('needsLocation')}</td>
                      <td>{service.attributeCount}</td>
                      <td>
                        {missing.length === 0 ? (
                          <span className="status status-ok">{t('allLanguages')}</span>
                        ) : (
                          <ul className="missing-list" aria-label={t('missingIn')}>
                            {missing.map((locale) => (
                              <li key={locale} className="status status-warn" lang={locale}>
                                {LANGUAGE_ENDONYMS[locale]}
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </QueryState>
    </>
  );
}
