import { useState } from 'react';
import { useSelector } from '@xstate/react';
import { useTranslation } from 'react-i18next';
import { ScreenFrame } from '../../components/ScreenFrame';
import { paginate } from '../../components/pagination';
import { EntryList } from './EntryList';
import { FAQ_ITEMS_PER_PAGE } from './layout';
import { Pager } from './Pager';
import { selectChosenTopic, selectTopicEntries, type FaqActor } from './selectors';

/** The questions and procedure sheets of one topic. */
export function TopicScreen({ actor }: { actor: FaqActor }) {
  const { t } = useTranslation();
  const topic = useSelector(actor, selectChosenTopic);
  const entries = useSelector(actor, selectTopicEntries);
  const [pageIndex, setPageIndex] = useState(0);
  const pages = paginate(entries, FAQ_ITEMS_PER_PAGE);
  const page = Math.min(pageIndex, pages.length - 1);
  return (
    <ScreenFrame
      title={topic?.name ?? t('faq.generalTopic')}
      actions={
        <>
          <button type="button" className="button button-secondary action-start" data-testid="faq-back" onClick={() => actor.send({ type: 'step.back' })}>
            {t('common.back')}
          </button>
          <Pager page={page} pages={pages.length} onPage={setPageIndex} />
        </>
      }
    >
      <EntryList actor={actor} entries={pages[page] ?? []} />
    </ScreenFrame>
  );
}
