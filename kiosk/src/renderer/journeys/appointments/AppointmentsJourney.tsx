import type { ActorRefFrom } from 'xstate';
import { useSelector } from '@xstate/react';
import { useTranslation } from 'react-i18next';
import { hereOffice, type AppointmentsMachine } from '../../../flows/index';
import { ScreenFrame } from '../../components/ScreenFrame';
import { BookingJourney } from './BookingJourney';
import { CheckInJourney } from './CheckInJourney';
import { ManageJourney } from './ManageJourney';
import { WalkInJourney } from './WalkInJourney';
import { BackButton, Choice, ProblemText } from './parts';

type AppointmentsActor = ActorRefFrom<AppointmentsMachine>;

/** The appointments menu, or the child journey running under it. */
export function AppointmentsJourney({ actor }: { actor: AppointmentsActor }) {
  const snapshot = useSelector(actor, (s) => s);
  const { booking, checkIn, manage, walkIn } = snapshot.children;
  const { locale, offices } = snapshot.context;
  const walkInsHere = hereOffice(snapshot.context)?.services.some((service) => service.walkIn) ?? false;
  if (snapshot.matches({ active: { steps: 'booking' } }) && booking) return <BookingJourney actor={booking} offices={offices} locale={locale} walkInsHere={walkInsHere} />;
  if (snapshot.matches({ active: { steps: 'checkIn' } }) && checkIn) return <CheckInJourney actor={checkIn} locale={locale} />;
  if (snapshot.matches({ active: { steps: 'manage' } }) && manage) return <ManageJourney actor={manage} offices={offices} locale={locale} />;
  if (snapshot.matches({ active: { steps: 'walkIn' } }) && walkIn) return <WalkInJourney actor={walkIn} />;
  return <Menu actor={actor} />;
}

function Menu({ actor }: { actor: AppointmentsActor }) {
  const { t } = useTranslation();
  const loading = useSelector(actor, (s) => s.matches({ active: { offices: 'loading' } }));
  const unavailable = useSelector(actor, (s) => s.matches({ active: { offices: 'unavailable' } }));
  const problem = useSelector(actor, (s) => s.context.officesProblem);
  const hasOffices = useSelector(actor, (s) => s.context.offices.length > 0);
  const walkIns = useSelector(actor, (s) => hereOffice(s.context)?.services.some((service) => service.walkIn) ?? false);
  return (
    <ScreenFrame title={t('appointments.menuTitle')} actions={<BackButton onClick={() => actor.send({ type: 'appointments.abandoned' })} testId="appt-menu-back" />}>
      {loading && !hasOffices ? (
        <p className="lead" role="status">
          {t('appointments.working')}
        </p>
      ) : null}
      {unavailable ? (
        <div className="appt-field" data-testid="appt-offline">
          <ProblemText problem={problem} />
          <p className="lead">{t('appointments.offlineWhatNext')}</p>
          <button type="button" className="button button-secondary" data-testid="appt-offices-retry" onClick={() => actor.send({ type: 'offices.retried' })}>
            {t('appointments.retry')}
          </button>
        </div>
      ) : null}
      <ul className="appt-list">
        {hasOffices ? <Choice testId="appt-book" name={t('appointments.book')} hint={t('appointments.bookHint')} onClick={() => actor.send({ type: 'booking.started' })} /> : null}
        <Choice testId="appt-check-in" name={t('appointments.checkIn')} hint={t('appointments.checkInHint')} onClick={() => actor.send({ type: 'checkIn.started' })} />
        <Choice testId="appt-manage" name={t('appointments.manage')} hint={t('appointments.manageHint')} onClick={() => actor.send({ type: 'manage.started' })} />
        {walkIns ? <Choice testId="appt-walk-in" name={t('appointments.walkIn')} hint={t('appointments.walkInHint')} onClick={() => actor.send({ type: 'walkIn.started' })} /> : null}
      </ul>
    </ScreenFrame>
  );
}
