import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TEST_CLIENT_ID, TEST_ORG_ORIGIN, createTestOrg } from '../../../mocks/node';
import { expireAccessTokens, revokeRefreshTokens } from '../../../mocks/salesforce/controls';
import { signIn } from '../../../mocks/testing/sign-in';
import { SalesforceClient } from '../client';
import { LOCAL_ERROR_CODES, SalesforceError } from '../errors';
import { SessionManager, oidcUserKey } from './session-manager';

const { emulator, server } = createTestOrg();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => {
  emulator.reset();
  localStorage.clear();
});
afterEach(() => server.resetHandlers());

/** A minimal Web Locks stand-in shared by several "instances", serializing callbacks per lock name. */
class FakeLocks {
  private readonly tails = new Map<string, Promise<unknown>>();
  request<T>(name: string, _options: unknown, callback: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(name) ?? Promise.resolve();
    const run = previous.then(callback, callback);
    this.tails.set(
      name,
      run.catch(() => undefined),
    );
    return run;
  }
}

function instance(locks?: FakeLocks) {
  const manager = new SessionManager({
    clientId: TEST_CLIENT_ID,
    storage: localStorage,
    locks: (locks ?? null) as unknown as LockManager | null,
  });
  const client = new SalesforceClient(manager, 'v66.0');
  return { manager, client };
}

const countLeads = (client: SalesforceClient) =>
  client.request(
    `/query?q=${encodeURIComponent('SELECT COUNT() FROM Lead')}`,
    {},
    (json) => (json as { totalSize: number }).totalSize,
  );

describe('sign-in and the shared session', () => {
  it('publishes the signed-in user from userinfo', async () => {
    const { manager } = instance();
    await signIn(manager, localStorage);
    const state = manager.store.getState();
    expect(state.status).toBe('signed-in');
    expect(state.session).toMatchObject({
      domain: TEST_ORG_ORIGIN,
      instanceUrl: TEST_ORG_ORIGIN,
      name: 'Jane Doe',
      email: 'jane.doe@acme.example',
    });
  });

  it('reaches another instance through storage, without a second login', async () => {
    const infoFrame = instance();
    const daemon = instance();
    expect(daemon.manager.store.getState().status).toBe('signed-out');
    await signIn(infoFrame.manager, localStorage);
    daemon.manager.reload(); // what the `storage` event triggers in the other instance
    expect(daemon.manager.store.getState().status).toBe('signed-in');
    expect(await countLeads(daemon.client)).toBeGreaterThan(0);
    expect(emulator.oauth.counters.authorizationCode).toBe(1);
  });

  it('signs out by revoking the refresh token and clearing the session everywhere', async () => {
    const { manager, client } = instance();
    const tokens = await signIn(manager, localStorage);
    await manager.signOut();
    expect(manager.store.getState().status).toBe('signed-out');
    expect(localStorage.getItem(oidcUserKey(TEST_ORG_ORIGIN, TEST_CLIENT_ID))).toBeNull();
    expect(emulator.oauth.counters.revoke).toBe(1);
    // The revoked token no longer works at Salesforce either.
    const response = await fetch(`${TEST_ORG_ORIGIN}/services/data/v66.0/limits`, {
      headers: { Authorization: `Bearer ${tokens.access_token ?? ''}` },
    });
    expect(response.status).toBe(401);
    await expect(countLeads(client)).rejects.toMatchObject({ errorCode: LOCAL_ERROR_CODES.notSignedIn });
  });
});

