/**
 * Playwright fixtures: the emulated org's controls (`org`), the emulated x-bees host page (`host`) with
 * the app inside, and an axe check for every page state.
 */
import axe from 'axe-core';
import { test as base, expect, type APIRequestContext, type FrameLocator, type Page } from '@playwright/test';
import type { HostState } from '../mocks/xbees-host/host-types';
import type { HostContext, ThemeMode, Variant } from '../mocks/xbees-host/protocol-types';
import { storageKey } from '../src/lib/storage';
import { oidcUserKey, sessionFromUserInfo } from '../src/salesforce/auth/session-manager';
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

/**
 * No serious or critical accessibility violations in the panel (the info frame: the product; the host page
 * around it is an emulation). axe-core runs inside the frame's document, injected once per document: running
 * it from the top page instead injects it into every frame (host, daemon) on every check and costs about
 * 2.5 s of CPU per check, most of the e2e suite's time on 2 cores (README, "Tests").
 */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const element = await page.waitForSelector('iframe[data-variant="info-frame"]', { state: 'attached' });
  const frame = await element.contentFrame();
  if (!frame) throw new Error('info-frame has no content frame');
  if (!(await frame.evaluate(() => 'axe' in window))) await frame.evaluate(axe.source);
  const violations = await frame.evaluate(async () => {
    const run = (window as unknown as { axe: typeof axe }).axe.run;
    const results = await run(document, { resultTypes: ['violations'] });
    return results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${v.id}: ${v.help} (${v.nodes.map((n) => `${n.target.join(' ')}${n.any[0]?.message ? ` — ${n.any[0].message}` : ''}`).join(', ')})`,
      );
  });
  expect(violations, `axe: ${label}`).toEqual([]);
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

/**
 * Every signed-in instance loads the Contact, Account and Lead describes in the background (README, "Speed").
 * A test that changes the org (settings, faults, field access) while those are in flight races them: the
 * change hits the warm-up instead of the action the test means (a session refused for REST then ends the
 * session before the test's click, and the button it waits for is gone). Wait until they are answered.
 *
 * The instances share the describes through the frame storage, so how many ask depends on timing: the
 * daemon hears of the session through a storage event and asks too only if the info frame's answers are not
 * stored yet. What is certain: the daemon is signed in (it warms in the same step as it tells x-bees), every
 * describe was answered at least once, and no request is waiting for an answer.
 */
export async function warmUpDone(host: HostPage): Promise<void> {
  expect(await host.waitForAuthStatus('daemon', 'active'), 'the daemon never signed in').toBe(true);
  await expect
    .poll(
      async () => {
        const log = await host.org.log();
        const answered = (name: string) =>
          log.some((entry) => entry.status !== 0 && entry.path.endsWith(`/sobjects/${name}/describe`));
        return WARMED_OBJECTS.every(answered) && !log.some((entry) => entry.status === 0);
      },
      { message: 'the sign-in warm-up (describes) never finished', timeout: 15_000, intervals: [50] },
    )
    .toBe(true);
}

/**
 * Signed in, the panel loads its screens on demand ("Loading Salesforce…" until they arrive): the sections
 * below them move up when they do. A click aimed at a button there (the connection card's "Check connection")
 * in that instant lands where the button was, and nothing happens; wait until the panel has its screens.
 */
async function panelLoaded(host: HostPage): Promise<void> {
  await expect(host.infoFrame.getByText('Loading Salesforce…')).toHaveCount(0);
}

/** Signs in through the popup, as a user does; for the tests about signing in. */
export async function signedInThroughPopup(host: HostPage): Promise<void> {
  await signIn(host);
  await expect(host.infoFrame.getByText('Signed in as Jane Doe')).toBeVisible();
  await warmUpDone(host);
  await panelLoaded(host);
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
    [storageKey('session', settings.clientId), JSON.stringify(session)],
    [
      storageKey('previous', settings.clientId),
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
  await warmUpDone(host);
  await panelLoaded(host);
}
