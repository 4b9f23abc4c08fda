import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './0001-initial.js';
import * as open311Complete from './0002-open311-complete.js';
import * as appointments from './0003-appointments.js';
import * as content from './0004-content.js';
import * as staffWorkflow from './0005-staff-workflow.js';
import * as notifications from './0006-notifications.js';
import * as fleetHeartbeats from './0007-fleet-heartbeats.js';
import * as forwarding from './0008-forwarding.js';
import * as deviceConfig from './0009-device-config.js';
import * as fleetJobs from './0010-fleet-jobs.js';
import * as enrolment from './0011-enrolment.js';
import * as deadLetters from './0012-dead-letters.js';
import * as analytics from './0013-analytics.js';

/**
 * Every migration, in order, listed by hand: a static list survives bundling and never picks up
 * a stray file. Names sort in the order they must run; never rename or edit a shipped one.
 */
const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-initial': initial,
  '0002-open311-complete': open311Complete,
  '0003-appointments': appointments,
  '0004-content': content,
  '0005-staff-workflow': staffWorkflow,
  '0006-notifications': notifications,
  '0007-fleet-heartbeats': fleetHeartbeats,
  '0008-forwarding': forwarding,
  '0009-device-config': deviceConfig,
  '0010-fleet-jobs': fleetJobs,
  '0011-enrolment': enrolment,
  '0012-dead-letters': deadLetters,
  '0013-analytics': analytics,
};

export const staticMigrationProvider: MigrationProvider = {
  getMigrations: async () => ({ ...MIGRATIONS }),
};
