import { ContentListSchema, ContentUpdateSchema } from '@kiosk/shared';
import { test, expect, snap } from './fixtures.js';
import { createStaffUser, nextCode, signInAsAdmin, signInConsole } from './console-session.js';

/**
 * Console sign-in against the real hub: password, the admin's TOTP enrolment and code, sign-out,
 * role limits seen in the pages AND enforced by the hub, and the users and audit pages.
 */

const CSRF = { 'x-requested-with': 'console' };

test.use({ viewport: { width: 1280, height: 720 } });

test('signs in and out, and explains a wrong password', async ({ page, stack }, testInfo) => {
  const caseworker = await createStaffUser(stack, { username: 'e2e-caseworker', role: 'caseworker' });
  await page.goto(`${stack.hubUrl}/console/`);
  await page.getByTestId('console-username').fill(caseworker.username);
  await page.getByTestId('console-password').fill('not the password');
  await page.getByTestId('console-sign-in').click();
  await expect(page.getByTestId('console-sign-in-error')).toBeVisible();
  await expect(page.getByRole('alert')).toContainText(/wrong|incorrect/i);
  await snap(page, testInfo, 'console-auth-sign-in-wrong-password');

  await signInConsole(page, stack, caseworker);
  await expect(page.getByTestId('console-user')).toContainText(caseworker.username);
  expect((await page.request.get(`${stack.hubUrl}/api/auth/me`)).status()).toBe(200);

  const [logout] = await Promise.all([page.waitForResponse('**/api/auth/logout'), page.getByTestId('console-sign-out').click()]);
  expect(logout.status()).toBe(204);
  await expect(page.getByTestId('console-username')).toBeVisible();
  expect((await page.request.get(`${stack.hubUrl}/api/auth/me`)).status()).toBe(401);
  await snap(page, testInfo, 'console-auth-sign-in');
});

test('an admin enrols an authenticator, then signs in with a code', async ({ page, stack }, testInfo) => {
  const admin = await createStaffUser(stack, { username: 'e2e-admin', role: 'admin' });
  await page.goto(`${stack.hubUrl}/console/`);
  await page.getByTestId('console-username').fill(admin.username);
  await page.getByTestId('console-password').fill(admin.password);
  await page.getByTestId('console-sign-in').click();
  await expect(page.getByTestId('console-totp-qr')).toBeVisible();
  await expect(page.getByTestId('console-totp-secret')).not.toBeEmpty();
  // The password alone opened no session the staff API accepts.
  expect((await page.request.get(`${stack.hubUrl}/api/auth/me`)).status()).toBe(401);
  await snap(page, testInfo, 'console-auth-second-factor-enrol');

  admin.totpSecret = (await page.getByTestId('console-totp-secret').innerText()).replace(/\s+/g, '');
  await page.getByTestId('console-totp-code').fill('000000');
  await page.getByTestId('console-totp-submit').click();
  await expect(page.getByRole('alert')).toBeVisible(); // a wrong code is refused, the step stays
  await page.getByTestId('console-totp-code').fill(await nextCode(admin, admin.totpSecret));
  await page.getByTestId('console-totp-submit').click();
  await expect(page.getByTestId('console-user')).toContainText(admin.username);

  await page.getByTestId('console-sign-out').click();
  await page.getByTestId('console-username').fill(admin.username);
  await page.getByTestId('console-password').fill(admin.password);
  await page.getByTestId('console-sign-in').click();
  await expect(page.getByTestId('console-totp-code')).toBeVisible();
  await expect(page.getByTestId('console-totp-secret')).toHaveCount(0); // never shown again
  await snap(page, testInfo, 'console-auth-second-factor-code');
  await page.getByTestId('console-totp-code').fill(await nextCode(admin, admin.totpSecret));
  await page.getByTestId('console-totp-submit').click();
  await expect(page.getByTestId('console-user')).toContainText(admin.username);
});

test('a viewer cannot send a job: no control, and the hub answers 403', async ({ page, stack }) => {
  const viewer = await createStaffUser(stack, { username: 'e2e-viewer', role: 'viewer' });
  await signInConsole(page, stack, viewer);
  await page.goto(`${stack.hubUrl}/console/fleet/jobs`);
  await expect(page.locator('main')).not.toBeEmpty();
  await page.waitForLoadState('networkidle');
  await expect(page.getByTestId('send-job-form')).toHaveCount(0);
  await expect(page.getByTestId('job-send')).toHaveCount(0);
  const answer = await page.request.post(`${stack.hubUrl}/api/fleet/jobs`, { headers: CSRF, data: { type: 'maintenance-on', site: 'town-hall' } });
  expect(answer.status()).toBe(403);
});

test('a caseworker cannot edit content: no content section, and the hub answers 403', async ({ page, stack }) => {
  const caseworker = await createStaffUser(stack, { username: 'e2e-caseworker-2', role: 'caseworker' });
  await signInConsole(page, stack, caseworker);
  await expect(page.getByTestId('nav-cases')).toBeVisible();
  await expect(page.getByTestId('nav-content')).toHaveCount(0);
  // A body the content editor would send (an existing entry, unchanged): the refusal is the role check itself.
  const list = ContentListSchema.parse(await (await page.request.get(`${stack.hubUrl}/api/content`)).json());
  const first = list.entries[0];
  if (first === undefined) throw new Error('the demo hub has no content entry to try');
  const entry = await (await page.request.get(`${stack.hubUrl}/api/content/${first.id}`)).json();
  const body = ContentUpdateSchema.parse(entry);
  const refused = await page.request.put(`${stack.hubUrl}/api/content/${first.id}`, { headers: CSRF, data: body });
  expect(refused.status()).toBe(403);
});

test('admins manage users and read the audit log', async ({ page, stack }, testInfo) => {
  await signInAsAdmin(page, stack);
  await page.getByTestId('nav-users').click();
  await expect(page.getByTestId('users-table')).toBeVisible();
  await page.getByTestId('users-new-username').fill('e2e-operator');
  await page.getByTestId('users-new-role').selectOption('operator');
  await page.getByTestId('users-new-site').fill('town-hall');
  await page.getByTestId('users-create').click();
  await expect(page.getByTestId('users-password')).not.toBeEmpty();
  await expect(page.getByTestId('users-row-e2e-operator')).toContainText('town-hall');
  await snap(page, testInfo, 'console-users-list');

  await page.getByTestId('users-toggle-e2e-operator').click();
  await page.getByRole('dialog').getByRole('button', { name: /disable/i }).click();
  await expect(page.getByTestId('users-row-e2e-operator')).toContainText(/disabled/i);

  await page.getByTestId('users-tab-audit').click();
  await expect(page.getByTestId('audit-table')).toContainText('user.create');
  await expect(page.getByTestId('audit-table')).toContainText('auth.second-factor-enrolled');
  await page.getByTestId('audit-action').fill('user');
  await page.getByTestId('audit-apply').click();
  await expect(page.getByTestId('audit-table')).not.toContainText('auth.second-factor-enrolled');
  await expect(page.getByTestId('audit-table')).toContainText('user.update');
  await snap(page, testInfo, 'console-users-audit');

  await page.setViewportSize({ width: 768, height: 1024 });
  await page.getByTestId('users-tab-users').click();
  await expect(page.getByTestId('users-table')).toBeVisible();
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
  expect(scroll, 'no page-level horizontal scroll on a tablet').toBe(false);
  await snap(page, testInfo, 'console-users-list-tablet');
});
