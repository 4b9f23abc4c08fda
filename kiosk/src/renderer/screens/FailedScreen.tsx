import { useSelector } from '@xstate/react';
import { useTranslation } from 'react-i18next';
import { ScreenFrame } from '../components/ScreenFrame';
import { selectFailure, type RequestActor } from '../state/selectors';

/** Calm: what happened in plain words, then what to do next. Error details stay out of sight. */
export function FailedScreen({ request }: { request: RequestActor }) {
  const { t } = useTranslation();
  const failure = useSelector(request, selectFailure);
  const what = failure === 'transport' ? 'failed.transport' : failure === 'store-failed' ? 'failed.storeFailed' : 'failed.other';
  return (
    <ScreenFrame
      title={t('failed.title')}
      actions={
        <>
          <button type="button" className="button button-secondary action-start" data-testid="failed-home" onClick={() => request.send({ type: 'request.abandoned' })}>
            {t('failed.home')}
          </button>
          <button type="button" className="button button-primary action-end" data-testid="failed-retry" onClick={() => request.send({ type: 'submission.retried' })}>
            {t('failed.retry')}
          </button>
        </>
      }
    >
      <p className="lead" data-testid="failed-reason" data-failure={failure ?? 'internal'}>
        {t(what)}
      </p>
      <p className="lead">{t('failed.whatNext')}</p>
    </ScreenFrame>
  );
}
