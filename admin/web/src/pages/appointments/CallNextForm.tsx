import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OfficeSettings } from '@kiosk/shared';
import { useCallNext } from './queries';
import { useErrorText } from '../../api/error-messages';

/** A desk calls its next citizen: the desk's current turn ends and the oldest waiting one is called. */
export function CallNextForm({ office, desks }: { office: string; desks: OfficeSettings['desks'] }) {
  const { t } = useTranslation('appointments');
  const errorText = useErrorText();
  const active = desks.filter((d) => d.active);
  const [desk, setDesk] = useState('');
  const callNext = useCallNext(office);
  const chosen = desk !== '' && active.some((d) => d.code === desk) ? desk : (active[0]?.code ?? '');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (chosen !== '') callNext.mutate(chosen);
  };

  if (active.length === 0) return <p className="notice">{t('callNext.noDesks')}</p>;
  const answer = callNext.data;
  return (
    <form className="filters" onSubmit={submit} aria-labelledby="call-next-title">
      <label>
        {t('callNext.desk')}
        <select value={chosen} onChange={(event) => setDesk(event.target.value)} data-testid="call-next-desk">
          {active.map((d) => (
            <option key={d.code} value={d.code}>
              {d.label}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={callNext.isPending} data-testid="call-next">
        {t('callNext.button')}
      </button>
      <p role="status" className="call-next-result" data-testid="call-next-result">
        {answer === undefined ? '' : answer.turn === null ? t('callNext.empty') : t('callNext.called', { label: answer.turn.label, desk: answer.turn.deskCode })}
      </p>
      {callNext.isError && (
        <p role="alert" className="error">
          {t('callNext.failed', { message: errorText(callNext.error) })}
        </p>
      )}
    </form>
  );
}
