import { useSelector } from '@xstate/react';
import { useTranslation } from 'react-i18next';
import { ScreenFrame } from '../../components/ScreenFrame';
import { useSession } from '../../state/session-context';
import { handOff } from './handoff';
import { selectContentMissing, selectFaqScreen, type FaqActor } from './selectors';

/** Loading, or why the questions cannot be shown and what to do instead. */
export function FaqStatusScreen({ actor }: { actor: FaqActor }) {
  const { t } = useTranslation();
  const session = useSession();
  const screen = useSelector(actor, selectFaqScreen);
  const contentMissing = useSelector(actor, selectContentMissing);
  const back = (
    <button type="button" className="button button-secondary action-start" data-testid="faq-back" onClick={() => actor.send({ type: 'step.back' })}>
      {t('common.back')}
    </button>
  );
  if (screen === 'loading') {
    return (
      <ScreenFrame title={t('faq.title')} actions={back}>
        <p className="lead" role="status">{t('faq.loading')}</p>
      </ScreenFrame>
    );
  }
  return (
    <ScreenFrame title={t('faq.title')} actions={back}>
      <p className="lead" role="alert" data-testid="faq-unavailable">
        {contentMissing ? t('faq.contentMissing') : t('faq.unavailable')}
      </p>
      {contentMissing ? null : (
        <button type="button" className="button button-primary" data-testid="faq-retry" onClick={() => actor.send({ type: 'topics.retried' })}>
          {t('faq.retry')}
        </button>
      )}
      <button type="button" className="button button-secondary" data-testid="faq-offer-request" onClick={() => handOff(actor, session, 'request')}>
        {t('faq.fileRequest')}
      </button>
    </ScreenFrame>
  );
}
