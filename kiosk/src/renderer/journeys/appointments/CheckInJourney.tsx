import type { ActorRefFrom } from 'xstate';
import { useSelector } from '@xstate/react';
import { useTranslation } from 'react-i18next';
import type { KioskLocale } from '@kiosk/shared';
import type { CheckInMachine } from '../../../flows/index';
import { ScreenFrame } from '../../components/ScreenFrame';
import { TurnOutcome } from './Outcome';
import { BackButton, Busy, Choice, ProblemText, TextEntry } from './parts';
import { useAgentScanner, useScanner } from './use-scanner';

/** Check-in: scan the confirmation's QR at any point, or type the reference or the document. */
export function CheckInJourney({ actor, locale }: { actor: ActorRefFrom<CheckInMachine>; locale: KioskLocale }) {
  const { t } = useTranslation();
  const snapshot = useSelector(actor, (s) => s);
  const c = snapshot.context;
  const send = actor.send;
  const scanning = snapshot.matches('choosing') || snapshot.matches('refused');
  useScanner(scanning, (payload) => send({ type: 'code.scanned', payload }));
  // A serial scanner's reads come from the agent; the machine takes them wherever a code is accepted.
  useAgentScanner((payload) => send({ type: 'code.scanned', payload }));

  switch (true) {
    case snapshot.matches('choosing'):
      return (
        <ScreenFrame title={t('appointments.checkInTitle')} actions={<BackButton onClick={() => send({ type: 'step.back' })} testId="appt-check-in-back" />}>
          <p className="lead appt-scan" data-testid="appt-scan-hint">
            {t('appointments.scanHint')}
          </p>
          <ul className="appt-list">
            <Choice testId="appt-by-reference" name={t('appointments.byReference')} onClick={() => send({ type: 'method.chosen', method: 'reference' })} />
            <Choice testId="appt-by-document" name={t('appointments.byDocument')} onClick={() => send({ type: 'method.chosen', method: 'document' })} />
          </ul>
        </ScreenFrame>
      );
    case snapshot.matches('reference'):
      return (
        <TextEntry
          title={t('appointments.referenceTitle')}
          hint={t('appointments.referenceHint')}
          value={c.reference}
          problem={c.fieldProblem ? t('appointments.problemReference') : null}
          keyboard="document"
          locale={locale}
          testId="appt-reference"
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
          hint={t('appointments.checkInDocumentHint')}
          value={c.idNumber}
          problem={c.fieldProblem ? t('appointments.problemDocumentFormat') : null}
          keyboard="document"
          locale={locale}
          testId="appt-document"
          personal
          maxLength={20}
          onChange={(text) => send({ type: 'idNumber.changed', text })}
          onSubmit={() => send({ type: 'idNumber.submitted' })}
          onBack={() => send({ type: 'step.back' })}
        />
      );
    case snapshot.matches('checkingIn'):
      return <Busy title={t('appointments.checkInTitle')} />;
    case snapshot.matches('refused'):
      return (
        <ScreenFrame
          title={t('appointments.refusedTitle')}
          actions={
            <>
              <BackButton onClick={() => send({ type: 'checkIn.abandoned' })} testId="appt-check-in-abandon" label={t('appointments.home')} />
              {c.problem === 'offline' ? (
                <button type="button" className="button button-secondary" data-testid="appt-check-in-retry" onClick={() => send({ type: 'checkIn.retried' })}>
                  {t('appointments.retry')}
                </button>
              ) : null}
              <button type="button" className="button button-primary action-end" data-testid="appt-check-in-again" onClick={() => send({ type: 'checkIn.restarted' })}>
                {t('appointments.startAgain')}
              </button>
            </>
          }
        >
          <ProblemText problem={c.problem} />
        </ScreenFrame>
      );
    case snapshot.matches('checkedIn'):
      return c.turn ? <TurnOutcome turn={c.turn} ticket={c.ticket} locale={locale} onFinish={() => send({ type: 'checkIn.finished' })} testId="appt-checked-in" /> : null;
    default:
      return null;
  }
}
