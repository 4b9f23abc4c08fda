import type { ConsoleArea } from '../../shell/area';
import { EnrolmentsPage } from './EnrolmentsPage';
import { FleetOverviewPage } from './FleetOverviewPage';
import { JobsPage } from './JobsPage';
import { KioskPage } from './KioskPage';
import './fleet.css';

/** The kiosk fleet: overview, one kiosk, jobs, enrolments (/console/enrol lives in shell/router.tsx). */
export const fleetArea: ConsoleArea = {
  id: 'fleet',
  path: 'fleet',
  roles: ['admin', 'operator', 'viewer'],
  routes: [
    { index: true, element: <FleetOverviewPage /> },
    { path: 'jobs', element: <JobsPage /> },
    { path: 'enrolments', element: <EnrolmentsPage /> },
    { path: ':id', element: <KioskPage /> },
  ],
};
