import { useSelector } from '@xstate/react';
import { useSession } from '../../state/session-context';
import { selectLocale } from '../../state/selectors';
import { selectFaqScreen, type FaqActor } from './selectors';
import { FaqStatusScreen } from './FaqStatusScreen';
import { TopicsScreen } from './TopicsScreen';
import { TopicScreen } from './TopicScreen';
import { SearchScreen } from './SearchScreen';
import { AnswerScreen } from './AnswerScreen';
import './faq.css';

/** The FAQ and procedures journey: one screen per state of flows/faq.ts. */
export function FaqJourney({ actor }: { actor: FaqActor }) {
  // The keyboard's layout follows the session's language.
  const locale = useSelector(useSession(), selectLocale);
  const screen = useSelector(actor, selectFaqScreen);
  switch (screen) {
    case 'loading':
    case 'unavailable':
      return <FaqStatusScreen actor={actor} />;
    case 'topics':
      return <TopicsScreen actor={actor} />;
    case 'topic':
      return <TopicScreen actor={actor} />;
    case 'search':
      return <SearchScreen actor={actor} locale={locale} />;
    case 'answer':
      return <AnswerScreen actor={actor} />;
    case 'finished':
      return null;
  }
}
