import { parseArgs } from 'node:util';
import { StaffRoleSchema, UsernameSchema } from '@kiosk/shared';
import { ConfigError, loadConfig } from '../config.js';
import { isUniqueViolation, openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { loadSecretBox } from '../security/secret-keys.js';
import { createUser } from '../modules/auth/service.js';
import { findTenantById } from '../modules/tenants/repository.js';
import { randomToken } from '../security/tokens.js';
import { DEMO_TENANT } from '../seed/demo-catalog.js';
import { ADMIN_PASSWORD_BYTES } from '../seed/first-run.js';

/**
 * Creates a console user from the shell, for the first admin of a new tenant or when every admin
 * lost their password:
 *   node --import tsx admin/server/src/cli/create-user.ts --data-dir ./data --username ana --role admin
 * Same database as the hub (DATABASE_URL, else <data dir>/hub.sqlite). Without --password it
 * generates one and prints it once; admins enrol their authenticator at first sign-in.
 */

const USAGE =
  'usage: create-user --data-dir <dir> --username <name> --role <admin|caseworker|editor|operator|viewer> [--password <p>] [--tenant <id>] [--site <id>]';
const MIN_PASSWORD_LENGTH = 12;

class UsageError extends Error {}

function readArguments(argv: readonly string[]) {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      'data-dir': { type: 'string' },
      username: { type: 'string' },
      role: { type: 'string' },
      password: { type: 'string' },
      tenant: { type: 'string', default: DEMO_TENANT.id },
      site: { type: 'string' },
    },
    strict: true,
  });
  if (values['data-dir'] === undefined) throw new UsageError('--data-dir is required');
  const username = UsernameSchema.safeParse(values.username ?? '');
  if (!username.success) throw new UsageError(`--username: ${username.error.issues[0]?.message ?? 'invalid'}`);
  const role = StaffRoleSchema.safeParse(values.role);
  if (!role.success) throw new UsageError(`--role must be one of ${StaffRoleSchema.options.join(', ')}`);
  if (values.password !== undefined && values.password.length < MIN_PASSWORD_LENGTH) {
    throw new UsageError(`--password must have at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  return { dataDir: values['data-dir'], username: username.data, role: role.data, password: values.password, tenant: values.tenant, site: values.site ?? null };
}

async function main(argv: readonly string[]): Promise<void> {
  const args = readArguments(argv);
  const config = loadConfig({ ...process.env, DATA_DIR: args.dataDir });
  const database = openDatabase(config.database);
  try {
    await migrateToLatest(database.db, { secrets: loadSecretBox(config.secretKeys) });
    if ((await findTenantById(database.db, args.tenant)) === undefined) {
      throw new UsageError(`no tenant "${args.tenant}" in this database (start the hub once to create the demo tenant)`);
    }
    const password = args.password ?? randomToken(ADMIN_PASSWORD_BYTES);
    await createUser(database.db, { tenantId: args.tenant, username: args.username, password, role: args.role, siteId: args.site }).catch((error: unknown) => {
      throw isUniqueViolation(error) ? new UsageError(`the username "${args.username}" is taken`) : error;
    });
    process.stdout.write(`created ${args.role} ${args.username} in tenant ${args.tenant}\n`);
    if (args.password === undefined) process.stdout.write(`password: ${password}\n(shown once: only its hash is stored)\n`);
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError || error instanceof ConfigError || (error instanceof TypeError && 'code' in error)) {
    process.stderr.write(`create-user: ${error.message}\n${USAGE}\n`);
    process.exit(2);
  }
  process.stderr.write(`create-user failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
