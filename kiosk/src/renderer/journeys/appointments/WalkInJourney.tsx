import type { ActorRefFrom } from 'xstate';
import { useSelector } from '@xstate/react';
import { useTranslation } from 'react-i18next';
import type { WalkInMachine } from '../../../flows/index';
import { ScreenFrame } from '../../components/ScreenFrame';
import { TurnOutcome } from './Outcome';
import { BackButton, Busy, Choice, ProblemText } from './parts';

/**
 * A turn without appointment, for today, at this kiosk's office. Services by appointment only are
 * not listed; when the office has none that takes walk-ins, or the hub refuses the chosen one as
 * appointment-only, the screen says so and offers booking instead.
 */
export function WalkInJourney({ actor }: { actor: ActorRefFrom<WalkInMachine> }) {
  const { t } = useTranslation();
  const snapshot = useSelector(actor, (s) => s);
  const c = snapshot.context;
  const send = actor.send;
  const bookInstead = (
    <button type="button" className="button button-primary action-end" data-testid="appt-walk-in-book" onClick={() => send({ type: 'booking.chosen' })}>
      {t('appointments.book')}
    </button>
  );
  switch (true) {
    case snapshot.matches('service'): {
      const services = (c.here?.services ?? []).filter((service) => service.walkIn);
      const back = <BackButton onClick={() => send({ type: 'step.back' })} testId="appt-walk-in-back" />;
      if (services.length === 0) {
        return (
          <ScreenFrame
            title={t('appointments.walkIn')}
            actions={
              <>
                {back}
                {bookInstead}
              </>
            }
          >
            {c.here ? <p className="lead">{c.here.name}</p> : null}
            <p className="lead" data-testid="appt-walk-in-none">
              {t('appointments.walkInNone')}
            </p>
          </ScreenFrame>
        );
      }
      // Say which services are left out and why, so a citizen who came for one is not left guessing.
      const byAppointment = (c.here?.services ?? []).filter((service) => !service.walkIn);
      return (
        <ScreenFrame
          title={t('appointments.walkInTitle')}
          actions={
            byAppointment.length === 0 ? (
              back
            ) : (
              <>
                {back}
                {bookInstead}
              </>
            )
          }
        >
          {c.here ? <p className="lead">{c.here.name}</p> : null}
          <ul className="appt-grid">
            {services.map((service) => (
              <Choice key={service.code} testId={`appt-walk-in-${service.code}`} name={service.name} onClick={() => send({ type: 'service.chosen', code: service.code })} />
            ))}
          </ul>
          {byAppointment.length > 0 ? (
            <p className="lead" data-testid="appt-walk-in-by-appointment">
              {t('appointments.walkInByAppointment', { names: byAppointment.map((service) => service.name).join(t('a11ySpeech.separator')) })}
            </p>
          ) : null}
        </ScreenFrame>
      );
    }
    case snapshot.matches('issuing'):
      return <Busy title={t('appointments.walkInTitle')} />;
    case snapshot.matches('failed'):
      return (
        <ScreenFrame
          title={t('appointments.failedTitle')}
          actions={
            <>
              <BackButton onClick={() => send({ type: 'walkIn.abandoned' })} testId="appt-walk-in-abandon" label={t('appointments.home')} />
              {c.problem === 'walk-in-not-offered' ? (
                // Asking again cannot help: the service is by appointment only.
                bookInstead
              ) : (
                <button type="button" className="button button-primary action-end" data-testid="appt-walk-in-retry" onClick={() => send({ type: 'walkIn.retried' })}>
                  {t('appointments.retry')}
                </button>
              )}
            </>
          }
        >
          <ProblemText problem={c.problem} />
        </ScreenFrame>
      );
    case snapshot.matches('issued'):
      return c.turn ? <TurnOutcome turn={c.turn} ticket={c.ticket} locale={c.locale} onFinish={() => send({ type: 'walkIn.finished' })} testId="appt-walked-in" /> : null;
    default:
      return null;
  }
}
