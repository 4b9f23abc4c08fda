import { useId } from 'react';
import { useSelector } from '@xstate/react';
import { useTranslation } from 'react-i18next';
import { MAX_ADDRESS_LENGTH, type KioskLocale } from '@kiosk/shared';
import type { LocationProblem } from '../../flows/index';
import { ErrorSummary, useSubmitAttempts } from '../components/ErrorSummary';
import { ScreenFrame } from '../components/ScreenFrame';
import { selectLandmarks, selectLocation, selectLocationProblem, selectLocationText, type RequestActor } from '../state/selectors';
import { KeyboardField } from './KeyboardField';
import './request-journey.css';

const PROBLEM_KEY = {
  'too-short': 'location.problemTooShort',
  'too-long': 'location.problemTooLong',
  markup: 'location.problemMarkup',
} as const satisfies Record<LocationProblem, string>;

/** Where: a well-known place of the municipality in one touch, or an address typed on the keyboard. */
export function LocationScreen({ request, locale }: { request: RequestActor; locale: KioskLocale }) {
  const { t } = useTranslation();
  const landmarks = useSelector(request, selectLandmarks);
  const chosen = useSelector(request, selectLocation);
  const text = useSelector(request, selectLocationText);
  const problem = useSelector(request, selectLocationProblem);
  const [attempt, submitted] = useSubmitAttempts();
  const fieldId = useId();
  const problemText = problem ? t(PROBLEM_KEY[problem]) : null;
  return (
    <ScreenFrame
      title={t('location.title')}
      className="screen-location"
      actions={
        <>
          <button type="button" className="button button-secondary action-start" data-testid="location-back" onClick={() => request.send({ type: 'step.back' })}>
            {t('common.back')}
          </button>
          <button type="button" className="button button-primary action-end" data-testid="location-next" onClick={() => {
              request.send({ type: 'location.submitted' });
              submitted();
            }}
          >
            {t('location.useAddress')}
          </button>
        </>
      }
    >
      <ErrorSummary errors={problemText ? [{ fieldId, field: t('location.addressLabel'), message: problemText }] : []} attempt={attempt} />
      {landmarks.length > 0 ? (
        <div className="location-landmarks">
          <h2 className="section-title">{t('location.landmarks')}</h2>
          <ul className="landmark-list">
            {landmarks.map((landmark) => (
              <li key={landmark.id}>
                <button
                  type="button"
                  className="button button-choice"
                  aria-pressed={chosen?.landmarkId === landmark.id}
                  data-testid={`landmark-${landmark.id}`}
                  onClick={() => request.send({ type: 'location.landmarkChosen', landmarkId: landmark.id })}
                >
                  <span className="choice-name">{landmark.name}</span>
                  <span className="choice-hint">{landmark.addressString}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="location-address">
        {landmarks.length > 0 ? <h2 className="section-title">{t('location.typeAddress')}</h2> : null}
        <KeyboardField
        id={fieldId}
        label={t('location.addressLabel')}
        problem={problemText}
        value={text}
        maxLength={MAX_ADDRESS_LENGTH}
        locale={locale}
        testId="location-input"
        onChange={(next) => request.send({ type: 'location.textChanged', text: next })}
        />
      </div>
    </ScreenFrame>
  );
}
