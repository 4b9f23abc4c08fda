import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { JOB_STATES, JobStateSchema, type JobState } from '@kiosk/shared';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { useCurrentUser } from '../../api/session';
import { useFleetOverview, useJobs } from './queries';
import { JobTable } from './JobTable';
import { SendJobForm } from './SendJobForm';
import { canOperate } from './roles';

/** /fleet/jobs: send a job to a kiosk, a site or a group, and follow every job's state. */
export function JobsPage() {
  const { t } = useTranslation('fleet');
  const me = useCurrentUser();
  const overview = useFleetOverview();
  const [state, setState] = useState<JobState | ''>('');
  const jobs = useJobs(state === '' ? {} : { state }, canOperate(me.role));
  const labels = new Map((overview.data?.kiosks ?? []).map((k) => [k.id, k.label]));
  if (!canOperate(me.role))
    return (
      <p role="alert" className="error" data-testid="console-forbidden">
        {t('jobs.forbidden')}
      </p>
    );
  return (
    <>
      <p>
        <Link to="/fleet">{t('backToFleet')}</Link>
      </p>
      <PageHeader title={t('jobs.title')} />
      <section className="card" aria-labelledby="send-job-heading">
        <h2 id="send-job-heading">{t('jobs.sendTitle')}</h2>
        <QueryState query={overview}>{(data) => <SendJobForm kiosks={data.kiosks} role={me.role} />}</QueryState>
      </section>
      <section aria-labelledby="job-list-heading">
        <h2 id="job-list-heading">{t('jobs.listTitle')}</h2>
        <div className="filters">
          <label>
            {t('jobs.state')}
            <select value={state} onChange={(e) => setState(JobStateSchema.safeParse(e.target.value).data ?? '')} data-testid="job-filter-state">
              <option value="">{t('overview.any')}</option>
              {JOB_STATES.map((value) => (
                <option key={value} value={value}>
                  {t(`jobState.${value}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <QueryState query={jobs}>{(data) => <JobTable jobs={data.jobs} labels={labels} canCancel />}</QueryState>
      </section>
    </>
  );
}
