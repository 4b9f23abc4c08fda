import { useSelector } from '@xstate/react';
import { useTranslation } from 'react-i18next';
import { ScreenFrame } from '../components/ScreenFrame';
import { selectChosenService, selectDescription, type RequestActor } from '../state/selectors';

/** Check your answers before sending (GOV.UK pattern). */
export function ReviewScreen({ request }: { request: RequestActor }) {
  const { t } = useTranslation();
  const service = useSelector(request, selectChosenService);
  const description = useSelector(request, selectDescription);
  return (
    <ScreenFrame
      title={t('review.title')}
      actions={
        <>
          <button type="button" className="button button-secondary action-start" data-testid="review-edit" onClick={() => request.send({ type: 'step.back' })}>
            {t('review.edit')}
          </button>
          <button type="button" className="button button-primary action-end" data-testid="review-submit" onClick={() => request.send({ type: 'review.confirmed' })}>
            {t('review.submit')}
          </button>
        </>
      }
    >
      <dl className="summary">
        <dt>{t('review.service')}</dt>
        <dd>{service?.name}</dd>
        <dt>{t('review.description')}</dt>
        {/* A long text scrolls inside its box (focusable, so keys scroll it too); the page never does. */}
        <dd className="summary-text" tabIndex={0}>
          {description.trim()}
        </dd>
      </dl>
      <p className="hint">{t('review.note')}</p>
    </ScreenFrame>
  );
}
