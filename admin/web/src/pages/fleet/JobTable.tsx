import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { JobState, JobView } from '@kiosk/shared';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { formatDateTime } from './format';
import { useCancelJob, useJobLogs } from './queries';
import { useErrorText } from '../../api/error-messages';

const STATE_CLASS: Record<JobState, string> = {
  queued: 'status-off',
  delivered: 'status-off',
  'in-progress': 'status-warn',
  succeeded: 'status-ok',
  failed: 'status-bad',
  'timed-out': 'status-bad',
  expired: 'status-off',
  cancelled: 'status-off',
  rejected: 'status-bad',
};
const CANCELLABLE: ReadonlySet<JobState> = new Set<JobState>(['queued', 'delivered']);

/** What the kiosk answered: small key/value results (ids, counts, codes) or its error. */
function Outcome({ job }: { job: JobView }) {
  if (job.error !== null) return <span className="error">{job.error}</span>;
  if (job.result === null) return <span className="muted">—</span>;
  return (
    <dl className="job-result">
      {Object.entries(job.result).map(([key, value]) => (
        <div key={key}>
          <dt>{key}</dt>
          <dd>{String(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Jobs newest first with their state, outcome, logs and a cancel for those not started yet. */
export function JobTable({ jobs, labels, canCancel }: { jobs: readonly JobView[]; labels: ReadonlyMap<string, string>; canCancel: boolean }) {
  const { t, i18n } = useTranslation('fleet');
  const errorText = useErrorText();
  const cancel = useCancelJob();
  const [confirming, setConfirming] = useState<JobView | null>(null);
  const [logsOf, setLogsOf] = useState<string | null>(null);
  if (jobs.length === 0) return <p className="muted">{t('jobs.none')}</p>;
  return (
    <>
      <div className="table-wrap">
        <table data-testid="job-table">
          <thead>
            <tr>
              <th scope="col">{t('jobs.created')}</th>
              <th scope="col">{t('jobs.kiosk')}</th>
              <th scope="col">{t('jobs.type')}</th>
              <th scope="col">{t('jobs.state')}</th>
              <th scope="col">{t('jobs.outcome')}</th>
              <th scope="col">{t('jobs.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {jobs.map((job) => (
              <tr key={job.id} data-testid={`job-row-${job.id}`} data-job-type={job.type}>
                <td>{formatDateTime(job.createdAt, i18n.language)}</td>
                <td>
                  <Link to={`/fleet/${encodeURIComponent(job.deviceId)}`}>{labels.get(job.deviceId) ?? job.deviceId}</Link>
                </td>
                <td>{t(`jobType.${job.type}`, { defaultValue: job.type })}</td>
                <td>
                  <span className={`status ${STATE_CLASS[job.state]}`} data-testid="job-state" data-state={job.state}>
                    {t(`jobState.${job.state}`)}
                  </span>
                </td>
                <td>
                  <Outcome job={job} />
                </td>
                <td>
                  <div className="row-actions">
                    {job.type === 'upload-logs' && job.state === 'succeeded' && (
                      <button type="button" className="secondary" onClick={() => setLogsOf(logsOf === job.id ? null : job.id)} aria-expanded={logsOf === job.id}>
                        {t('jobs.logs')}
                      </button>
                    )}
                    {canCancel && CANCELLABLE.has(job.state) && (
                      <button type="button" className="secondary" onClick={() => setConfirming(job)} data-testid="job-cancel">
                        {t('jobs.cancel')}
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {cancel.isError && (
        <p role="alert" className="error">
          {t('jobs.cancelFailed', { message: errorText(cancel.error) })}
        </p>
      )}
      {logsOf !== null && <JobLogs jobId={logsOf} />}
      {confirming !== null && (
        <ConfirmDialog
          open={confirming !== null}
          title={t('jobs.cancelTitle')}
          confirmLabel={t('jobs.cancel')}
          onCancel={() => setConfirming(null)}
          onConfirm={() => {
            if (confirming !== null) cancel.mutate(confirming.id);
            setConfirming(null);
          }}
        >
          <p>{confirming === null ? '' : t('jobs.cancelBody', { type: t(`jobType.${confirming.type}`, { defaultValue: confirming.type }), kiosk: labels.get(confirming.deviceId) ?? confirming.deviceId })}</p>
        </ConfirmDialog>
      )}
    </>
  );
}

function JobLogs({ jobId }: { jobId: string }) {
  const { t, i18n } = useTranslation('fleet');
  const errorText = useErrorText();
  const logs = useJobLogs(jobId);
  if (logs.isPending) return <p role="status">{t('jobs.logsLoading')}</p>;
  if (logs.isError)
    return (
      <p role="alert" className="error">
        {errorText(logs.error)}
      </p>
    );
  return (
    <section className="card job-logs" aria-label={t('jobs.logs')}>
      <h3>{t('jobs.logsTitle', { time: formatDateTime(logs.data.uploadedAt, i18n.language), lines: logs.data.lines.length })}</h3>
      <pre tabIndex={0}>{logs.data.lines.join('\n')}</pre>
    </section>
  );
}