describe('renewal on 401', () => {
  it('renews once and retries when the access token expired', async () => {
    const { manager, client } = instance();
    await signIn(manager, localStorage);
    expireAccessTokens(emulator);
    expect(await countLeads(client)).toBeGreaterThan(0);
    expect(emulator.oauth.counters.refresh).toBe(1);
    expect(manager.store.getState().status).toBe('signed-in');
  });

  it('10 concurrent 401s make exactly 1 refresh', async () => {
    const { manager, client } = instance();
    await signIn(manager, localStorage);
    expireAccessTokens(emulator);
    const results = await Promise.all(Array.from({ length: 10 }, () => countLeads(client)));
    expect(results.every((n) => n > 0)).toBe(true);
    expect(emulator.oauth.counters.refresh).toBe(1);
  });

  it('is single-flight across instances, so a rotated refresh token is never reused', async () => {
    const locks = new FakeLocks();
    const a = instance(locks);
    const b = instance(locks);
    await signIn(a.manager, localStorage);
    b.manager.reload();
    expireAccessTokens(emulator);
    const results = await Promise.all([
      ...Array.from({ length: 5 }, () => countLeads(a.client)),
      ...Array.from({ length: 5 }, () => countLeads(b.client)),
    ]);
    expect(results.every((n) => n > 0)).toBe(true);
    expect(emulator.oauth.counters.refresh).toBe(1);
    // Rotation is on: the grant is intact, so the next expiry renews again without a login.
    expireAccessTokens(emulator);
    expect(await countLeads(b.client)).toBeGreaterThan(0);
    expect(emulator.oauth.counters.refresh).toBe(2);
    expect(a.manager.store.getState().status).toBe('signed-in');
  });

  it('keeps the refresh token when rotation is off', async () => {
    emulator.settings.refreshTokenRotation = false;
    const { manager, client } = instance();
    const tokens = await signIn(manager, localStorage);
    expireAccessTokens(emulator);
    await countLeads(client);
    expireAccessTokens(emulator);
    await countLeads(client);
    expect(emulator.oauth.counters.refresh).toBe(2);
    const stored = JSON.parse(localStorage.getItem(oidcUserKey(TEST_ORG_ORIGIN, TEST_CLIENT_ID)) ?? '{}') as {
      refresh_token?: string;
    };
    expect(stored.refresh_token).toBe(tokens.refresh_token);
  });

  it('ends the session when the refresh token is revoked, and says why', async () => {
    const { manager, client } = instance();
    await signIn(manager, localStorage);
    revokeRefreshTokens(emulator);
    await expect(countLeads(client)).rejects.toMatchObject({ errorCode: LOCAL_ERROR_CODES.sessionEnded });
    const state = manager.store.getState();
    expect(state.status).toBe('signed-out');
    expect(state.problem).toEqual({ kind: 'session-expired' });
    expect(state.previous).toMatchObject({ name: 'Jane Doe' });
  });

  it('treats "not valid for use with the REST API" as terminal, without refreshing', async () => {
    const { manager, client } = instance();
    await signIn(manager, localStorage);
    emulator.settings.restSessionValid = false;
    await expect(countLeads(client)).rejects.toBeInstanceOf(SalesforceError);
    expect(emulator.oauth.counters.refresh).toBe(0);
    expect(manager.store.getState().problem).toMatchObject({ kind: 'rest-refused' });
  });

  it('reports API_DISABLED_FOR_ORG and REQUEST_LIMIT_EXCEEDED as org problems', async () => {
    const { manager, client } = instance();
    await signIn(manager, localStorage);
    emulator.settings.apiEnabled = false;
    await expect(countLeads(client)).rejects.toMatchObject({ status: 403, errorCode: 'API_DISABLED_FOR_ORG' });
    expect(manager.store.getState().orgProblem?.errorCode).toBe('API_DISABLED_FOR_ORG');
    emulator.settings.apiEnabled = true;
    emulator.settings.dailyApiMax = emulator.apiUsed;
    await expect(countLeads(client)).rejects.toMatchObject({ status: 403, errorCode: 'REQUEST_LIMIT_EXCEEDED' });
    expect(manager.store.getState().orgProblem?.errorCode).toBe('REQUEST_LIMIT_EXCEEDED');
    expect(manager.store.getState().status).toBe('signed-in');
  });
});

