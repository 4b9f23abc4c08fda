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
import * as consoleRoles from './0014-console-roles.js';
import * as consoleAuth from './0015-console-auth.js';
import * as alertRules from './0016-alert-rules.js';
import * as analyticsHour from './0017-analytics-hour.js';
import * as contentRollouts from './0018-content-rollouts.js';
import * as kioskScreenshots from './0019-kiosk-screenshots.js';
import { encryptSecretsMigration } from './0020-encrypt-secrets.js';
import * as serviceWalkIn from './0021-service-walk-in.js';
import { sealMoreSecretsMigration } from './0022-seal-more-secrets.js';
import type { SecretBox } from '../../security/secret-box.js';

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
  '0014-console-roles': consoleRoles,
  '0015-console-auth': consoleAuth,
  '0016-alert-rules': alertRules,
  '0017-analytics-hour': analyticsHour,
  '0018-content-rollouts': contentRollouts,
  '0019-kiosk-screenshots': kioskScreenshots,
  // 0020 needs the secret key: migrationProvider adds it.
  '0021-service-walk-in': serviceWalkIn,
  // 0022 needs the secret key too: migrationProvider adds it.
};

/**
 * The migrations with the hub's secret key for the data migrations that need one (0020 and 0022
 * seal plaintext secrets); without a key, those fail only when they have rows to seal. The
 * Migrator runs them by name, so their place in this object does not matter.
 */
export function migrationProvider(secrets?: SecretBox): MigrationProvider {
  return {
    getMigrations: async () => ({
      ...MIGRATIONS,
      '0020-encrypt-secrets': encryptSecretsMigration(secrets),
      '0022-seal-more-secrets': sealMoreSecretsMigration(secrets),
    }),
  };
}

export const staticMigrationProvider: MigrationProvider = migrationProvider();
