import type { ConsoleArea } from '../../shell/area';
import { NewRolloutPage } from './NewRolloutPage';
import { RolloutsPage } from './RolloutsPage';
import './rollouts.css';

/** Configuration rollouts in rings (admin and operator, like the hub's rollout routes). */
export const rolloutsArea: ConsoleArea = {
  id: 'rollouts',
  path: 'rollouts',
  roles: ['admin', 'operator'],
  routes: [
    { index: true, element: <RolloutsPage /> },
    { path: 'new', element: <NewRolloutPage /> },
  ],
};
