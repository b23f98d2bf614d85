/**
 * Playwright fixtures: the emulated org's controls (`org`), the emulated x-bees host page (`host`) with
 * the app inside, and an axe check for every page state.
 */
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type APIRequestContext, type FrameLocator, type Page } from '@playwright/test';
import type { HostState } from '../mocks/xbees-host/host-types';
import type { HostContext, ThemeMode, Variant } from '../mocks/xbees-host/protocol-types';
import { oidcUserKey, sessionFromUserInfo, STORAGE_PREFIX } from '../src/salesforce/auth/session-manager';
import { APP_ORIGIN, HOST_URL, ORG_ORIGIN } from './environment';

export class OrgControl {
  constructor(private readonly request: APIRequestContext) {}

  private async call<T>(method: 'GET' | 'POST' | 'DELETE', path: string, data?: unknown): Promise<T> {
    const response = await this.request.fetch(`${ORG_ORIGIN}/__emulator${path}`, {
      method,
      ...(data === undefined ? {} : { data }),
    });
    expect(response.ok(), `${method} ${path}: ${await response.text()}`).toBe(true);
    return (await response.json()) as T;
  }

  reset = () => this.call('POST', '/reset');
  settings = (patch: Record<string, unknown>) => this.call('POST', '/settings', patch);
  expireAccessTokens = () => this.call<{ expired: number }>('POST', '/tokens/expire-access');
  revokeRefreshTokens = () => this.call<{ revoked: number }>('POST', '/tokens/revoke-refresh');
  state = () =>
    this.call<{
      settings: { clientId: string };
      oauth: { counters: { authorizationCode: number; refresh: number; revoke: number } };
      ids: Record<string, Record<string, string>>;
    }>('GET', '/state');
  records = (type: string) => this.call<Record<string, unknown>[]>('GET', `/records?type=${encodeURIComponent(type)}`);
  log = () =>
    this.call<{ method: string; path: string; status: number | 'dropped'; origin: string | null }[]>('GET', '/log');
  fault = (fault: Record<string, unknown>) => this.call('POST', '/faults', fault);
  fieldAccess = (object: string, field: string, access: 'none' | 'read' | 'edit') =>
    this.call('POST', '/field-access', { object, field, access });
  objectAccess = (object: string, permissions: Record<string, boolean>) =>
    this.call('POST', '/object-access', { object, ...permissions });
  patchRecord = (id: string, values: Record<string, unknown>) => this.call('POST', '/records/patch', { id, values });
  /** The tokens an authorization-code sign-in would give (emulator test control; no consent page, no counters). */
  grant = (username?: string) =>
    this.call<{ token: Record<string, string>; userinfo: unknown }>(
      'POST',
      '/tokens/grant',
      username ? { username } : {},
    );
}

export class HostPage {
  constructor(
    readonly page: Page,
    readonly org: OrgControl,
  ) {}

  get infoFrame(): FrameLocator {
    return this.page.frameLocator('iframe[data-variant="info-frame"]');
  }

  /** The info frame's document (for evaluate), once attached. */
  async infoFrameHandle() {
    const element = await this.page.waitForSelector('iframe[data-variant="info-frame"]', { state: 'attached' });
    const frame = await element.contentFrame();
    if (!frame) throw new Error('info-frame has no content frame');
    return frame;
  }

  state(): Promise<HostState> {
    return this.page.evaluate(() => {
      if (!window.xbeesHost) throw new Error('the host test API is missing');
      return window.xbeesHost.getState();
    });
  }

  waitForReady(variant: Variant): Promise<boolean> {
    return this.page.evaluate((v) => window.xbeesHost?.waitForReady(v, 15_000) ?? false, variant);
  }

  waitForAuthStatus(variant: Variant, status: 'active' | 'not_active'): Promise<boolean> {
    return this.page.evaluate(([v, s]) => window.xbeesHost?.waitForAuthStatus(v, s, 15_000) ?? false, [
      variant,
      status,
    ] as const);
  }

  setTheme(mode: ThemeMode) {
    return this.page.evaluate((m) => window.xbeesHost?.setTheme(m), mode);
  }

  setContext(context: HostContext) {
    return this.page.evaluate((c) => window.xbeesHost?.setContext(c), context);
  }
}

