import type { ActorRefFrom } from 'xstate';
import { useSelector } from '@xstate/react';
import { useTranslation } from 'react-i18next';
import type { KioskLocale, KioskOffice } from '@kiosk/shared';
import type { ManageMachine } from '../../../flows/index';
import { ScreenFrame } from '../../components/ScreenFrame';
import { AppointmentOutcome, AppointmentSummary } from './Outcome';
import { BackButton, Busy, DayPicker, ProblemText, TextEntry, TimePicker } from './parts';
import { formatWhen } from './format';

const STATUS_KEY = { booked: 'appointments.statusBooked', cancelled: 'appointments.statusCancelled', 'checked-in': 'appointments.statusCheckedIn' } as const;

/** Cancel or move a booking: reference, document number, then the choice. */
export function ManageJourney({ actor, offices, locale }: { actor: ActorRefFrom<ManageMachine>; offices: readonly KioskOffice[]; locale: KioskLocale }) {
  const { t } = useTranslation();
  const snapshot = useSelector(actor, (s) => s);
  const c = snapshot.context;
  const send = actor.send;
  const back = (step: string) => <BackButton onClick={() => send({ type: 'step.back' })} testId={`appt-manage-${step}-back`} />;
  const appointment = c.appointment;
  const office = offices.find((o) => o.code === appointment?.office);
  const timeZone = appointment?.timeZone ?? 'Europe/Madrid';
  const abandon = <BackButton onClick={() => send({ type: 'manage.abandoned' })} testId="appt-manage-abandon" label={t('appointments.home')} />;

  switch (true) {
    case snapshot.matches('reference'):
      return (
        <TextEntry
          title={t('appointments.referenceTitle')}
          hint={t('appointments.referenceHint')}
          value={c.reference}
          problem={c.fieldProblem ? t('appointments.problemReference') : null}
          keyboard="document"
          locale={locale}
          testId="appt-manage-reference"
          maxLength={40}
          onChange={(text) => send({ type: 'reference.changed', text })}
          onSubmit={() => send({ type: 'reference.submitted' })}
          onBack={() => send({ type: 'step.back' })}
        />
      );
    case snapshot.matches('document'):
      return (
        <TextEntry
          title={t('appointments.idNumberTitle')}
          hint={t('appointments.manageDocumentHint')}
          value={c.idNumber}
          problem={c.fieldProblem ? t('appointments.problemDocumentFormat') : null}
          keyboard="document"
          locale={locale}
          testId="appt-manage-document"
          personal
          maxLength={20}
          onChange={(text) => send({ type: 'idNumber.changed', text })}
          onSubmit={() => send({ type: 'idNumber.submitted' })}
          onBack={() => send({ type: 'step.back' })}
        />
      );
    case snapshot.matches('finding'):
    case snapshot.matches('cancelling'):
    case snapshot.matches('loadingSlots'):
    case snapshot.matches('rescheduling'):
      return <Busy title={t('appointments.manage')} />;
    case snapshot.matches('notFound'):
    case snapshot.matches('failed'):
      return (
        <ScreenFrame
          title={t('appointments.failedTitle')}
          actions={
            <>
              {abandon}
              {snapshot.matches('notFound') ? (
                <button type="button" className="button button-secondary" data-testid="appt-manage-correct" onClick={() => send({ type: 'step.back' })}>
                  {t('appointments.correct')}
                </button>
              ) : null}
              <button type="button" className="button button-primary action-end" data-testid="appt-manage-retry" onClick={() => send({ type: 'manage.retried' })}>
                {t('appointments.retry')}
              </button>
            </>
          }
        >
          <ProblemText problem={c.problem} />
        </ScreenFrame>
      );
    case snapshot.matches('found'):
      return appointment ? (
        <ScreenFrame title={t('appointments.foundTitle')} actions={<>{back('found')}{abandon}</>}>
          <p className="lead" data-testid="appt-found-status" data-status={appointment.status}>
            <span dir="ltr">{appointment.reference}</span> · {t(STATUS_KEY[appointment.status])}
          </p>
          <AppointmentSummary appointment={appointment} office={office} locale={locale} />
          {appointment.status === 'booked' ? (
            <div className="screen-actions">
              <button type="button" className="button button-secondary" data-testid="appt-cancel" onClick={() => send({ type: 'cancel.chosen' })}>
                {t('appointments.cancelChoice')}
              </button>
              <button type="button" className="button button-primary" data-testid="appt-reschedule" onClick={() => send({ type: 'reschedule.chosen' })}>
                {t('appointments.rescheduleChoice')}
              </button>
            </div>
          ) : (
            <p className="lead">{t('appointments.cannotChange')}</p>
          )}
        </ScreenFrame>
      ) : null;
    case snapshot.matches('confirmingCancel'):
      return (
        <ScreenFrame
          title={t('appointments.cancelConfirmTitle')}
          actions={
            <>
              <BackButton onClick={() => send({ type: 'step.back' })} testId="appt-cancel-keep" label={t('appointments.keep')} />
              <button type="button" className="button button-primary action-end" data-testid="appt-cancel-confirm" onClick={() => send({ type: 'cancel.confirmed' })}>
                {t('appointments.cancelConfirm')}
              </button>
            </>
          }
        >
          {appointment ? <AppointmentSummary appointment={appointment} office={office} locale={locale} /> : null}
          <p className="lead">{t('appointments.cancelConfirmHint')}</p>
        </ScreenFrame>
      );
    case snapshot.matches('cancelled'):
      return (
        <ScreenFrame
          title={t('appointments.cancelledTitle')}
          actions={
            <button type="button" className="button button-primary action-end" data-testid="appt-cancelled-finish" onClick={() => send({ type: 'manage.finished' })}>
              {t('appointments.finish')}
            </button>
          }
        >
          <p className="lead" data-testid="appt-cancelled" data-reference={appointment?.reference}>
            {t('appointments.cancelledHint')}
          </p>
        </ScreenFrame>
      );
    case snapshot.matches('noSlots'):
      return (
        <ScreenFrame title={t('appointments.dayTitle')} actions={back('no-slots')}>
          <p className="lead">{t('appointments.noSlots')}</p>
        </ScreenFrame>
      );
    case snapshot.matches('day'):
      return <DayPicker slots={c.slots} timeZone={timeZone} locale={locale} onChoose={(day) => send({ type: 'day.chosen', day })} back={back('day')} />;
    case snapshot.matches('time'):
      return <TimePicker slots={c.slots} day={c.day} timeZone={timeZone} locale={locale} onChoose={(start) => send({ type: 'time.chosen', start })} back={back('time')} />;
    case snapshot.matches('confirmingReschedule'):
      return (
        <ScreenFrame
          title={t('appointments.rescheduleConfirmTitle')}
          actions={
            <>
              {back('reschedule')}
              <button type="button" className="button button-primary action-end" data-testid="appt-reschedule-confirm" onClick={() => send({ type: 'reschedule.confirmed' })}>
                {t('appointments.rescheduleConfirm')}
              </button>
            </>
          }
        >
          <p className="lead">{c.start ? formatWhen(c.start, timeZone, locale) : ''}</p>
        </ScreenFrame>
      );
    case snapshot.matches('rescheduled'):
      return appointment ? (
        <AppointmentOutcome title={t('appointments.rescheduledTitle')} appointment={appointment} offices={offices} locale={locale} ticket={c.ticket} onFinish={() => send({ type: 'manage.finished' })} testId="appt-rescheduled" />
      ) : null;
    default:
      return null;
  }
}
