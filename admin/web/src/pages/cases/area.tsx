import type { ConsoleArea } from '../../shell/area';
import { CasePage } from './CasePage';
import { QueuePage } from './QueuePage';
import { CASE_READERS } from './roles';
import './cases.css';

export const casesArea: ConsoleArea = {
  id: 'cases',
  path: 'cases',
  roles: CASE_READERS,
  routes: [
    { index: true, element: <QueuePage /> },
    { path: ':id', element: <CasePage /> },
  ],
};
