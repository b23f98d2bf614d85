/**
 * CORS as a configured org answers it (README "Salesforce API facts"), through the real node:http adapter the
 * demo and e2e use: the emulated org behind serveHandlers on a free port, called with node's fetch and
 * an Origin header, the way a browser on another origin calls it.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { serveHandlers } from '../http-adapter';
import { signIn } from '../node';
import { corsHeaders, corsPolicy, preflight } from './cors';
import { SalesforceEmulator } from './emulator';
import { salesforceHandlers } from './handlers';

const APP = 'http://localhost:4200';
const FOREIGN = 'https://evil.example';
const emulator = new SalesforceEmulator({
  origin: 'http://localhost:4300',
  clientId: '3MVG9corsTest',
  redirectUris: [`${APP}/oauth-callback.html`],
  corsAllowedOrigins: [APP, 'https://*.x-bees.example'],
});
let server: Server;
let base = '';
let token = '';

beforeAll(async () => {
  server = serveHandlers(salesforceHandlers(emulator), emulator.origin, {
    preflight: (path, origin, headers) => preflight(emulator, path, origin, headers),
    headers: (path, origin) => corsHeaders(corsPolicy(emulator, path, origin)),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
});
beforeEach(async () => {
  emulator.reset();
  token = (await signIn(emulator)).access_token ?? '';
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

function from(origin: string | null, path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (origin !== null) headers.set('Origin', origin);
  return fetch(`${base}${path}`, { ...init, headers });
}

function preflightFrom(
  origin: string,
  path: string,
  method: string,
  requestHeaders = 'authorization, content-type',
): Promise<Response> {
  return from(origin, path, {
    method: 'OPTIONS',
    headers: { 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': requestHeaders },
  });
}

const bearer = () => ({ Authorization: `Bearer ${token}` });

describe('REST API: the Allowed Origins List', () => {
  it('gives an allowlisted origin Access-Control-Allow-Origin on success and on errors', async () => {
    const ok = await from(APP, '/services/data/v66.0/limits', { headers: bearer() });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe(APP);
    expect(ok.headers.get('vary')).toBe('Origin');
    const unauthorized = await from(APP, '/services/data/v66.0/limits');
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get('access-control-allow-origin')).toBe(APP);
    expect(await unauthorized.json()).toEqual([
      { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' },
    ]);
  });

  it('answers another origin without CORS headers, so the browser blocks it', async () => {
    const response = await from(FOREIGN, '/services/data/v66.0/limits', { headers: bearer() });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('grants the preflight of an allowlisted origin', async () => {
    const response = await preflightFrom(
      APP,
      '/services/data/v66.0/sobjects/Lead',
      'POST',
      'authorization, content-type, sforce-duplicate-rule-header',
    );
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect(response.headers.get('access-control-allow-methods')).toContain('PATCH');
    expect(response.headers.get('access-control-allow-headers')?.split(/,\s*/)).toEqual([
      'authorization',
      'content-type',
      'sforce-duplicate-rule-header',
    ]);
  });

  it('answers the preflight of any other origin with 403', async () => {
    const response = await preflightFrom(FOREIGN, '/services/data/v66.0/sobjects/Lead', 'POST');
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a preflight asking for a header the org does not allow', async () => {
    expect((await preflightFrom(APP, '/services/data/v66.0/limits', 'GET', 'authorization, x-something')).status).toBe(
      403,
    );
  });

  it('matches https://*.domain entries against subdomains only', async () => {
    expect(
      (await from('https://app.x-bees.example', '/services/data/v66.0/limits', { headers: bearer() })).headers.get(
        'access-control-allow-origin',
      ),
    ).toBe('https://app.x-bees.example');
    for (const origin of [
      'https://x-bees.example',
      'http://app.x-bees.example',
      'https://app.x-bees.example.evil.example',
    ]) {
      expect((await preflightFrom(origin, '/services/data/v66.0/limits', 'GET')).status, origin).toBe(403);
    }
  });

  it('gives no origin CORS when the allowlist is switched off', async () => {
    emulator.settings.corsEnabled = false;
    expect(
      (await from(APP, '/services/data/v66.0/limits', { headers: bearer() })).headers.get(
        'access-control-allow-origin',
      ),
    ).toBeNull();
    expect((await preflightFrom(APP, '/services/data/v66.0/limits', 'GET')).status).toBe(403);
  });
});

