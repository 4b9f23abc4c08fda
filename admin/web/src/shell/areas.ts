import type { ConsoleArea } from './area';
import { fleetArea } from '../pages/fleet/area';
import { alertsArea } from '../pages/alerts/area';
import { rolloutsArea } from '../pages/rollouts/area';
import { casesArea } from '../pages/cases/area';
import { appointmentsArea } from '../pages/appointments/area';
import { contentArea } from '../pages/content/area';
import { figuresArea } from '../pages/figures/area';
import { usersArea } from '../pages/users/area';

/** The console's sections, in navigation order. */
export const AREAS: readonly ConsoleArea[] = [fleetArea, alertsArea, rolloutsArea, casesArea, appointmentsArea, contentArea, figuresArea, usersArea];
