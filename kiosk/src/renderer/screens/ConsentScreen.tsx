import { useSelector } from '@xstate/react';
import { useTranslation } from 'react-i18next';
import { ScreenFrame } from '../components/ScreenFrame';
import { selectContactChannel, type RequestActor } from '../state/selectors';

/**
 * The privacy notice, always; and, when the citizen gave an SMS number or an e-mail, the explicit
 * question whether we may use it. "No" is as big as "Yes" and simply keeps the receipt only.
 */
export function ConsentScreen({ request }: { request: RequestActor }) {
  const { t } = useTranslation();
  const channel = useSelector(request, selectContactChannel);
  const asks = channel === 'sms' || channel === 'email';
  return (
    <ScreenFrame
      title={t('consent.title')}
      actions={
        <>
          <button type="button" className="button button-secondary action-start" data-testid="consent-back" onClick={() => request.send({ type: 'step.back' })}>
            {t('common.back')}
          </button>
          {asks ? (
            <button type="button" className="button button-secondary" data-testid="consent-no" onClick={() => request.send({ type: 'consent.declined' })}>
              {t('consent.no')}
            </button>
          ) : null}
          <button type="button" className="button button-primary action-end" data-testid="consent-yes" onClick={() => request.send({ type: 'consent.given' })}>
            {t(asks ? 'consent.yes' : 'consent.understood')}
          </button>
        </>
      }
    >
      <p className="lead" data-testid="privacy-notice">
        {t('consent.notice')}
      </p>
      {asks ? <p className="lead">{t(channel === 'sms' ? 'consent.askSms' : 'consent.askEmail')}</p> : null}
    </ScreenFrame>
  );
}
