import { test as base } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStack, type RunningStack } from '../stack/stack.js';
import { expect } from './fixtures.js';
import { passToDescription, passToReview, typeOnKeyboard } from './journey.js';

// Issue 4: after reset no personal data remains "in the agent's session state". What the agent holds
// for a session is the last receipt (for a reprint after a paper jam). Proved from outside, as staff
// would try it: a remote reprint-last job prints again DURING the session, and after "Start over"
// the same job finds nothing (nothing-to-reprint) and the printer stays silent.

const test = base.extend<object, { stack: RunningStack & { adminPassword: string; dataDir: string } }>({
  stack: [
    // Playwright reads a fixture's dependencies from this destructuring pattern: it must be `{}`.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use, workerInfo) => {
      const dataDir = mkdtempSync(join(tmpdir(), `kiosk-e2e-agent-state-${workerInfo.workerIndex}-`));
      const lines: string[] = [];
      const stack = await startStack({ dataDir, env: { ADMIN_SECOND_FACTOR: 'off' }, output: (_name, line) => lines.push(line) });
      const adminPassword = lines.map((line) => /console password:\s+(\S+)/.exec(line)?.[1]).find((value) => value !== undefined) ?? '';
      await use(Object.assign(stack, { adminPassword, dataDir }));
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
    { scope: 'worker', timeout: 120_000 },
  ],
});

const CONSOLE = { 'content-type': 'application/json', 'x-requested-with': 'console' };

async function receiptCount(stack: RunningStack): Promise<number> {
  return ((await (await fetch(`${stack.printerHttpUrl}/receipts`)).json()) as unknown[]).length;
}

test('a remote reprint works during the session and finds nothing once the session was reset', async ({ stack, browser }) => {
  expect(stack.adminPassword).not.toBe('');
  const login = await fetch(`${stack.hubUrl}/api/auth/login`, { method: 'POST', headers: CONSOLE, body: JSON.stringify({ username: 'admin', password: stack.adminPassword }) });
  expect(login.status).toBe(200);
  const cookie = /^(__Host-session=[^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1] ?? '';
  const { deviceId } = JSON.parse(readFileSync(join(stack.dataDir, 'demo-kiosk.json'), 'utf8')) as { deviceId: string };

  /** Queues a reprint-last job for the kiosk and waits for its final state. */
  const reprint = async () => {
    const created = await fetch(`${stack.hubUrl}/api/fleet/jobs`, { method: 'POST', headers: { ...CONSOLE, cookie }, body: JSON.stringify({ type: 'reprint-last', params: {}, deviceIds: [deviceId] }) });
    expect(created.status).toBe(201);
    const [job] = ((await created.json()) as { jobs: Array<{ id: string }> }).jobs;
    let view: { state: string; error: string | null } = { state: 'queued', error: null };
    await expect
      .poll(
        async () => {
          view = (await (await fetch(`${stack.hubUrl}/api/fleet/jobs/${job?.id ?? ''}`, { headers: { cookie } })).json()) as typeof view;
          return view.state;
        },
        { timeout: 60_000, intervals: [250, 500, 1000] },
      )
      .toMatch(/^(succeeded|failed|rejected|timed-out|expired)$/);
    return view;
  };

  const page = await browser.newPage({ viewport: { width: 1080, height: 1920 }, hasTouch: true });
  await page.goto(stack.kioskUrl);
  await page.getByTestId('attract-start').click();
  await page.getByTestId('language-es').click();
  await page.getByTestId('home-file-request').click();
  await page.locator('[data-testid^="service-"]').first().click();
  await passToDescription(page);
  await typeOnKeyboard(page, 'banco roto');
  await passToReview(page);
  await page.getByTestId('review-submit').click();
  await expect(page.getByTestId('done-receipt')).toHaveAttribute('data-state', 'printed', { timeout: 30_000 });
  const afterFiling = await receiptCount(stack);

  // During the session: the agent still holds this citizen's receipt and prints it again.
  expect(await reprint()).toMatchObject({ state: 'succeeded' });
  expect(await receiptCount(stack)).toBe(afterFiling + 1);

  // The citizen leaves; the session ends and the agent must forget the receipt.
  await page.getByTestId('top-start-over').click();
  await expect(page.getByTestId('attract-start')).toBeVisible();
  await expect.poll(async () => (await reprint()).error, { timeout: 30_000 }).toBe('nothing-to-reprint');
  expect(await receiptCount(stack)).toBe(afterFiling + 1);
  await page.close();
});
