import { APP_ORIGIN, HOST_URL, ORG_ORIGIN } from './environment';
import { expect, expectAccessible, signIn, signedIn, signedInThroughPopup, test, type HostPage } from './fixtures';

const connectionCard = (host: HostPage) => host.infoFrame.getByRole('article', { name: 'Salesforce connection' });

test.describe('Salesforce sign-in through the popup', () => {
  test('full popup sign-in; the host sees xBeesAuthorized from every instance', async ({ host }) => {
    expect(await host.waitForAuthStatus('info-frame', 'not_active')).toBe(true);
    const popup = await signIn(host);
    await expect(host.infoFrame.getByText('Signed in as Jane Doe')).toBeVisible();
    await expect(host.infoFrame.getByText('E-mail: jane.doe@acme.example')).toBeVisible();
    await expect.poll(() => popup.isClosed()).toBe(true);
    expect(await host.waitForAuthStatus('info-frame', 'active')).toBe(true);
    // The daemon signed in through the shared storage, without a second login.
    expect(await host.waitForAuthStatus('daemon', 'active')).toBe(true);
    expect((await host.org.state()).oauth.counters.authorizationCode).toBe(1);
    await connectionCard(host).getByRole('button', { name: 'Check connection' }).click();
    await expect(connectionCard(host).getByText(/API requests left today/)).toBeVisible();
    await expectAccessible(host.page, 'signed in');
  });

  test('a reload keeps the session', async ({ host, page }) => {
    await signedInThroughPopup(host);
    await page.reload();
    await expect(host.infoFrame.getByText('Signed in as Jane Doe')).toBeVisible();
    expect(await host.waitForAuthStatus('info-frame', 'active')).toBe(true);
    expect((await host.org.state()).oauth.counters.authorizationCode).toBe(1);
  });

  test('expired access tokens are renewed on the next action, with no prompt', async ({ host, org }) => {
    await signedInThroughPopup(host);
    await connectionCard(host).getByRole('button', { name: 'Check connection' }).click();
    await expect(connectionCard(host).getByText(/API requests left today/)).toBeVisible();
    await org.expireAccessTokens();
    await connectionCard(host).getByRole('button', { name: 'Check connection' }).click();
    await expect(connectionCard(host).getByText('Connected: Salesforce answered.')).toBeVisible();
    expect((await org.state()).oauth.counters.refresh).toBe(1);
    await expect(host.infoFrame.getByRole('heading', { name: 'Sign in to Salesforce' })).toHaveCount(0);
    expect(host.page.context().pages()).toHaveLength(1);
  });

  test('a revoked refresh token brings back sign-in and tells x-bees', async ({ host, org }) => {
    await signedInThroughPopup(host);
    expect(await host.waitForAuthStatus('info-frame', 'active')).toBe(true);
    await org.revokeRefreshTokens();
    await connectionCard(host).getByRole('button', { name: 'Check connection' }).click();
    await expect(host.infoFrame.getByRole('heading', { name: 'Sign in to Salesforce' })).toBeVisible();
    await expect(host.infoFrame.getByText(/session for Jane Doe ended/)).toBeVisible();
    expect(await host.waitForAuthStatus('info-frame', 'not_active')).toBe(true);
    expect(await host.waitForAuthStatus('daemon', 'not_active')).toBe(true);
    await expectAccessible(host.page, 'session ended');
  });

  test('no message to the host contains a token', async ({ host }) => {
    await signedInThroughPopup(host);
    await connectionCard(host).getByRole('button', { name: 'Check connection' }).click();
    await expect(connectionCard(host).getByText('Connected: Salesforce answered.')).toBeVisible();
    const frame = await host.infoFrameHandle();
    const tokens = await frame.evaluate(() =>
      Object.keys(localStorage)
        .filter((key) => key.startsWith('oidc.user:'))
        .flatMap((key) => {
          const user = JSON.parse(localStorage.getItem(key) ?? '{}') as Record<string, unknown>;
          return [user.access_token, user.refresh_token, user.id_token].filter(
            (t): t is string => typeof t === 'string',
          );
        }),
    );
    expect(tokens.length).toBeGreaterThanOrEqual(2);
    const wire = JSON.stringify(await host.state());
    for (const token of tokens) expect(wire.includes(token)).toBe(false);
    expect(wire).not.toMatch(/!AQ/);
  });

  test('signing out revokes and clears the session in every instance', async ({ host, org }) => {
    await signedInThroughPopup(host);
    await connectionCard(host).getByRole('button', { name: 'Sign out' }).click();
    await expect(host.infoFrame.getByRole('heading', { name: 'Sign in to Salesforce' })).toBeVisible();
    expect(await host.waitForAuthStatus('info-frame', 'not_active')).toBe(true);
    expect(await host.waitForAuthStatus('daemon', 'not_active')).toBe(true);
    await expect.poll(async () => (await org.state()).oauth.counters.revoke).toBe(1);
  });

  test('logout from x-bees signs out of Salesforce', async ({ host, org }) => {
    await signedInThroughPopup(host);
    expect(await host.waitForAuthStatus('info-frame', 'active')).toBe(true);
    await host.page.evaluate(() => window.xbeesHost?.logout());
    await expect(host.infoFrame.getByRole('heading', { name: 'Sign in to Salesforce' })).toBeVisible();
    expect(await host.waitForAuthStatus('daemon', 'not_active')).toBe(true);
    await expect.poll(async () => (await org.state()).oauth.counters.revoke).toBeGreaterThanOrEqual(1);
  });
});

