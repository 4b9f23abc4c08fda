import { useState } from 'react';
import { useSelector } from '@xstate/react';
import { useTranslation } from 'react-i18next';
import { ScreenFrame } from '../../components/ScreenFrame';
import { paginate } from '../../components/pagination';
import { FAQ_ITEMS_PER_PAGE } from './layout';
import { Pager } from './Pager';
import { selectTopics, type FaqActor } from './selectors';

/** The topics (services with questions), a page at a time, and the way into search. */
export function TopicsScreen({ actor }: { actor: FaqActor }) {
  const { t } = useTranslation();
  const topics = useSelector(actor, selectTopics);
  const [pageIndex, setPageIndex] = useState(0);
  const pages = paginate(topics, FAQ_ITEMS_PER_PAGE);
  const page = Math.min(pageIndex, pages.length - 1);
  return (
    <ScreenFrame
      title={t('faq.topicsTitle')}
      actions={
        <>
          <button type="button" className="button button-secondary action-start" data-testid="faq-back" onClick={() => actor.send({ type: 'step.back' })}>
            {t('common.back')}
          </button>
          <Pager page={page} pages={pages.length} onPage={setPageIndex} />
        </>
      }
    >
      <button type="button" className="button button-primary faq-search-open" data-testid="faq-search-open" onClick={() => actor.send({ type: 'search.opened' })}>
        {t('faq.searchOpen')}
      </button>
      <ul className="faq-list">
        {(pages[page] ?? []).map((topic) => (
          <li key={topic.code}>
            <button
              type="button"
              className="button button-choice faq-item"
              data-testid={`faq-topic-${topic.code}`}
              onClick={() => actor.send({ type: 'topic.chosen', code: topic.code })}
            >
              <span className="choice-name">{topic.name ?? t('faq.generalTopic')}</span>
              <span className="choice-hint">{t('faq.entriesCount', { count: topic.entries.length })}</span>
            </button>
          </li>
        ))}
      </ul>
    </ScreenFrame>
  );
}
