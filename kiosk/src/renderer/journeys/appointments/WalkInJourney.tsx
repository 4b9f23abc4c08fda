import type { ActorRefFrom } from 'xstate';
import { useSelector } from '@xstate/react';
import { useTranslation } from 'react-i18next';
import type { WalkInMachine } from '../../../flows/index';
import { ScreenFrame } from '../../components/ScreenFrame';
import { TurnOutcome } from './Outcome';
import { BackButton, Busy, Choice, ProblemText } from './parts';

/** A turn without appointment, for today, at this kiosk's office. */
export function WalkInJourney({ actor }: { actor: ActorRefFrom<WalkInMachine> }) {
  const { t } = useTranslation();
  const snapshot = useSelector(actor, (s) => s);
  const c = snapshot.context;
  const send = actor.send;
  switch (true) {
    case snapshot.matches('service'):
      return (
        <ScreenFrame title={t('appointments.walkInTitle')} actions={<BackButton onClick={() => send({ type: 'step.back' })} testId="appt-walk-in-back" />}>
          {c.here ? <p className="lead">{c.here.name}</p> : null}
          <ul className="appt-grid">
            {(c.here?.services ?? [])
              .filter((service) => service.walkIn)
              .map((service) => (
                <Choice key={service.code} testId={`appt-walk-in-${service.code}`} name={service.name} onClick={() => send({ type: 'service.chosen', code: service.code })} />
              ))}
          </ul>
        </ScreenFrame>
      );
    case snapshot.matches('issuing'):
      return <Busy title={t('appointments.walkInTitle')} />;
    case snapshot.matches('failed'):
      return (
        <ScreenFrame
          title={t('appointments.failedTitle')}
          actions={
            <>
              <BackButton onClick={() => send({ type: 'walkIn.abandoned' })} testId="appt-walk-in-abandon" label={t('appointments.home')} />
              <button type="button" className="button button-primary action-end" data-testid="appt-walk-in-retry" onClick={() => send({ type: 'walkIn.retried' })}>
                {t('appointments.retry')}
              </button>
            </>
          }
        >
          <ProblemText problem={c.problem} />
        </ScreenFrame>
      );
    case snapshot.matches('issued'):
      return c.turn ? <TurnOutcome turn={c.turn} ticket={c.ticket} onFinish={() => send({ type: 'walkIn.finished' })} testId="appt-walked-in" /> : null;
    default:
      return null;
  }
}
