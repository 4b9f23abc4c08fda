import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SETTABLE_DETAILED_STATUSES, type BulkChangeBody, type BulkResult, type StaffList } from '@kiosk/shared';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useBulkChange } from './queries';
import { useErrorText } from '../../api/error-messages';

type Change = BulkChangeBody['change'];

/** Assign or change the status of the selected cases, after a confirmation, with a per-case report. */
export function BulkActions({
  selected,
  staff,
  onDone,
}: {
  selected: readonly string[];
  staff: StaffList['staff'] | undefined;
  /** The hub's per-case report; the page shows it (this section goes once the selection is cleared). */
  onDone: (result: BulkResult) => void;
}) {
  const { t } = useTranslation('cases');
  const errorText = useErrorText();
  const bulk = useBulkChange();
  const [assignee, setAssignee] = useState('');
  const [status, setStatus] = useState('');
  const [pending, setPending] = useState<Change | null>(null);

  const describe = (change: Change) =>
    change.kind === 'assign'
      ? t('bulk.confirmAssign', { count: selected.length, who: change.assigneeId === null ? t('unassigned') : (staff?.find((s) => s.id === change.assigneeId)?.username ?? '') })
      : t('bulk.confirmStatus', { count: selected.length, status: t(`status.${change.detailedStatus}`) });

  const confirm = () => {
    if (pending === null) return;
    const change = pending;
    setPending(null);
    bulk.mutate(
      { ids: [...selected], change },
      {
        onSuccess: onDone,
      },
    );
  };

  return (
    <section className="cases-bulk card" aria-labelledby="cases-bulk-title" data-testid="cases-bulk">
      <h2 id="cases-bulk-title">{t('bulk.title', { count: selected.length })}</h2>
      <div className="filters">
        <label>
          {t('bulk.assignTo')}
          <select value={assignee} onChange={(e) => setAssignee(e.target.value)} data-testid="cases-bulk-assignee">
            <option value="">{t('choose')}</option>
            <option value="none">{t('unassigned')}</option>
            {staff?.map((s) => (
              <option key={s.id} value={s.id}>
                {s.username}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          disabled={selected.length === 0 || assignee === ''}
          onClick={() => setPending({ kind: 'assign', assigneeId: assignee === 'none' ? null : assignee })}
          data-testid="cases-bulk-assign"
        >
          {t('bulk.assign')}
        </button>
        <label>
          {t('bulk.statusTo')}
          <select value={status} onChange={(e) => setStatus(e.target.value)} data-testid="cases-bulk-status">
            <option value="">{t('choose')}</option>
            {SETTABLE_DETAILED_STATUSES.map((code) => (
              <option key={code} value={code}>
                {t(`status.${code}`)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          disabled={selected.length === 0 || status === ''}
          onClick={() => {
            const code = SETTABLE_DETAILED_STATUSES.find((s) => s === status);
            if (code) setPending({ kind: 'status', detailedStatus: code });
          }}
          data-testid="cases-bulk-change-status"
        >
          {t('bulk.changeStatus')}
        </button>
      </div>
      {bulk.isError && (
        <p role="alert" className="error-box">
          {t('changeFailed', { message: errorText(bulk.error) })}
        </p>
      )}
      <ConfirmDialog open={pending !== null} title={t('bulk.confirmTitle')} confirmLabel={t('bulk.apply')} onConfirm={confirm} onCancel={() => setPending(null)}>
        <p>{pending !== null && describe(pending)}</p>
      </ConfirmDialog>
    </section>
  );
}

/** What a bulk change did: how many cases changed, and why each other one did not. */
export function BulkReport({ report }: { report: BulkResult }) {
  const { t } = useTranslation('cases');
  const errorText = useErrorText();
  const failures = report.results.flatMap((r) => (r.ok ? [] : [r]));
  return (
    <div role="status" className={failures.length === 0 ? 'notice' : 'error-box'} data-testid="cases-bulk-report">
      <p>{t('bulk.report', { done: report.results.length - failures.length, failed: failures.length })}</p>
      {failures.length > 0 && (
        <ul>
          {failures.map((f) => (
            <li key={f.id}>
              {f.id}: {errorText(f.error)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
