import type { ConsoleArea } from '../../shell/area';
import { DayBoardPage } from './DayBoardPage';
import { SettingsPage } from './SettingsPage';
import './appointments.css';

/** Appointments and turns: the day board (bookings, queue, call next) and each office's calendar. */
export const appointmentsArea: ConsoleArea = {
  id: 'appointments',
  path: 'appointments',
  roles: ['admin', 'caseworker', 'editor', 'viewer'],
  routes: [
    { index: true, element: <DayBoardPage /> },
    { path: 'settings', element: <SettingsPage /> },
  ],
};