/** No serious or critical accessibility violations on the page, its frames included. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map(
      (v) =>
        `${v.id}: ${v.help} (${v.nodes.map((n) => `${n.target.join(' ')}${n.any[0]?.message ? ` — ${n.any[0].message}` : ''}`).join(', ')})`,
    ),
    `axe: ${label}`,
  ).toEqual([]);
}

export const test = base.extend<{ org: OrgControl; host: HostPage; appConfig: (config: unknown) => Promise<void> }>({
  org: async ({ request }, use) => {
    const org = new OrgControl(request);
    await org.reset();
    await request.delete(`${APP_ORIGIN}/__test/config`);
    await use(org);
  },
  appConfig: async ({ request }, use) => {
    await use(async (config) => {
      const response = await request.post(`${APP_ORIGIN}/__test/config`, { data: config });
      expect(response.ok()).toBe(true);
    });
    await request.delete(`${APP_ORIGIN}/__test/config`);
  },
  host: async ({ page, org }, use) => {
    // A screen shown before its messages loaded (i18n) logs this in production builds instead of crashing.
    const missingMessages: string[] = [];
    page.context().on('console', (message) => {
      if (message.type() === 'error' && message.text().includes('is not loaded yet'))
        missingMessages.push(message.text());
    });
    await page.goto(HOST_URL);
    const host = new HostPage(page, org);
    expect(await host.waitForReady('info-frame')).toBe(true);
    // The host's control panel grows when its directory arrives; wait for it, so the app frame stays put
    // while a test clicks inside it.
    await page.waitForFunction(() => window.xbeesHost?.getDirectory() != null);
    await expect(host.infoFrame.locator('main')).toBeVisible();
    await use(host);
    expect(missingMessages, 'messages used before their catalog loaded').toEqual([]);
  },
});

export { expect };

/** Clicks "Sign in", answers the emulated org's consent page in the popup, and returns the popup's fate. */
export async function signIn(
  host: HostPage,
  options: { decision?: 'Allow' | 'Deny'; user?: string; button?: string } = {},
): Promise<Page> {
  const popupPromise = host.page.waitForEvent('popup');
  // Enter on the focused button is a user gesture (the popup needs one) that doesn't depend on where the
  // host page has laid out the frame at that instant.
  await host.infoFrame.getByRole('button', { name: options.button ?? 'Sign in to Salesforce' }).press('Enter');
  const popup = await popupPromise;
  await popup.waitForLoadState();
  await expect(popup.getByRole('heading', { name: 'Allow Access?' })).toBeVisible();
  if (options.user) await popup.getByLabel('Log in as').selectOption({ label: options.user });
  await popup.getByRole('button', { name: options.decision ?? 'Allow' }).click();
  return popup;
}

const WARMED_OBJECTS = ['Contact', 'Account', 'Lead'];
/** Instances that warm the describes when signed in: the info frame and the daemon. */
const WARMING_INSTANCES = 2;

/**
 * Every signed-in instance loads the Contact, Account and Lead describes in the background (README, "Speed").
 * A test that changes the org (settings, faults, field access) while those are in flight races them: the
 * change hits the warm-up instead of the action the test means (a session refused for REST then ends the
 * session before the test's click, and the button it waits for is gone). Wait until they are answered.
 */
export async function warmUpDone(org: OrgControl): Promise<void> {
  await expect
    .poll(
      async () => {
        const log = await org.log();
        const answered = (name: string) =>
          log.filter((entry) => entry.status !== 0 && entry.path.endsWith(`/sobjects/${name}/describe`)).length;
        return (
          WARMED_OBJECTS.every((name) => answered(name) >= WARMING_INSTANCES) &&
          !log.some((entry) => entry.status === 0)
        );
      },
      { message: 'the sign-in warm-up (describes) never finished', timeout: 15_000 },
    )
    .toBe(true);
}

/** Signs in through the popup, as a user does; for the tests about signing in. */
export async function signedInThroughPopup(host: HostPage): Promise<void> {
  await signIn(host);
  await expect(host.infoFrame.getByText('Signed in as Jane Doe')).toBeVisible();
  await warmUpDone(host.org);
}

/**
 * Starts the test signed in as Jane Doe without the popup: the emulated org grants tokens (a test control),
 * and they are stored where and how a sign-in stores them. The daemon hears of it through the shared
 * storage, as it does after a popup sign-in; the info frame is told with the same storage event. For every
 * test that is not about signing in (README, "Tests").
 */
export async function signedIn(host: HostPage): Promise<void> {
  const [{ token, userinfo }, { settings }] = await Promise.all([host.org.grant(), host.org.state()]);
  const accessToken = token.access_token;
  const instanceUrl = token.instance_url;
  if (!accessToken || !instanceUrl) throw new Error('the emulated org granted no token');
  const domain = ORG_ORIGIN;
  const session = sessionFromUserInfo(domain, instanceUrl, userinfo);
  const entries: [string, string][] = [
    [
      oidcUserKey(domain, settings.clientId),
      JSON.stringify({
        id_token: token.id_token,
        session_state: null,
        access_token: accessToken,
        refresh_token: token.refresh_token,
        token_type: token.token_type,
        scope: token.scope,
        profile: {},
      }),
    ],
    [`${STORAGE_PREFIX}session:${settings.clientId}`, JSON.stringify(session)],
    [
      `${STORAGE_PREFIX}previous:${settings.clientId}`,
      JSON.stringify({ domain: session.domain, name: session.name, email: session.email }),
    ],
  ];
  const frame = await host.infoFrameHandle();
  await frame.evaluate((items) => {
    for (const [key, value] of items) localStorage.setItem(key, value);
    // Other instances (the daemon) get the storage event from the browser; this frame wrote the keys itself.
    window.dispatchEvent(new StorageEvent('storage', { key: null }));
  }, entries);
  await expect(host.infoFrame.getByText('Signed in as Jane Doe')).toBeVisible();
  await warmUpDone(host.org);
}
