import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ContentKind, ContentSummary } from '@kiosk/shared';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { ContentTabs } from './ContentTabs';
import { LANGUAGE_ENDONYMS, missingLocales } from './locales';
import { useContentList } from './queries';
import { useServiceList } from './catalog-queries';

type StateFilter = '' | 'published' | 'draft' | 'unpublished';

/** Published and showing its latest text, published with a newer draft waiting, or never/no longer on kiosks. */
function stateOf(entry: ContentSummary): Exclude<StateFilter, ''> {
  if (entry.publishedVersion === null) return 'unpublished';
  return entry.publishedVersion === entry.version ? 'published' : 'draft';
}

const STATE_CLASS = { published: 'status-ok', draft: 'status-warn', unpublished: 'status-off' } as const;

/** FAQ entries and procedure sheets, filtered by kind, topic (service) and state, missing languages flagged. */
export function ContentListPage() {
  const { t } = useTranslation('content');
  const [kind, setKind] = useState<'' | ContentKind>('');
  const [topic, setTopic] = useState('');
  const [state, setState] = useState<StateFilter>('');
  const list = useContentList({ kind: kind === '' ? undefined : kind });
  // Topics are services: named from the catalogue when it has loaded, by code until then.
  const names = new Map((useServiceList().data?.services ?? []).map((service) => [service.code, service.name]));
  const topicName = (code: string | null) => (code === null || code === '' ? t('generalTopic') : (names.get(code) ?? code));
  return (
    <>
      <PageHeader title={t('listTitle')}>
        <Link className="button-link" to="new/faq" data-testid="content-new-faq">
          {t('newFaq')}
        </Link>
        <Link className="button-link secondary" to="new/procedure" data-testid="content-new-procedure">
          {t('newProcedure')}
        </Link>
      </PageHeader>
      <ContentTabs />
      <QueryState query={list}>
        {({ entries }) => {
          const topics = [...new Set(entries.map((entry) => entry.serviceCode ?? ''))].sort();
          const shown = entries.filter((entry) => (topic === '' || (entry.serviceCode ?? '-') === topic) && (state === '' || stateOf(entry) === state));
          return (
            <>
              <div className="filters" role="search">
                <label>
                  {t('filterKind')}
                  <select value={kind} onChange={(event) => setKind(event.target.value as '' | ContentKind)} data-testid="content-filter-kind">
                    <option value="">{t('all')}</option>
                    <option value="faq">{t('kind.faq')}</option>
                    <option value="procedure">{t('kind.procedure')}</option>
                  </select>
                </label>
                <label>
                  {t('filterTopic')}
                  <select value={topic} onChange={(event) => setTopic(event.target.value)} data-testid="content-filter-topic">
                    <option value="">{t('all')}</option>
                    {topics.map((code) => (
                      <option key={code} value={code === '' ? '-' : code}>
                        {topicName(code)}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  {t('filterState')}
                  <select value={state} onChange={(event) => setState(event.target.value as StateFilter)} data-testid="content-filter-state">
                    <option value="">{t('all')}</option>
                    <option value="published">{t('state.published')}</option>
                    <option value="draft">{t('state.draft')}</option>
                    <option value="unpublished">{t('state.unpublished')}</option>
                  </select>
                </label>
              </div>
              <div className="table-wrap">
                <table data-testid="content-list">
                  <caption>{t('listCaption', { count: shown.length })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('colTitle')}</th>
                      <th scope="col">{t('colKind')}</th>
                      <th scope="col">{t('colTopic')}</th>
                      <th scope="col">{t('colState')}</th>
                      <th scope="col">{t('colMissing')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {shown.map((entry) => {
                      const missing = missingLocales(entry.locales);
                      const entryState = stateOf(entry);
                      return (
                        <tr key={entry.id} data-testid={`content-row-${entry.id}`}>
                          <td>
                            <Link to={`entries/${encodeURIComponent(entry.id)}`} data-testid={`content-open-${entry.id}`}>
                              {entry.title}
                            </Link>
                          </td>
                          <td>{t(`kind.${entry.kind}`)}</td>
                          <td>{topicName(entry.serviceCode)}</td>
                          <td>
                            <span className={`status ${STATE_CLASS[entryState]}`}>{t(`state.${entryState}`)}</span>{' '}
                            <span className="content-version">{t('versionShort', { version: entry.version })}</span>
                          </td>
                          <td>
                            {missing.length === 0 ? (
                              <span className="status status-ok">{t('allLanguages')}</span>
                            ) : (
                              <ul className="missing-list" aria-label={t('missingIn')}>
                                {missing.map((locale) => (
                                  <li key={locale} className="status status-warn" lang={locale} data-testid={`content-missing-${entry.id}-${locale}`}>
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
              {shown.length === 0 ? <p className="notice">{t('emptyList')}</p> : null}
            </>
          );
        }}
      </QueryState>
    </>
  );
}
