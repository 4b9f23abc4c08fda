import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { PROTOCOL_VERSION } from '@kiosk/shared';
import { expect, snap, test } from './fixtures.js';
import { createStaffUser, nextCode } from './console-session.js';

// Issue 8, checklist item 20 for the staff console: axe-core (wcag2a, wcag2aa, wcag21a, wcag21aa,
// wcag22aa) finds nothing on any console page at 1280x720, from the sign-in page and the second
// factor's enrolment to every page of every area (a case, a content entry, a service and a kiosk
// opened from their lists), signed in as an admin (who sees every area).

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** A request filed through the agent from the kiosk page, so the case queue has a case to open. */
async function fileAtKiosk(page: Page, kioskUrl: string): Promise<void> {
  await page.goto(kioskUrl);
  const reply = await page.evaluate(async (version) => {
    const token = document.querySelector<HTMLMetaElement>('meta[name="kiosk-token"]')?.content ?? '';
    const socket = new WebSocket(`ws://${location.host}/agent?token=${encodeURIComponent(token)}`);
    await new Promise((resolve, reject) => {
      socket.onopen = resolve;
      socket.onerror = reject;
    });
    const answer = new Promise<{ ok: boolean }>((resolve) => {
      socket.onmessage = (message) => {
        const data = JSON.parse(String(message.data)) as { id?: string; ok: boolean };
        if (data.id === 'e2e-file') resolve(data);
      };
    });
    const draft = { draftId: `e2e-console-axe-${Date.now()}`, serviceCode: 'litter', description: 'Papelera llena en la plaza', attributes: {}, locale: 'es' };
    socket.send(JSON.stringify({ v: version, id: 'e2e-file', method: 'request.file', params: draft }));
    const result = await answer;
    socket.close();
    return result;
  }, PROTOCOL_VERSION);
  expect(reply.ok).toBe(true);
}

test('checklist 20: axe-core finds zero violations on every console page, sign-in included (1280x720)', async ({ stack, browser }, testInfo) => {
  test.setTimeout(240_000);
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await fileAtKiosk(page, stack.kioskUrl);
  const problems: string[] = [];
  const pages: string[] = [];
  const check = async (name: string) => {
    // Let queries settle: a page still loading would be checked half drawn.
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
    const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
    pages.push(name);
    for (const violation of results.violations) {
      for (const node of violation.nodes) problems.push(`${name}: ${violation.id} ${node.target.join(' ')} (${(node.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 160)})`);
    }
    await snap(page, testInfo, `console-axe-${name.replace(/\//g, '-')}`);
  };
  const open = async (path: string, ready: string) => {
    await page.goto(`${stack.hubUrl}/console/${path}`);
    await expect(page.locator(ready).first()).toBeVisible();
    await check(path === '' ? 'home' : path);
  };

  // Sign-in, and an admin's first sign-in: enrolling the authenticator.
  const admin = await createStaffUser(stack, { username: 'axe-admin', role: 'admin' });
  await page.goto(`${stack.hubUrl}/console/`);
  await expect(page.getByTestId('console-username')).toBeVisible();
  await check('sign-in');
  await page.getByTestId('console-username').fill(admin.username);
  await page.getByTestId('console-password').fill(admin.password);
  await page.getByTestId('console-sign-in').click();
  await expect(page.getByTestId('console-totp-secret')).toBeVisible();
  await check('sign-in/second-factor-enrolment');
  admin.totpSecret = (await page.getByTestId('console-totp-secret').innerText()).replace(/\s+/g, '');
  await page.getByTestId('console-totp-code').fill(await nextCode(admin, admin.totpSecret));
  await page.getByTestId('console-totp-submit').click();
  await expect(page.getByTestId('console-user')).toBeVisible();

  const main = 'main h1, main h2';
  await open('cases', '[data-testid^="case-link-"]');
  const caseLink = await page.locator('[data-testid^="case-link-"]').first().getAttribute('href');
  await open(caseLink!.replace(/^\/console\//, ''), main);
  await open('alerts', main);
  await open('alerts/rules', main);
  await open('alerts/webhook', main);
  await open('appointments', main);
  await open('appointments/settings', main);
  await open('content', '[data-testid^="content-open-"]');
  const entryLink = await page.locator('[data-testid^="content-open-"]').first().getAttribute('href');
  await open(entryLink!.replace(/^\/console\//, ''), main);
  await open('content/new/faq', main);
  await open('content/new/procedure', main);
  await open('content/services', '[data-testid^="catalog-open-"]');
  await open('content/services/litter', main);
  await open('figures', main);
  await open('fleet', '[data-testid="fleet-kiosk-link"]');
  const kioskLink = await page.getByTestId('fleet-kiosk-link').first().getAttribute('href');
  await open(kioskLink!.replace(/^\/console\//, ''), main);
  await open('fleet/jobs', main);
  await open('fleet/enrolments', main);
  await open('rollouts', main);
  await open('rollouts/new', main);
  await open('users', main);
  await open('users/audit', main);
  await open('enrol', 'main');
  await open('no-such-page', '[role="alert"]');

  expect(problems).toEqual([]);
  expect(pages.length, pages.join(', ')).toBe(26);
  await context.close();
});
