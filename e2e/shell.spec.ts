import { APP_ORIGIN, HOST_URL } from './environment';
import { expect, expectAccessible, test } from './fixtures';

test.describe('app shell inside the emulated x-bees host', () => {
  test('the host loads the app and the handshake happens', async ({ host }) => {
    expect(await host.waitForReady('daemon')).toBe(true);
    const state = await host.state();
    for (const variant of ['info-frame', 'daemon'] as const) {
      const frame = state.frames.find((f) => f.variant === variant);
      expect(frame?.ready, variant).toBe(true);
      const [major = 0, minor = 0, patch = 0] = (frame?.version ?? '0.0.0').split('.').map(Number);
      expect(major * 1e6 + minor * 1e3 + patch, `${variant} version ${frame?.version ?? ''}`).toBeGreaterThanOrEqual(
        1_000_010,
      );
    }
    // Signed out at start: both instances tell x-bees so.
    expect(await host.waitForAuthStatus('info-frame', 'not_active')).toBe(true);
    expect(await host.waitForAuthStatus('daemon', 'not_active')).toBe(true);
    await expect(host.infoFrame.getByRole('heading', { name: 'Sign in to Salesforce' })).toBeVisible();
    await expectAccessible(host.page, 'signed-out shell');
  });

  test('the accessibility check fails on a button without a name and on unreadable text', async ({ host }) => {
    const frame = await host.infoFrameHandle();
    await frame.evaluate(() => {
      const main = document.querySelector('main');
      const button = document.createElement('button');
      button.innerHTML = '<svg aria-hidden="true"></svg>';
      const faint = document.createElement('p');
      faint.textContent = 'Faint text';
      faint.style.cssText = 'color: #777; background: #888';
      main?.append(button, faint);
    });
    await expect(expectAccessible(host.page, 'planted violations')).rejects.toThrow(/button-name/);
    await expect(expectAccessible(host.page, 'planted violations')).rejects.toThrow(/color-contrast/);
  });

  test('the shell shows the context the host sent', async ({ host }) => {
    await host.setContext({
      contact: { phone: '+14155550142', email: 'ada.lovelace@globex.example', name: 'Ada Lovelace' },
      conversationId: 'conv-e2e-1',
    });
    const frame = host.infoFrame;
    const conversation = frame.getByRole('article', { name: 'Conversation' });
    await expect(conversation.getByText('+14155550142')).toBeVisible();
    await expect(conversation.getByText('ada.lovelace@globex.example')).toBeVisible();
    await expect(conversation.getByText('Ada Lovelace')).toBeVisible();
    await expect(conversation.getByText('conv-e2e-1')).toBeVisible();
    await expectAccessible(host.page, 'shell with context');
  });

  test('a theme switch in the host restyles the app', async ({ host }) => {
    const frame = await host.infoFrameHandle();
    await expect.poll(() => frame.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    const card = host.infoFrame.getByRole('article', { name: 'Sign in to Salesforce' });
    const lightBackground = await card.evaluate((el) => getComputedStyle(el).backgroundColor);
    await host.setTheme('dark');
    await expect.poll(() => frame.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await expect.poll(() => card.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe(lightBackground);
    await expectAccessible(host.page, 'dark theme');
    await host.setTheme('light');
    await expect.poll(() => card.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(lightBackground);
  });

  test('the app frame gets its own partitioned storage, as in real Chrome', async ({ host, page, context }) => {
    const frame = await host.infoFrameHandle();
    const probe = await frame.evaluate(() => {
      try {
        localStorage.setItem('e2e-partition-probe', 'inside-x-bees');
        sessionStorage.setItem('e2e-partition-probe', 'inside-x-bees');
        return {
          local: localStorage.getItem('e2e-partition-probe'),
          session: sessionStorage.getItem('e2e-partition-probe'),
        };
      } catch (error) {
        return { error: String(error) };
      }
    });
    expect(probe).toEqual({ local: 'inside-x-bees', session: 'inside-x-bees' });
    // The same origin opened top-level (as the OAuth popup is) sees a different partition.
    const topLevel = await context.newPage();
    await topLevel.goto(`${APP_ORIGIN}/oauth-callback.html`);
    expect(await topLevel.evaluate(() => localStorage.getItem('e2e-partition-probe'))).toBeNull();
    await topLevel.close();
    // The daemon instance shares the frame's partition (same origin, same top-level site).
    const daemon = page.frames().find((f) => f.url().includes('variant=daemon'));
    expect(await daemon?.evaluate(() => localStorage.getItem('e2e-partition-probe'))).toBe('inside-x-bees');
  });

  test('an invalid config.json shows what is wrong', async ({ page, appConfig }) => {
    await appConfig({ salesforce: { clientId: '' }, xbees: { allowedOrigins: ['not an origin'] } });
    await page.goto(HOST_URL);
    const frame = page.frameLocator('iframe[data-variant="info-frame"]');
    await expect(frame.getByRole('alert')).toContainText('This integration is not configured correctly');
    await expect(frame.getByRole('alert')).toContainText('salesforce.clientId');
    await expect(frame.getByRole('alert')).toContainText('xbees.allowedOrigins.0');
    await expectAccessible(page, 'config error');
  });
});
