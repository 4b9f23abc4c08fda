import { useEffect } from 'react';
import { useSelector } from '@xstate/react';
import { useTranslation } from 'react-i18next';
import { ScreenFrame } from '../../components/ScreenFrame';
import { useKioskClient } from '../../bridge/client-context';
import { useSession } from '../../state/session-context';
import { selectLocale } from '../../state/selectors';
import { CaseStatusScreen } from './CaseStatusScreen';
import { EnterReferenceScreen } from './EnterReferenceScreen';
import { selectFollowUpScreen, type FollowUpActor } from './selectors';
import './follow-up.css';

/** The follow-up journey: one screen per state of flows/follow-up.ts. */
export function FollowUpJourney({ actor }: { actor: FollowUpActor }) {
  const { t } = useTranslation();
  const client = useKioskClient();
  const locale = useSelector(useSession(), selectLocale);
  const screen = useSelector(actor, selectFollowUpScreen);

  // A receipt held to the scanner (when the kiosk has one): its reference goes straight to the lookup.
  useEffect(
    () =>
      client.on('scanner.scanned', (scan) =>
        actor.send({ type: 'code.scanned', value: scan.kind === 'receipt-reference' || scan.kind === 'status-url' ? scan.value : null }),
      ),
    [client, actor],
  );

  const back = (
    <button type="button" className="button button-secondary action-start" data-testid="follow-up-back" onClick={() => actor.send({ type: 'step.back' })}>
      {t('followUp.edit')}
    </button>
  );
  switch (screen) {
    case 'entering':
      return <EnterReferenceScreen actor={actor} />;
    case 'looking':
      return (
        <ScreenFrame title={t('followUp.title')}>
          <p className="lead" role="status" data-testid="follow-up-looking">{t('followUp.looking')}</p>
        </ScreenFrame>
      );
    case 'showing':
      return <CaseStatusScreen actor={actor} locale={locale} />;
    case 'notFound':
      return (
        <ScreenFrame title={t('followUp.notFoundTitle')} actions={back}>
          <p className="lead" role="alert" data-testid="follow-up-not-found">{t('followUp.notFoundBody')}</p>
        </ScreenFrame>
      );
    case 'unreachable':
      return (
        <ScreenFrame
          title={t('followUp.offlineTitle')}
          actions={
            <>
              {back}
              <button type="button" className="button button-primary action-end" data-testid="follow-up-retry" onClick={() => actor.send({ type: 'lookup.retried' })}>
                {t('followUp.tryAgain')}
              </button>
            </>
          }
        >
          <p className="lead" role="alert" data-testid="follow-up-offline">{t('followUp.offlineBody')}</p>
        </ScreenFrame>
      );
    case 'finished':
      return null;
  }
}