describe('OAuth endpoints', () => {
  const tokenForm = () => ({
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'nope', client_id: '3MVG9corsTest' }),
  });

  it('gives the token and revoke endpoints CORS for an allowlisted origin when "Enable CORS for OAuth endpoints" is on', async () => {
    const response = await from(APP, '/services/oauth2/token', tokenForm());
    expect(response.status).toBe(400);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect((await preflightFrom(APP, '/services/oauth2/revoke', 'POST', 'content-type')).status).toBe(204);
    // §1.11 lists /authorize with the OAuth endpoints behind the checkbox.
    const authorize = await from(APP, '/services/oauth2/authorize?client_id=nope', { redirect: 'manual' });
    expect(authorize.headers.get('access-control-allow-origin')).toBe(APP);
  });

  it('needs the checkbox as well as the allowlist', async () => {
    emulator.settings.oauthCorsEnabled = false;
    expect(
      (await from(APP, '/services/oauth2/token', tokenForm())).headers.get('access-control-allow-origin'),
    ).toBeNull();
    expect((await preflightFrom(APP, '/services/oauth2/token', 'POST', 'content-type')).status).toBe(403);
    // userinfo is on the allowlist only, not behind the checkbox.
    expect(
      (await from(APP, '/services/oauth2/userinfo', { headers: bearer() })).headers.get('access-control-allow-origin'),
    ).toBe(APP);
    emulator.settings.oauthCorsEnabled = true;
    expect(
      (await from(FOREIGN, '/services/oauth2/token', tokenForm())).headers.get('access-control-allow-origin'),
    ).toBeNull();
  });

  it('always gives discovery and the keys CORS, whatever the settings', async () => {
    emulator.settings.corsEnabled = false;
    emulator.settings.oauthCorsEnabled = false;
    for (const path of ['/.well-known/openid-configuration', '/id/keys', '/services/oauth2/id/keys']) {
      const response = await from(FOREIGN, path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('access-control-allow-origin'), path).toBe('*');
    }
    const discovery = (await (await from(FOREIGN, '/.well-known/openid-configuration')).json()) as { issuer: string };
    expect(discovery.issuer).toBe('http://localhost:4300');
  });

  it('gives userinfo CORS only for an allowlisted origin', async () => {
    expect(
      (await from(APP, '/services/oauth2/userinfo', { headers: bearer() })).headers.get('access-control-allow-origin'),
    ).toBe(APP);
    expect(
      (await from(FOREIGN, '/services/oauth2/userinfo', { headers: bearer() })).headers.get(
        'access-control-allow-origin',
      ),
    ).toBeNull();
    expect((await preflightFrom(FOREIGN, '/services/oauth2/userinfo', 'GET', 'authorization')).status).toBe(403);
  });
});

describe('the HTTP adapter', () => {
  it('passes request bodies, statuses and headers through', async () => {
    const response = await from(APP, '/services/data/v66.0/sobjects/Lead', {
      method: 'POST',
      headers: { ...bearer(), 'Content-Type': 'application/json' },
      body: JSON.stringify({ LastName: 'Http', Company: 'Adapter' }),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    expect(response.headers.get('location')).toMatch(/^\/services\/data\/v66\.0\/sobjects\/Lead\/00Q/);
    expect(response.headers.get('sforce-limit-info')).toMatch(/^api-usage=\d+\/15000$/);
  });

  it('answers a 302 from the authorize endpoint with its Location', async () => {
    const response = await from(
      null,
      '/services/oauth2/authorize?response_type=code&client_id=3MVG9corsTest&redirect_uri=' +
        encodeURIComponent(`${APP}/oauth-callback.html`) +
        '&state=s',
      { redirect: 'manual' },
    );
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(
      `${APP}/oauth-callback.html?error=invalid_request&error_description=missing+required+code+challenge&state=s`,
    );
  });

  it('lets the test controls be called from any origin', async () => {
    const response = await from(FOREIGN, '/__emulator/state');
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect((await preflightFrom(FOREIGN, '/__emulator/settings', 'POST', 'content-type')).status).toBe(204);
  });

  it('destroys the socket for a drop fault, after the org committed the write for commit-then-drop', async () => {
    emulator.addFault({ match: { path: '/limits' }, action: 'drop', status: 0, body: undefined });
    await expect(from(APP, '/services/data/v66.0/limits', { headers: bearer() })).rejects.toThrow(TypeError);
    emulator.addFault({
      match: { method: 'POST', path: '/sobjects/Lead' },
      action: 'commit-then-drop',
      status: 0,
      body: undefined,
    });
    await expect(
      from(APP, '/services/data/v66.0/sobjects/Lead', {
        method: 'POST',
        headers: { ...bearer(), 'Content-Type': 'application/json' },
        body: JSON.stringify({ LastName: 'Dropped', Company: 'C' }),
      }),
    ).rejects.toThrow(TypeError);
    expect(emulator.store.rows('Lead').some((r) => r.values.LastName === 'Dropped')).toBe(true);
    expect(emulator.log.slice(-2).map((e) => e.status)).toEqual(['dropped', 'dropped']);
  });
});