test.describe('sign-in failures explained', () => {
  test('Deny in Salesforce', async ({ host }) => {
    await signIn(host, { decision: 'Deny' });
    await expect(host.infoFrame.getByRole('alert')).toContainText('You chose Deny in Salesforce');
    await expect(host.infoFrame.getByRole('button', { name: 'Try again' })).toBeVisible();
    await expectAccessible(host.page, 'access denied');
  });

  test('the app is not installed in the org', async ({ host, org }) => {
    await org.settings({ appInstalled: false });
    await signIn(host);
    await expect(host.infoFrame.getByRole('alert')).toContainText('the x-bees app must be installed in your org');
    await expect(host.infoFrame.getByRole('alert')).toContainText('Approve Uninstalled Connected Apps');
    await expectAccessible(host.page, 'app not installed');
  });

  test('the popup is closed before finishing', async ({ host }) => {
    const popupPromise = host.page.waitForEvent('popup');
    await host.infoFrame.getByRole('button', { name: 'Sign in to Salesforce' }).click();
    const popup = await popupPromise;
    await popup.close();
    await expect(host.infoFrame.getByRole('alert')).toContainText('closed before the sign-in finished');
    await expect(host.infoFrame.getByRole('button', { name: 'Try again' })).toBeEnabled();
    await expectAccessible(host.page, 'popup closed');
  });

  test('CORS switched off in the org: the message names the origin to allowlist', async ({ host, org }) => {
    await signedIn(host);
    await org.settings({ corsEnabled: false });
    await connectionCard(host).getByRole('button', { name: 'Check connection' }).click();
    const alert = connectionCard(host).getByRole('alert');
    await expect(alert).toContainText(APP_ORIGIN);
    await expect(alert).toContainText('Setup → Security → CORS');
    await expectAccessible(host.page, 'CORS error');
  });

  test('an org without API access, then one over its daily API limit, each say what it means', async ({
    host,
    org,
  }) => {
    await signedIn(host);
    await org.settings({ apiEnabled: false });
    await connectionCard(host).getByRole('button', { name: 'Check connection' }).click();
    const noApi = connectionCard(host)
      .getByRole('alert')
      .filter({ hasText: 'Your Salesforce edition has no API access' });
    await expect(noApi).toContainText('Enterprise, Unlimited, Developer and Performance');
    await expectAccessible(host.page, 'API disabled');
    await noApi.getByRole('button', { name: 'Dismiss' }).click();
    await org.settings({ apiEnabled: true, dailyApiMax: 0 });
    await connectionCard(host).getByRole('button', { name: 'Check connection' }).click();
    await expect(
      connectionCard(host).getByRole('alert').filter({ hasText: 'Salesforce API limit reached' }),
    ).toContainText('REQUEST_LIMIT_EXCEEDED');
  });

  test('a session Salesforce refuses for the REST API sends the user back to sign-in with the fix', async ({
    host,
    org,
  }) => {
    await signedIn(host);
    await org.settings({ restSessionValid: false });
    await connectionCard(host).getByRole('button', { name: 'Check connection' }).click();
    const alert = host.infoFrame.getByRole('alert').filter({ hasText: 'refuses API access for this session' });
    await expect(alert).toContainText('API Enabled');
    await expectAccessible(host.page, 'REST refused');
  });

  test('CORS off before sign-in: the sign-in says which setting is missing', async ({ host, org }) => {
    await org.settings({ corsEnabled: false });
    await signIn(host);
    await expect(host.infoFrame.getByRole('alert')).toContainText(
      `its origin ${APP_ORIGIN} is not on the org’s CORS allowlist`,
    );
    await expectAccessible(host.page, 'CORS off at sign-in');
  });

  test('OAuth endpoints without CORS: the message names the checkbox', async ({ host, org }) => {
    await org.settings({ oauthCorsEnabled: false });
    await signIn(host);
    await expect(host.infoFrame.getByRole('alert')).toContainText('Enable CORS for OAuth endpoints');
    await expectAccessible(host.page, 'OAuth endpoints without CORS');
  });

  test('a Salesforce user other than the x-bees user gets the guide’s warning', async ({ host }) => {
    await signIn(host, { user: 'marco.bianchi@acme.example' });
    await expect(host.infoFrame.getByText('Signed in as Marco Bianchi')).toBeVisible();
    await expect(
      host.infoFrame
        .getByRole('alert')
        .or(host.infoFrame.getByRole('status'))
        .filter({ hasText: 'Different user in x-bees and Salesforce' }),
    ).toBeVisible();
    await expectAccessible(host.page, 'different user');
  });
});

