import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SETTABLE_DETAILED_STATUSES, type CaseDetail, type StaffList } from '@kiosk/shared';
import { fromLocalInput, toLocalInput } from './format';
import { useCaseChange, type CaseChange } from './queries';
import { useErrorText } from '../../api/error-messages';

/** The changes a case handler makes on one case; each form sends one change to the hub. */
export function CaseActions({ detail, staff }: { detail: CaseDetail; staff: StaffList['staff'] | undefined }) {
  const { t } = useTranslation('cases');
  const errorText = useErrorText();
  const change = useCaseChange(detail.id);
  const [assignee, setAssignee] = useState(detail.assignee?.id ?? '');
  const [status, setStatus] = useState<string>(detail.detailedStatus === 'duplicate' ? 'received' : detail.detailedStatus);
  const [publicNote, setPublicNote] = useState('');
  const [internalNote, setInternalNote] = useState('');
  const [expected, setExpected] = useState(toLocalInput(detail.expectedAt));
  const [note, setNote] = useState('');
  const [done, setDone] = useState<string | null>(null);

  const send = (event: FormEvent, what: CaseChange, after: () => void) => {
    event.preventDefault();
    setDone(null);
    change.mutate(what, {
      onSuccess: () => {
        after();
        setDone(t(`done.${what.kind}`));
      },
    });
  };
  const trimmed = (value: string) => (value.trim() === '' ? undefined : value.trim());

  return (
    <section className="card cases-actions" aria-labelledby="case-actions-title" data-testid="case-actions">
      <h2 id="case-actions-title">{t('actions')}</h2>
      {change.isError && (
        <p role="alert" className="error-box" data-testid="case-change-error">
          {t('changeFailed', { message: errorText(change.error) })}
        </p>
      )}
      {done !== null && (
        <p role="status" className="notice" data-testid="case-change-done">
          {done}
        </p>
      )}

      <form onSubmit={(e) => send(e, { kind: 'assign', assigneeId: assignee === '' ? null : assignee }, () => undefined)}>
        <h3>{t('assign.title')}</h3>
        <label>
          {t('assign.to')}
          <select value={assignee} onChange={(e) => setAssignee(e.target.value)} data-testid="case-assignee-select">
            <option value="">{t('unassigned')}</option>
            {staff?.map((s) => (
              <option key={s.id} value={s.id}>
                {s.username}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={change.isPending} data-testid="case-assign">
          {t('assign.submit')}
        </button>
      </form>

      <form
        onSubmit={(e) => {
          const code = SETTABLE_DETAILED_STATUSES.find((s) => s === status);
          if (code === undefined) return;
          const pub = trimmed(publicNote);
          const internal = trimmed(internalNote);
          send(e, { kind: 'status', detailedStatus: code, ...(pub !== undefined && { publicNote: pub }), ...(internal !== undefined && { internalNote: internal }) }, () => {
            setPublicNote('');
            setInternalNote('');
          });
        }}
      >
        <h3>{t('statusChange.title')}</h3>
        <label>
          {t('statusChange.to')}
          <select value={status} onChange={(e) => setStatus(e.target.value)} data-testid="case-status-select">
            {SETTABLE_DETAILED_STATUSES.map((code) => (
              <option key={code} value={code}>
                {t(`status.${code}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('statusChange.publicNote')}
          <textarea value={publicNote} onChange={(e) => setPublicNote(e.target.value)} maxLength={4000} rows={3} data-testid="case-public-note" />
        </label>
        <label>
          {t('statusChange.internalNote')}
          <textarea value={internalNote} onChange={(e) => setInternalNote(e.target.value)} maxLength={4000} rows={2} data-testid="case-status-internal-note" />
        </label>
        <button type="submit" disabled={change.isPending} data-testid="case-status-submit">
          {t('statusChange.submit')}
        </button>
      </form>

      <form onSubmit={(e) => send(e, { kind: 'expected', expectedAt: fromLocalInput(expected) }, () => undefined)}>
        <h3>{t('expectedDate.title')}</h3>
        <label>
          {t('expectedDate.label')}
          <input type="datetime-local" value={expected} onChange={(e) => setExpected(e.target.value)} data-testid="case-expected-input" />
        </label>
        <div className="page-actions">
          <button type="submit" disabled={change.isPending} data-testid="case-expected-submit">
            {t('expectedDate.submit')}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={change.isPending || detail.expectedAt === null}
            onClick={(e) => send(e, { kind: 'expected', expectedAt: null }, () => setExpected(''))}
            data-testid="case-expected-clear"
          >
            {t('expectedDate.clear')}
          </button>
        </div>
      </form>

      <form onSubmit={(e) => send(e, { kind: 'note', body: note.trim() }, () => setNote(''))}>
        <h3>{t('note.title')}</h3>
        <label>
          {t('note.label')}
          <textarea value={note} onChange={(e) => setNote(e.target.value)} maxLength={4000} rows={3} required data-testid="case-note-input" />
        </label>
        <button type="submit" disabled={change.isPending || note.trim() === ''} data-testid="case-note-submit">
          {t('note.submit')}
        </button>
      </form>
    </section>
  );
}
