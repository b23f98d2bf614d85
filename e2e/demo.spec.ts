/**
 * The demo a newcomer opens with `npm start`: the app served by Vite's dev server (not the production build the
 * other specs use), inside the emulated x-bees host, signing in to the emulated org through the popup.
 */
import { expect, test } from '@playwright/test';
import { startEnvironment, type RunningEnvironment } from '../mocks/server';

let env: RunningEnvironment | null = null;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  env = await startEnvironment({ hostPort: 7100, appPort: 7200, orgPort: 7300, appMode: 'dev', searchIndexLagMs: 0 });
});

test.afterAll(async () => {
  await env?.close();
});

test('npm start: sign in through the popup, then the person, the tabs and the connection check', async ({ page }) => {
  test.setTimeout(120_000);
  if (!env) throw new Error('the demo environment did not start');
  const errors: string[] = [];
  page.on('console', (message) => {
    // The dev server's modules must all load; a favicon nobody serves is not the app's.
    if (
      message.type() === 'error' &&
      !message.text().includes('favicon') &&
      !message.location().url.endsWith('favicon.ico')
    )
      errors.push(message.text());
  });
  await page.goto(env.hostUrl);
  await page.waitForFunction(() => window.xbeesHost?.getDirectory() != null);
  const frame = page.frameLocator('iframe[data-variant="info-frame"]');
  const popupPromise = page.waitForEvent('popup');
  // The first load in dev compiles the modules on demand: allow it time.
  await frame.getByRole('button', { name: 'Sign in to Salesforce' }).press('Enter', { timeout: 60_000 });
  const popup = await popupPromise;
  await popup.getByRole('button', { name: 'Allow' }).click();
  await expect(frame.getByText(/^Signed in as Jane Doe/)).toBeVisible({ timeout: 30_000 });
  await page.evaluate(() =>
    window.xbeesHost?.setContext({ contact: { phone: '+14155550142' }, conversationId: 'demo-1' }),
  );
  await expect(frame.getByRole('article', { name: 'Ada Lovelace' })).toBeVisible({ timeout: 30_000 });
  await expect(frame.getByRole('tab', { name: 'Cases' })).toBeVisible({ timeout: 30_000 });
  await frame.getByRole('button', { name: 'Check connection' }).press('Enter');
  await expect(frame.getByText(/API requests left today/)).toBeVisible({ timeout: 15_000 });
  expect(errors).toEqual([]);
});