test.describe('the My Domain the user types', () => {
  test('is validated, then used as the authority', async ({ org, appConfig, page }) => {
    // A deployment without `salesforce.domain`: the user types the My Domain.
    const { settings } = await org.state();
    await appConfig({
      salesforce: { clientId: settings.clientId, apiVersion: 'v66.0' },
      xbees: { allowedOrigins: [new URL(HOST_URL).origin] },
    });
    await page.goto(HOST_URL);
    const frame = page.frameLocator('iframe[data-variant="info-frame"]');
    const input = frame.getByLabel('Your Salesforce My Domain');
    await input.fill('acme.lightning.force.com');
    await input.blur();
    await expect(frame.getByText('That is the Lightning address of your org')).toBeVisible();
    await frame.getByRole('button', { name: 'Use https://acme.my.salesforce.com' }).click();
    await expect(input).toHaveValue('https://acme.my.salesforce.com');
    await expect(frame.getByText('Live (production) org.')).toBeVisible();
    await input.fill(ORG_ORIGIN);
    await expectAccessible(page, 'domain entry');
    const popupPromise = page.waitForEvent('popup');
    await frame.getByRole('button', { name: 'Sign in to Salesforce' }).click();
    const popup = await popupPromise;
    await popup.getByRole('button', { name: 'Allow' }).click();
    await expect(frame.getByText('Signed in as Jane Doe')).toBeVisible();
  });
});

test.describe('the My Domain config.json pins', () => {
  test('one the sign-in can’t use is explained, with no dead button', async ({ org, appConfig, page }) => {
    const { settings } = await org.state();
    await appConfig({
      salesforce: { clientId: settings.clientId, domain: 'https://acme.lightning.force.com', apiVersion: 'v66.0' },
      xbees: { allowedOrigins: [new URL(HOST_URL).origin] },
    });
    await page.goto(HOST_URL);
    const frame = page.frameLocator('iframe[data-variant="info-frame"]');
    const alert = frame.getByRole('alert').filter({ hasText: 'The org in config.json can’t be used' });
    await expect(alert).toContainText('https://acme.lightning.force.com');
    await expect(alert).toContainText('That is the Lightning address of your org');
    await expect(frame.getByRole('button', { name: 'Sign in to Salesforce' })).toHaveCount(0);
    await expectAccessible(page, 'pinned domain unusable');
  });
});

test.describe('messages from anyone but x-bees', () => {
  test('a sibling frame posting host events is ignored', async ({ host }) => {
    const frame = await host.infoFrameHandle();
    await host.page.evaluate(() =>
      window.xbeesHost?.postEvent('info-frame', 'xBeesUseTheme', { mode: 'dark' }, { from: 'sibling' }),
    );
    await host.page.evaluate(() =>
      window.xbeesHost?.postEvent('daemon', 'xBeesGetContactsAutoSuggest', 'Ada', { from: 'opaque' }),
    );
    await host.page.waitForTimeout(1500);
    expect(await frame.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    const state = await host.state();
    expect(state.requests.filter((r) => r.type === 'xBeesContactsAutoSuggest')).toEqual([]);
  });

  test('the x-bees host page served from a foreign origin gets no reply and no data', async ({ page }) => {
    // The same host page, but at http://localhost:<port>: an origin that is not in allowedOrigins.
    const foreignHost = HOST_URL.replace('127.0.0.1', 'localhost');
    expect(new URL(foreignHost).origin).not.toBe(new URL(HOST_URL).origin);
    await page.goto(foreignHost);
    const app = page.frameLocator('iframe[data-variant="info-frame"]');
    await expect(app.getByRole('heading', { name: 'Sign in to Salesforce' })).toBeVisible();
    await page.evaluate(() =>
      window.xbeesHost?.postEvent('info-frame', 'xBeesUseTheme', { mode: 'dark' }, { ignoreReady: true }),
    );
    const search = await page.evaluate(() => {
      window.xbeesHost?.setOptions({ resultTimeoutMs: 1500 });
      return window.xbeesHost?.search('Ada');
    });
    expect(search).toBeNull();
    const state = await page.evaluate(() => window.xbeesHost?.getState());
    // Nothing at all reached the foreign page: not even xBeesReady.
    expect(state?.requests ?? []).toEqual([]);
    const frame = page.frames().find((f) => f.url().startsWith(APP_ORIGIN) && f.url().includes('info-frame'));
    expect(await frame?.evaluate(() => document.documentElement.dataset.theme)).not.toBe('dark');
  });
});
