import { useTranslation } from 'react-i18next';
import type { FleetKiosk, StaffRole } from '@kiosk/shared';
import { QueryState } from '../../components/QueryState';
import { JobTable } from './JobTable';
import { LastScreenshot } from './LastScreenshot';
import { SendJobForm } from './SendJobForm';
import { useJobs } from './queries';

export function KioskJobsSection({ kiosk, role, revoked }: { kiosk: FleetKiosk; role: StaffRole; revoked: boolean }) {
  const { t } = useTranslation('fleet');
  const jobs = useJobs({ deviceId: kiosk.id, limit: 20 });
  const labels = new Map([[kiosk.id, kiosk.label]]);
  return (
    <>
      <section className="card kiosk-section" aria-labelledby="kiosk-jobs-heading" data-testid="kiosk-jobs">
        <h2 id="kiosk-jobs-heading">{t('jobs.recent')}</h2>
        {!revoked && <SendJobForm kiosks={[kiosk]} role={role} fixedDeviceId={kiosk.id} />}
        <QueryState query={jobs}>{(data) => <JobTable jobs={data.jobs} labels={labels} canCancel />}</QueryState>
      </section>
      <section className="card kiosk-section" aria-labelledby="kiosk-screenshot-heading">
        <h2 id="kiosk-screenshot-heading">{t('screenshot.title')}</h2>
        <QueryState query={jobs}>{(data) => <LastScreenshot kiosk={kiosk} jobs={data.jobs} role={role} />}</QueryState>
      </section>
    </>
  );
}
