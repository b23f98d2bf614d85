/**
 * The emulator's test controls over HTTP (`/__emulator/*`), each checked by its effect on what a client
 * of the org then sees.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  TEST_APP_ORIGIN,
  TEST_CLIENT_ID,
  TEST_ORG_ORIGIN,
  createTestOrg,
  signIn,
  type TokenResponseBody,
} from '../node';
import type { LogEntry } from './emulator';
import type { SeedDirectory } from './seed';

const { emulator, server } = createTestOrg();
const ORG = TEST_ORG_ORIGIN;
const V = '/services/data/v66.0';
let tokens: TokenResponseBody = {};

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(async () => {
  emulator.reset();
  tokens = await signIn(emulator);
});
afterAll(() => server.close());

function control(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${ORG}/__emulator${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
  });
}

async function controlJson<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await control(method, path, body);
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

function api(path: string, init: { method?: string; body?: unknown; token?: string } = {}): Promise<Response> {
  return fetch(`${ORG}${V}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      Authorization: `Bearer ${init.token ?? tokens.access_token ?? ''}`,
      Origin: TEST_APP_ORIGIN,
      ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
}

function refresh(refreshToken: string): Promise<Response> {
  return fetch(`${ORG}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: TEST_CLIENT_ID }),
  });
}

const newLead = { LastName: 'Control', Company: 'Controls Inc' };

describe('reset and records', () => {
  it('reset brings back the seed, the settings, and forgets tokens, faults and the log', async () => {
    const created = (await (await api('/sobjects/Lead', { method: 'POST', body: newLead })).json()) as { id: string };
    await controlJson('POST', '/settings', { apiEnabled: false, latencyMs: 1, personAccountsEnabled: false });
    await controlJson('POST', '/faults', { match: { path: '/nothing' }, count: 3 });
    await controlJson('POST', '/field-access', { object: 'Lead', field: 'MobilePhone', access: 'none' });
    await controlJson('POST', '/object-access', { object: 'Case', read: false });
    const seedLeads = (await controlJson<unknown[]>('GET', '/records?type=Lead')).length;

    expect(await controlJson('POST', '/reset')).toEqual({ ok: true });

    const state = await controlJson<{
      settings: Record<string, unknown>;
      faults: unknown[];
      personAccountsEnabled: boolean;
      apiUsed: number;
    }>('GET', '/state');
    expect(state.settings).toMatchObject({
      apiEnabled: true,
      latencyMs: 0,
      corsEnabled: true,
      refreshTokenRotation: true,
    });
    expect(state).toMatchObject({ faults: [], personAccountsEnabled: true, apiUsed: 0 });
    expect(await controlJson('GET', '/log')).toEqual([]);
    expect((await controlJson<unknown[]>('GET', '/records?type=Lead')).length).toBe(seedLeads - 1);
    expect(emulator.store.get(created.id)).toBeUndefined();
    // The old session is gone; a new sign-in sees the seed with full access again.
    expect((await api('/limits')).status).toBe(401);
    tokens = await signIn(emulator);
    const describe = (await (await api('/sobjects/Lead/describe')).json()) as { fields: { name: string }[] };
    expect(describe.fields.map((f) => f.name)).toContain('MobilePhone');
    expect((await api('/sobjects/Case/describe')).status).toBe(200);
  });

  it('dumps live records by object, or one object with ?type=', async () => {
    const dump = await controlJson<Record<string, Record<string, unknown>[]>>('GET', '/records');
    expect(Object.keys(dump)).toEqual(
      expect.arrayContaining(['User', 'Lead', 'Contact', 'Account', 'Opportunity', 'Case', 'Task', 'Event']),
    );
    const leads = await controlJson<Record<string, unknown>[]>('GET', '/records?type=Lead');
    expect(leads.map((l) => l.Id)).toContain(emulator.ids.leads.sofia);
    await api(`/sobjects/Lead/${emulator.ids.leads.sofia}`, { method: 'DELETE' });
    expect((await controlJson<Record<string, unknown>[]>('GET', '/records?type=Lead')).map((l) => l.Id)).not.toContain(
      emulator.ids.leads.sofia,
    );
    expect(await controlJson('GET', '/records?type=Nothing')).toEqual([]);
  });

  it('patches a record directly and creates one without validation', async () => {
    const { globexExpansion } = emulator.ids.opportunities;
    expect(
      await controlJson('POST', '/records/patch', { id: globexExpansion, values: { StageName: 'Closed Won' } }),
    ).toEqual({ ok: true });
    const read = (await (
      await api(`/sobjects/Opportunity/${globexExpansion}?fields=StageName,IsClosed,IsWon`)
    ).json()) as Record<string, unknown>;
    expect(read).toMatchObject({ StageName: 'Closed Won', IsClosed: true, IsWon: true });
    const { id } = await controlJson<{ id: string }>('POST', '/records/create', {
      type: 'Lead',
      values: { LastName: 'Raw' },
    });
    expect(id).toMatch(/^00Q/);
    expect((await api(`/sobjects/Lead/${id}?fields=LastName,Company`).then((r) => r.json())) as unknown).toMatchObject({
      LastName: 'Raw',
      Company: null,
    });
    const missing = await control('POST', '/records/patch', { id: '00Q5g000009ZZZZZZZ', values: {} });
    expect(missing.status).toBe(404);
    expect((await control('POST', '/records/patch', { values: {} })).status).toBe(400);
    const nested = await control('POST', '/records/patch', {
      id: globexExpansion,
      values: { StageName: { value: 'x' } },
    });
    expect(nested.status).toBe(400);
    expect(emulator.store.get(globexExpansion)?.values.StageName).toBe('Closed Won');
  });

  it('serves the directory of people and conversations for the host page', async () => {
    const directory = await controlJson<SeedDirectory>('GET', '/directory');
    expect(directory.people.find((p) => p.id === emulator.ids.contacts.ada)).toMatchObject({
      type: 'Contact',
      name: 'Ada Lovelace',
      company: 'Globex Corporation',
    });
    expect(directory.people.find((p) => p.id === emulator.ids.accounts.maria)).toMatchObject({
      type: 'PersonAccount',
      email: 'maria.garcia@example.es',
    });
    expect(directory.conversations.map((c) => c.id)).toEqual(
      expect.arrayContaining(['conv-globex-renewal', 'conv-globex-outage', 'conv-unknown-caller']),
    );
  });

  it('answers an unknown control with 404', async () => {
    const response = await control('GET', '/nope');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual([{ errorCode: 'NOT_FOUND', message: 'No emulator control GET /nope' }]);
  });
});

describe('request log', () => {
  it('records method, path with query, origin, status and duration of each org request, not of the controls', async () => {
    await api(`/query?q=${encodeURIComponent('SELECT Id FROM Lead LIMIT 1')}`);
    await api('/sobjects/Lead/00Q5g000009ZZZZZZZ');
    const log = await controlJson<LogEntry[]>('GET', '/log');
    const rest = log.filter((e) => e.path.startsWith(V));
    expect(rest).toEqual([
      {
        seq: expect.any(Number) as number,
        at: expect.any(String) as string,
        method: 'GET',
        path: `${V}/query?q=${encodeURIComponent('SELECT Id FROM Lead LIMIT 1')}`,
        origin: TEST_APP_ORIGIN,
        status: 200,
        ms: expect.any(Number) as number,
      },
      expect.objectContaining({ method: 'GET', path: `${V}/sobjects/Lead/00Q5g000009ZZZZZZZ`, status: 404 }),
    ]);
    expect(log.some((e) => e.path.startsWith('/__emulator'))).toBe(false);
    // The sign-in went through the org too.
    expect(log.map((e) => `${e.method} ${e.path.split('?')[0] ?? ''}`)).toContain('POST /services/oauth2/token');
    expect(await controlJson('DELETE', '/log')).toEqual({ ok: true });
    expect(await controlJson('GET', '/log')).toEqual([]);
  });
});

describe('tokens', () => {
  it('expires access tokens: REST answers 401 and a refresh gets a working token', async () => {
    expect(await controlJson('POST', '/tokens/expire-access')).toEqual({ expired: 1 });
    const expired = await api('/limits');
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    const refreshed = (await (await refresh(tokens.refresh_token ?? '')).json()) as TokenResponseBody;
    expect((await api('/limits', { token: refreshed.access_token ?? '' })).status).toBe(200);
  });

  it('revokes refresh tokens: refresh answers invalid_grant and access tokens stop working', async () => {
    await signIn(emulator);
    expect(await controlJson('POST', '/tokens/revoke-refresh')).toEqual({ revoked: 2 });
    const response = await refresh(tokens.refresh_token ?? '');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: 'invalid_grant',
      error_description: 'expired access/refresh token',
    });
    expect((await api('/limits')).status).toBe(401);
    const state = await controlJson<{ oauth: { activeGrants: number; liveAccessTokens: number } }>('GET', '/state');
    expect(state.oauth).toMatchObject({ activeGrants: 0, liveAccessTokens: 0 });
  });
});

describe('tokens/grant', () => {
  interface Granted {
    token: TokenResponseBody;
    userinfo: { user_id: string; preferred_username: string; organization_id: string };
  }
  const userinfo = (accessToken: string) =>
    fetch(`${ORG}/services/oauth2/userinfo`, { headers: { Authorization: `Bearer ${accessToken}` } });

  it('gives the default user a session that works for REST calls, userinfo and a refresh, without a sign-in', async () => {
    const before = await controlJson<{ oauth: { counters: Record<string, number> } }>('GET', '/state');
    const granted = await controlJson<Granted>('POST', '/tokens/grant');
    expect(granted.token).toMatchObject({ instance_url: ORG, token_type: 'Bearer', scope: 'api refresh_token openid' });
    expect(granted.userinfo).toMatchObject({
      user_id: emulator.ids.users.jane,
      preferred_username: 'jane.doe@acme.example',
    });
    const accessToken = granted.token.access_token ?? '';
    const accounts = await api(`/query?q=${encodeURIComponent('SELECT Id FROM Account LIMIT 1')}`, {
      token: accessToken,
    });
    expect(accounts.status).toBe(200);
    const identity = await userinfo(accessToken);
    expect(identity.status).toBe(200);
    expect(await identity.json()).toEqual(granted.userinfo);
    const refreshed = await refresh(granted.token.refresh_token ?? '');
    expect(refreshed.status).toBe(200);
    // Not a sign-in: the counters the sign-in tests read stay where they were.
    const after = await controlJson<{ oauth: { counters: Record<string, number> } }>('GET', '/state');
    expect(after.oauth.counters).toEqual({
      ...before.oauth.counters,
      refresh: (before.oauth.counters.refresh ?? 0) + 1,
    });
  });

  it('signs in the user named by username', async () => {
    const granted = await controlJson<Granted>('POST', '/tokens/grant', { username: 'marco.bianchi@acme.example' });
    const identity = (await (await userinfo(granted.token.access_token ?? '')).json()) as Granted['userinfo'];
    expect(identity).toMatchObject({
      user_id: emulator.ids.users.marco,
      preferred_username: 'marco.bianchi@acme.example',
    });
    const created = await api('/sobjects/Lead', {
      method: 'POST',
      body: newLead,
      token: granted.token.access_token ?? '',
    });
    const { id } = (await created.json()) as { id: string };
    expect(emulator.store.get(id)?.values.CreatedById).toBe(emulator.ids.users.marco);
  });

  it('refuses an unknown username with a clear error and grants nothing', async () => {
    const before = await controlJson<{ oauth: { activeGrants: number } }>('GET', '/state');
    const response = await control('POST', '/tokens/grant', { username: 'nobody@acme.example' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual([
      { errorCode: 'INVALID_INPUT', message: 'No user with Username nobody@acme.example' },
    ]);
    const after = await controlJson<{ oauth: { activeGrants: number } }>('GET', '/state');
    expect(after.oauth.activeGrants).toBe(before.oauth.activeGrants);
  });
});

describe('latency', () => {
  it('delays each org request by latencyMs', async () => {
    await controlJson('POST', '/settings', { latencyMs: 60 });
    const started = performance.now();
    expect((await api('/limits')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
    const entry = emulator.log.at(-1);
    expect(entry?.ms).toBeGreaterThanOrEqual(55);
    // The controls themselves are not delayed.
    const controlStarted = performance.now();
    await controlJson('GET', '/state');
    expect(performance.now() - controlStarted).toBeLessThan(55);
  });
});

describe('faults', () => {
  it('fails the next N matching requests with the given status and body, then lets them through', async () => {
    const body = [{ errorCode: 'SERVER_UNAVAILABLE', message: 'Service Unavailable' }];
    const fault = await controlJson<{ id: number; remaining: number; action: string }>('POST', '/faults', {
      match: { method: 'GET', path: '/limits' },
      count: 2,
      status: 503,
      body,
    });
    expect(fault).toMatchObject({ remaining: 2, action: 'fail' });
    for (let i = 0; i < 2; i++) {
      const response = await api('/limits');
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual(body);
    }
    expect((await api('/limits')).status).toBe(200);
    expect(emulator.log.filter((e) => e.fault === 'fail')).toHaveLength(2);
  });

  it('matches by method and by path substring or /regex/', async () => {
    await controlJson('POST', '/faults', { match: { method: 'POST', path: '/sobjects/Lead' }, status: 500 });
    expect((await api(`/sobjects/Lead/${emulator.ids.leads.sofia}?fields=Id`)).status).toBe(200);
    const failed = await api('/sobjects/Lead', { method: 'POST', body: newLead });
    expect(failed.status).toBe(500);
    expect(((await failed.json()) as { errorCode: string }[])[0]?.errorCode).toBe('UNKNOWN_EXCEPTION');

    await controlJson('POST', '/faults', {
      match: { path: '/\\/query\\?q=.*FROM\\+Case/i' },
      status: 400,
      body: 'plain text',
    });
    expect((await api('/query?q=SELECT+Id+FROM+Lead')).status).toBe(200);
    const text = await api('/query?q=SELECT+Id+FROM+Case');
    expect(text.status).toBe(400);
    expect(text.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await text.text()).toBe('plain text');
  });

  it('commit-then-fail: the write happens, the client sees the failure', async () => {
    await controlJson('POST', '/faults', {
      match: { path: '/sobjects/Lead' },
      action: 'commit-then-fail',
      status: 502,
      body: [{ errorCode: 'GATEWAY', message: 'Bad gateway' }],
    });
    const response = await api('/sobjects/Lead', { method: 'POST', body: newLead });
    expect(response.status).toBe(502);
    expect(emulator.store.rows('Lead').filter((r) => r.values.LastName === 'Control')).toHaveLength(1);
  });

  it('drop: the request fails at the network level and nothing is written; commit-then-drop writes', async () => {
    await controlJson('POST', '/faults', { match: { path: '/sobjects/Lead' }, action: 'drop', count: 1 });
    await expect(api('/sobjects/Lead', { method: 'POST', body: newLead })).rejects.toThrow(TypeError);
    expect(emulator.store.rows('Lead').filter((r) => r.values.LastName === 'Control')).toHaveLength(0);
    await controlJson('POST', '/faults', { match: { path: '/sobjects/Lead' }, action: 'commit-then-drop' });
    await expect(api('/sobjects/Lead', { method: 'POST', body: newLead })).rejects.toThrow(TypeError);
    expect(emulator.store.rows('Lead').filter((r) => r.values.LastName === 'Control')).toHaveLength(1);
    expect(emulator.log.filter((e) => e.status === 'dropped').map((e) => e.fault)).toEqual([
      'drop',
      'commit-then-drop',
    ]);
  });

  it('lists pending faults in the state and clears them', async () => {
    await controlJson('POST', '/faults', { match: { path: '/limits' }, count: 5 });
    expect((await controlJson<{ faults: unknown[] }>('GET', '/state')).faults).toHaveLength(1);
    expect(await controlJson('DELETE', '/faults')).toEqual({ ok: true });
    expect((await api('/limits')).status).toBe(200);
  });

  it('rejects an unknown action, a status a response cannot carry and a count below 1', async () => {
    for (const body of [
      { action: 'explode' },
      { status: 0 },
      { status: 102 },
      { status: '503' },
      { count: 0 },
      { count: 1.5 },
    ]) {
      const response = await control('POST', '/faults', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(((await response.json()) as { errorCode: string }[])[0]?.errorCode).toBe('INVALID_INPUT');
    }
    expect(emulator.faults).toEqual([]);
    expect((await api('/limits')).status).toBe(200);
  });
});

describe('settings', () => {
  it('toggles API access', async () => {
    await controlJson('POST', '/settings', { apiEnabled: false });
    expect((await api('/limits')).status).toBe(403);
    await controlJson('POST', '/settings', { apiEnabled: true });
    expect((await api('/limits')).status).toBe(200);
  });

  it('toggles refresh token rotation', async () => {
    await controlJson('POST', '/settings', { refreshTokenRotation: false });
    const body = (await (await refresh(tokens.refresh_token ?? '')).json()) as TokenResponseBody;
    expect(body).not.toHaveProperty('refresh_token');
  });

  it('toggles CORS settings as seen by the HTTP server', async () => {
    const state = await controlJson<{ settings: { corsEnabled: boolean; oauthCorsEnabled: boolean } }>(
      'POST',
      '/settings',
      { corsEnabled: false, oauthCorsEnabled: false },
    );
    expect(state.settings).toMatchObject({ corsEnabled: false, oauthCorsEnabled: false });
  });

  it('sets the search index lag: a just-created lead is found by SOQL but not yet by SOSL', async () => {
    await controlJson('POST', '/settings', { searchIndexLagMs: 60_000 });
    await api('/sobjects/Lead', { method: 'POST', body: { LastName: 'Zyxwvut', Company: 'Lagging' } });
    const sosl = (await (
      await api(`/search?q=${encodeURIComponent('FIND {Zyxwvut} IN NAME FIELDS RETURNING Lead(Id)')}`)
    ).json()) as { searchRecords: unknown[] };
    expect(sosl.searchRecords).toEqual([]);
    const soql = (await (
      await api(`/query?q=${encodeURIComponent("SELECT Id FROM Lead WHERE LastName = 'Zyxwvut'")}`)
    ).json()) as { totalSize: number };
    expect(soql.totalSize).toBe(1);
  });

  it('turns Person Accounts off', async () => {
    await controlJson('POST', '/settings', { personAccountsEnabled: false });
    const describe = (await (await api('/sobjects/Account/describe')).json()) as { fields: { name: string }[] };
    expect(describe.fields.map((f) => f.name)).not.toContain('PersonEmail');
  });

  it('rejects unknown settings and values of the wrong type', async () => {
    for (const body of [
      { nope: true },
      { apiEnabled: 'no' },
      { corsAllowedOrigins: 'https://x.example' },
      { searchIndexLagMs: '5' },
    ]) {
      const response = await control('POST', '/settings', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(((await response.json()) as { errorCode: string }[])[0]?.errorCode).toBe('INVALID_INPUT');
    }
    expect(emulator.settings.apiEnabled).toBe(true);
  });
});

describe('field and object access', () => {
  const mobile = () => api(`/query?q=${encodeURIComponent('SELECT Id, MobilePhone FROM Lead')}`);

  it('field-access none hides the field, read makes it read-only, edit restores it', async () => {
    await controlJson('POST', '/field-access', { object: 'Lead', field: 'MobilePhone', access: 'none' });
    const hidden = await mobile();
    expect(hidden.status).toBe(400);
    expect(((await hidden.json()) as { errorCode: string }[])[0]?.errorCode).toBe('INVALID_FIELD');

    await controlJson('POST', '/field-access', { object: 'Lead', field: 'MobilePhone', access: 'read' });
    expect((await mobile()).status).toBe(200);
    const write = await api(`/sobjects/Lead/${emulator.ids.leads.chen}`, {
      method: 'PATCH',
      body: { MobilePhone: '+1' },
    });
    expect(write.status).toBe(400);
    expect(((await write.json()) as { errorCode: string }[])[0]?.errorCode).toBe('INVALID_FIELD_FOR_INSERT_UPDATE');

    await controlJson('POST', '/field-access', { object: 'Lead', field: 'MobilePhone', access: 'edit' });
    expect(
      (await api(`/sobjects/Lead/${emulator.ids.leads.chen}`, { method: 'PATCH', body: { MobilePhone: '+1' } })).status,
    ).toBe(204);
  });

  it('removes conversationId__c from Opportunity and Case', async () => {
    for (const object of ['Opportunity', 'Case'])
      await controlJson('POST', '/field-access', { object, field: 'conversationId__c', access: 'none' });
    const upsert = await api('/sobjects/Opportunity/conversationId__c/conv-x', {
      method: 'PATCH',
      body: { Name: 'x' },
    });
    expect(upsert.status).toBe(404);
    const query = await api(`/query?q=${encodeURIComponent('SELECT Id, conversationId__c FROM Case')}`);
    expect(query.status).toBe(400);
  });

  it('rejects bad field-access input', async () => {
    expect(
      (await control('POST', '/field-access', { object: 'Lead', field: 'MobilePhone', access: 'write' })).status,
    ).toBe(400);
    expect((await control('POST', '/field-access', { object: 'Lead', access: 'none' })).status).toBe(400);
  });

  it('object-access read:false hides the object; create:false refuses inserts', async () => {
    await controlJson('POST', '/object-access', { object: 'Opportunity', read: false });
    expect((await api('/sobjects/Opportunity/describe')).status).toBe(404);
    const query = await api(`/query?q=${encodeURIComponent('SELECT Id FROM Opportunity')}`);
    expect(query.status).toBe(400);
    expect(((await query.json()) as { errorCode: string }[])[0]?.errorCode).toBe('INVALID_TYPE');

    await controlJson('POST', '/object-access', { object: 'Case', create: false });
    const insert = await api('/sobjects/Case', { method: 'POST', body: { Subject: 'x' } });
    expect(insert.status).toBe(400);
    expect(((await insert.json()) as { errorCode: string }[])[0]?.errorCode).toBe('INSUFFICIENT_ACCESS_OR_READONLY');
    const describe = (await (await api('/sobjects/Case/describe')).json()) as {
      createable: boolean;
      queryable: boolean;
    };
    expect(describe).toMatchObject({ createable: false, queryable: true });
  });

  it('rejects object-access for an unknown object', async () => {
    const response = await control('POST', '/object-access', { object: 'Nope__c', read: false });
    expect(response.status).toBe(400);
  });
});
