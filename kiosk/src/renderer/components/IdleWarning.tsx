import { useEffect, useId, useRef, useState } from 'react';
import { useSelector } from '@xstate/react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../state/session-context';
import { selectCanExtend, selectIsWarning, selectWarningMs } from '../state/selectors';
import { playIdleTone } from '../a11y/idle-tone';

/** How often the visible countdown updates; the reset itself is the machine's timer. */
const COUNTDOWN_TICK_MS = 1000;

/**
 * "Are you still there?": shown while the session machine is in its warning state, by sight and by
 * sound (a short tone; in audio mode the focus model also reads the title and text aloud when the
 * highlight enters the dialog).
 */
export function IdleWarning() {
  const session = useSession();
  const warning = useSelector(session, selectIsWarning);
  return warning ? <IdleWarningDialog /> : null;
}

function IdleWarningDialog() {
  const { t } = useTranslation();
  const session = useSession();
  const warningMs = useSelector(session, selectWarningMs);
  const canExtend = useSelector(session, selectCanExtend);
  const [secondsLeft, setSecondsLeft] = useState(Math.ceil(warningMs / 1000));
  const [sound, setSound] = useState<'played' | 'unavailable' | null>(null);
  const ref = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  const bodyId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    setSound(playIdleTone() ? 'played' : 'unavailable');
    const shownAt = Date.now();
    const tick = setInterval(() => {
      setSecondsLeft(Math.max(0, Math.ceil((warningMs - (Date.now() - shownAt)) / 1000)));
    }, COUNTDOWN_TICK_MS);
    return () => {
      clearInterval(tick);
      dialog?.close();
    };
  }, [warningMs]);

  return (
    <dialog
      ref={ref}
      className="dialog dialog-warning"
      role="alertdialog"
      aria-labelledby={headingId}
      aria-describedby={bodyId}
      data-testid="idle-warning"
      data-sound={sound ?? undefined}
      // Escape is a keypress, i.e. presence: it extends rather than closing a dialog the machine owns.
      onCancel={(event) => {
        event.preventDefault();
        session.send({ type: 'idle.extended' });
      }}
    >
      <h2 id={headingId}>{t('idle.title')}</h2>
      <p id={bodyId}>{t('idle.body')}</p>
      {/* Not a live region: announcing every second would drown the message itself. */}
      <p className="countdown">
        {t('idle.countdown', { seconds: secondsLeft })}
      </p>
      {canExtend ? (
        <button
          type="button"
          className="button button-primary"
          data-testid="idle-extend"
          autoFocus
          onClick={() => session.send({ type: 'idle.extended' })}
        >
          {t('idle.extend')}
        </button>
      ) : null}
    </dialog>
  );
}