describe('renewal delegated to the daemon', () => {
  /** localStorage whose writes reach another "document" as storage events, as the browser does. */
  function sharedStorage(otherDocument: EventTarget): Storage {
    return new Proxy(localStorage, {
      get(target, property) {
        if (property === 'setItem') {
          return (key: string, value: string) => {
            const oldValue = target.getItem(key);
            target.setItem(key, value);
            otherDocument.dispatchEvent(new StorageEvent('storage', { key, oldValue, newValue: value }));
          };
        }
        if (property === 'removeItem') {
          return (key: string) => {
            const oldValue = target.getItem(key);
            target.removeItem(key);
            otherDocument.dispatchEvent(new StorageEvent('storage', { key, oldValue, newValue: null }));
          };
        }
        const value = Reflect.get(target, property) as unknown;
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
  }

  it('an info frame asks the daemon, which refreshes once; the frame uses the new token', async () => {
    const daemonDocument = new EventTarget();
    const daemon = new SessionManager({
      clientId: TEST_CLIENT_ID,
      storage: localStorage,
      eventTarget: daemonDocument,
      renewal: { role: 'serve' },
    });
    // The frame itself never reaches the token endpoint: only the daemon refreshes.
    const frameFetch = (input: string, init?: RequestInit) =>
      input.includes('/services/oauth2/token')
        ? Promise.reject(new Error('the frame must not refresh'))
        : fetch(input, init);
    const frameManager = new SessionManager({
      clientId: TEST_CLIENT_ID,
      storage: sharedStorage(daemonDocument),
      fetch: frameFetch,
      renewal: { role: 'delegate', waitMs: 2000 },
    });
    await signIn(frameManager, localStorage);
    daemon.reload();
    expireAccessTokens(emulator);
    const client = new SalesforceClient(frameManager, 'v66.0');
    expect(await countLeads(client)).toBeGreaterThan(0);
    expect(emulator.oauth.counters.refresh).toBe(1);
    daemon.dispose();
  });

  it('when the daemon finds the refresh token revoked, the frame signs out and says the session ended', async () => {
    const daemonDocument = new EventTarget();
    const frameDocument = new EventTarget();
    const daemon = new SessionManager({
      clientId: TEST_CLIENT_ID,
      storage: sharedStorage(frameDocument),
      eventTarget: daemonDocument,
      renewal: { role: 'serve' },
    });
    const frameManager = new SessionManager({
      clientId: TEST_CLIENT_ID,
      storage: sharedStorage(daemonDocument),
      eventTarget: frameDocument,
      renewal: { role: 'delegate', waitMs: 2000 },
    });
    await signIn(frameManager, localStorage);
    daemon.reload();
    revokeRefreshTokens(emulator);
    expireAccessTokens(emulator);
    const failure = await countLeads(new SalesforceClient(frameManager, 'v66.0')).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SalesforceError);
    expect((failure as SalesforceError).errorCode).toBe(LOCAL_ERROR_CODES.sessionEnded);
    expect(frameManager.store.getState()).toMatchObject({
      status: 'signed-out',
      problem: { kind: 'session-expired' },
      previous: { name: 'Jane Doe' },
    });
    // A panel opened afterwards says so too; signing in again forgets it.
    const reopened = new SessionManager({ clientId: TEST_CLIENT_ID, storage: localStorage });
    expect(reopened.store.getState().problem).toEqual({ kind: 'session-expired' });
    await signIn(reopened, localStorage);
    expect(new SessionManager({ clientId: TEST_CLIENT_ID, storage: localStorage }).store.getState().problem).toBeNull();
    daemon.dispose();
    frameManager.dispose();
  });

  it('without a daemon, the frame renews itself after the wait', async () => {
    const frameManager = new SessionManager({
      clientId: TEST_CLIENT_ID,
      storage: localStorage,
      renewal: { role: 'delegate', waitMs: 200 },
    });
    await signIn(frameManager, localStorage);
    expireAccessTokens(emulator);
    expect(await countLeads(new SalesforceClient(frameManager, 'v66.0'))).toBeGreaterThan(0);
    expect(emulator.oauth.counters.refresh).toBe(1);
  });
});

describe('CORS and network failures', () => {
  const failing = (blocked: (url: string) => boolean) => (input: string, init?: RequestInit) =>
    blocked(input) ? Promise.reject(new TypeError('Failed to fetch')) : fetch(input, init);

  it('names the CORS allowlist when REST is blocked but the org is reachable', async () => {
    const { manager } = instance();
    await signIn(manager, localStorage);
    const client = new SalesforceClient(
      manager,
      'v66.0',
      failing((url) => url.includes('/services/data')),
    );
    await expect(countLeads(client)).rejects.toMatchObject({ errorCode: LOCAL_ERROR_CODES.corsBlocked });
  });

  it('calls it a network failure when the org is unreachable', async () => {
    const { manager } = instance();
    await signIn(manager, localStorage);
    const client = new SalesforceClient(
      manager,
      'v66.0',
      failing(() => true),
    );
    await expect(countLeads(client)).rejects.toMatchObject({ errorCode: LOCAL_ERROR_CODES.network });
  });
});
