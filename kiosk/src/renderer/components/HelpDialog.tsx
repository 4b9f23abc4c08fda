import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useKioskClient } from '../bridge/client-context';
import { A11yControls } from '../a11y/A11yControls';

type CallState = 'idle' | 'calling' | 'called' | 'failed';

/**
 * Help for the current screen and a way to bring a person: "Call staff" asks the agent to alert
 * the office (only the screen's name travels). If the hub cannot be told, the citizen is sent to
 * the desk instead of waiting for someone who is not coming. The accessibility switches (large
 * text, contrast, reach, reading aloud) live here too, the same place on every screen.
 */
export function HelpDialog({ screen, callAtOnce, onClose }: { screen: string; callAtOnce: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useKioskClient();
  const ref = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  const bodyId = useId();
  const [call, setCall] = useState<CallState>('idle');
  const callStaff = () => {
    setCall('calling');
    client
      .call('staff.call', { screen })
      .then((answer) => setCall(answer.notified ? 'called' : 'failed'))
      .catch(() => setCall('failed'));
  };
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    if (callAtOnce) callStaff();
    return () => dialog?.close();
    // Opened once per press: the call happens on opening, never again on re-render.
  }, []);
  const status = { idle: null, calling: 'help.calling', called: 'help.called', failed: 'help.callFailed' } as const;
  const statusKey = status[call];
  return (
    <dialog ref={ref} className="dialog" aria-labelledby={headingId} aria-describedby={bodyId} onClose={onClose} data-testid="help-dialog">
      <h2 id={headingId}>{t('help.title')}</h2>
      <p className="lead" id={bodyId}>
        {t('help.body')}
      </p>
      {statusKey ? (
        <p className="help-status" role="status" data-testid="help-call-status" data-state={call}>
          {t(statusKey)}
        </p>
      ) : null}
      <A11yControls />
      <div className="dialog-actions help-actions">
        <button type="button" className="button button-secondary" data-testid="help-close" onClick={onClose}>
          {t('help.close')}
        </button>
        {call === 'idle' || call === 'failed' ? (
          <button type="button" className="button button-primary" data-testid="help-call-staff" onClick={callStaff}>
            {t('help.callStaff')}
          </button>
        ) : null}
      </div>
    </dialog>
  );
}
