import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { expect, type Page } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import type { StaffRole } from '@kiosk/shared';
import { repoRoot, type RunningStack } from '../stack/stack.js';

/**
 * Console sign-in for end-to-end specs: staff users made with the hub's own CLI
 * (admin/server/src/cli/create-user.ts) on the stack's database, and a sign-in that goes through
 * the real pages, second factor included.
 */

export interface StaffUser {
  readonly username: string;
  readonly password: string;
  readonly role: StaffRole;
  /** Set by signInConsole once an admin has enrolled: later sign-ins compute codes from it. */
  totpSecret?: string;
  /** The last TOTP step used: the hub refuses a code twice, so the next sign-in uses a later one. */
  totpLastStep?: number;
}

const run = promisify(execFile);
const TOTP_PERIOD_MS = 30_000;

/** Creates a console user through the CLI (the same path an operator takes for the first admin). */
export async function createStaffUser(stack: RunningStack, input: { username: string; role: StaffRole }): Promise<StaffUser> {
  const password = `pw-${randomBytes(12).toString('base64url')}`;
  const args = ['--import', 'tsx', 'admin/server/src/cli/create-user.ts', '--data-dir', stack.dataDir, '--username', input.username, '--role', input.role, '--password', password];
  await run(process.execPath, args, { cwd: repoRoot, env: { ...process.env, DATA_DIR: stack.dataDir } });
  return { username: input.username, password, role: input.role };
}

/** A code for the earliest step the hub still accepts (one step ahead at most) and has not seen from this user. */
export async function nextCode(user: StaffUser, secret: string): Promise<string> {
  const current = Math.floor(Date.now() / TOTP_PERIOD_MS);
  const step = Math.max(current, (user.totpLastStep ?? -1) + 1);
  // Two steps ahead would be refused: wait until it is only one ahead.
  if (step > current + 1) await new Promise((resolve) => setTimeout(resolve, (step - 1) * TOTP_PERIOD_MS - Date.now() + 100));
  user.totpLastStep = step;
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: TOTP_PERIOD_MS / 1000 }).generate({ timestamp: step * TOTP_PERIOD_MS });
}

/**
 * Signs in through the sign-in page. An admin without an authenticator goes through enrolment
 * (the secret is read from the page, as a person would type it into their app) and keeps the
 * secret on `user` for the next sign-in.
 */
export async function signInConsole(page: Page, stack: RunningStack, user: StaffUser): Promise<void> {
  await page.goto(`${stack.hubUrl}/console/`);
  await page.getByTestId('console-username').fill(user.username);
  await page.getByTestId('console-password').fill(user.password);
  await page.getByTestId('console-sign-in').click();
  const signedIn = page.getByTestId('console-user');
  const codeInput = page.getByTestId('console-totp-code');
  await expect(signedIn.or(codeInput)).toBeVisible();
  if (await codeInput.isVisible()) {
    const secretOnPage = page.getByTestId('console-totp-secret');
    if (await secretOnPage.isVisible()) user.totpSecret = (await secretOnPage.innerText()).replace(/\s+/g, '');
    if (user.totpSecret === undefined) throw new Error(`${user.username} must enter a code but no TOTP secret is known`);
    await codeInput.fill(await nextCode(user, user.totpSecret));
    await page.getByTestId('console-totp-submit').click();
  }
  await expect(signedIn).toBeVisible();
}

/** A fresh admin (made with the CLI), signed in with a newly enrolled second factor. */
export async function signInAsAdmin(page: Page, stack: RunningStack): Promise<StaffUser> {
  const admin = await createStaffUser(stack, { username: `admin-${randomBytes(4).toString('hex')}`, role: 'admin' });
  await signInConsole(page, stack, admin);
  return admin;
}
