/**
 * The emulated org's OAuth 2.0 / OpenID Connect server, checked over HTTP against README "Salesforce API facts":
 * discovery, the authorize page and its redirects, the PKCE code exchange, refresh with and without
 * rotation, revoke, userinfo, the id_token and JWKS.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TEST_CLIENT_ID, TEST_ORG_ORIGIN, TEST_REDIRECT_URI, createTestOrg, pkcePair, signIn } from '../node';

const { emulator, server } = createTestOrg();
const ORG = TEST_ORG_ORIGIN;
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => emulator.reset());
afterAll(() => server.close());

function authorizeParams(challenge: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    response_type: 'code',
    client_id: TEST_CLIENT_ID,
    redirect_uri: TEST_REDIRECT_URI,
    scope: 'api refresh_token openid',
    state: 'st-123',
    nonce: 'n-456',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    display: 'popup',
    ...extra,
  };
}

function getAuthorize(params: Record<string, string>): Promise<Response> {
  return fetch(`${ORG}/services/oauth2/authorize?${new URLSearchParams(params).toString()}`, { redirect: 'manual' });
}

/** Submits the authorize page's form, as the Allow or Deny button does. */
function postAuthorize(params: Record<string, string>, decision: 'allow' | 'deny'): Promise<Response> {
  return fetch(`${ORG}/services/oauth2/authorize`, {
    method: 'POST',
    headers: FORM,
    body: new URLSearchParams({ ...params, decision }),
    redirect: 'manual',
  });
}

function postForm(path: string, fields: Record<string, string>): Promise<Response> {
  return fetch(`${ORG}${path}`, { method: 'POST', headers: FORM, body: new URLSearchParams(fields) });
}

/** The callback URL the browser is sent to, split into its parts. */
function callback(response: Response): { base: string; params: Record<string, string> } {
  const location = response.headers.get('location');
  if (location === null) throw new Error(`no redirect (status ${String(response.status)})`);
  const url = new URL(location);
  return { base: `${url.origin}${url.pathname}`, params: Object.fromEntries(url.searchParams) };
}

async function codeFor(params: Record<string, string>): Promise<string> {
  const response = await postAuthorize(params, 'allow');
  expect(response.status).toBe(302);
  const code = callback(response).params.code;
  if (code === undefined) throw new Error('no code');
  return code;
}

function exchange(code: string, verifier: string, extra: Record<string, string> = {}): Promise<Response> {
  return postForm('/services/oauth2/token', {
    grant_type: 'authorization_code',
    code,
    redirect_uri: TEST_REDIRECT_URI,
    client_id: TEST_CLIENT_ID,
    code_verifier: verifier,
    ...extra,
  });
}

function refresh(refreshToken: string): Promise<Response> {
  return postForm('/services/oauth2/token', {
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
    client_id: TEST_CLIENT_ID,
    scope: 'api refresh_token openid',
  });
}

function userinfo(accessToken: string): Promise<Response> {
  return fetch(`${ORG}/services/oauth2/userinfo`, { headers: { Authorization: `Bearer ${accessToken}` } });
}

function base64UrlDecode(part: string): Uint8Array<ArrayBuffer> {
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
  return Uint8Array.from(atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4)), (c) => c.charCodeAt(0));
}

function jwtPart(part: string | undefined): Record<string, unknown> {
  return JSON.parse(new TextDecoder().decode(base64UrlDecode(part ?? ''))) as Record<string, unknown>;
}

async function expectOAuthError(response: Response, error: string, description: string): Promise<void> {
  expect(response.status).toBe(400);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  expect(await response.json()).toEqual({ error, error_description: description });
}

describe('OIDC discovery', () => {
  it('publishes the documented document with the My Domain as issuer and no session endpoints', async () => {
    const response = await fetch(`${ORG}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      issuer: ORG,
      authorization_endpoint: `${ORG}/services/oauth2/authorize`,
      token_endpoint: `${ORG}/services/oauth2/token`,
      revocation_endpoint: `${ORG}/services/oauth2/revoke`,
      userinfo_endpoint: `${ORG}/services/oauth2/userinfo`,
      jwks_uri: `${ORG}/id/keys`,
      scopes_supported: [
        'id',
        'api',
        'web',
        'full',
        'chatter_api',
        'visualforce',
        'refresh_token',
        'openid',
        'profile',
        'email',
        'address',
        'phone',
        'offline_access',
        'custom_permissions',
        'wave_api',
        'eclair_api',
      ],
      response_types_supported: ['code', 'token', 'token id_token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      display_values_supported: ['page', 'popup', 'touch'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt'],
    });
    expect(body.claims_supported).toContain('is_app_installed');
    expect(body).not.toHaveProperty('end_session_endpoint');
    expect(body).not.toHaveProperty('check_session_iframe');
  });

  it('accepts every advertised scope at the authorize endpoint', async () => {
    const { challenge } = await pkcePair();
    const response = await postAuthorize(
      authorizeParams(challenge, { scope: 'api refresh_token openid custom_permissions wave_api eclair_api phone' }),
      'allow',
    );
    expect(callback(response).params).toHaveProperty('code');
  });
});

describe('authorize page', () => {
  it('renders Allow and Deny buttons and a labelled user choice, and refuses framing', async () => {
    const { challenge } = await pkcePair();
    const response = await getAuthorize(authorizeParams(challenge));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    const html = await response.text();
    expect(html).toMatch(/<button[^>]*type="submit"[^>]*name="decision"[^>]*value="allow"[^>]*>Allow<\/button>/);
    expect(html).toMatch(/<button[^>]*type="submit"[^>]*name="decision"[^>]*value="deny"[^>]*>Deny<\/button>/);
    expect(html).toMatch(/<label for="user">[^<]+<\/label><select id="user" name="user">/);
    expect(html).toContain(`<input type="hidden" name="state" value="st-123">`);
    expect(html).toContain(`<input type="hidden" name="code_challenge" value="${challenge}">`);
  });

  it('preselects the login_hint user', async () => {
    const { challenge } = await pkcePair();
    const html = await (
      await getAuthorize(authorizeParams(challenge, { login_hint: 'marco.bianchi@acme.example' }))
    ).text();
    expect(html).toMatch(/<option value="[^"]+" selected>marco\.bianchi@acme\.example<\/option>/);
    expect(html).not.toMatch(/selected>jane\.doe@acme\.example/);
  });

  it('shows an unknown client_id on an error page instead of redirecting', async () => {
    const { challenge } = await pkcePair();
    const response = await getAuthorize(authorizeParams(challenge, { client_id: '3MVG9someoneElse' }));
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toContain('invalid_client_id');
  });

  it('shows a redirect_uri that is not registered on an error page instead of redirecting', async () => {
    const { challenge } = await pkcePair();
    const response = await getAuthorize(authorizeParams(challenge, { redirect_uri: 'https://evil.example/callback' }));
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('redirect_uri_mismatch');
  });

  it('sends a request without a code challenge back with invalid_request', async () => {
    const params = authorizeParams('');
    delete params.code_challenge;
    const response = await getAuthorize(params);
    expect(response.status).toBe(302);
    expect(callback(response)).toEqual({
      base: TEST_REDIRECT_URI,
      params: { error: 'invalid_request', error_description: 'missing required code challenge', state: 'st-123' },
    });
  });

  it('sends a non-S256 challenge method back with invalid_request', async () => {
    const { verifier } = await pkcePair();
    const response = await getAuthorize(authorizeParams(verifier, { code_challenge_method: 'plain' }));
    expect(response.status).toBe(302);
    const { params } = callback(response);
    expect(params.error).toBe('invalid_request');
    expect(params.state).toBe('st-123');
  });

  it('redirects Deny with access_denied, the documented description and the state', async () => {
    const { challenge } = await pkcePair();
    const response = await postAuthorize(authorizeParams(challenge), 'deny');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(
      `${TEST_REDIRECT_URI}?error=access_denied&error_description=end-user+denied+authorization&state=st-123`,
    );
  });

  it('sends a user back with invalid_client when the app is not installed in the org', async () => {
    emulator.settings.appInstalled = false;
    const { challenge } = await pkcePair();
    const response = await postAuthorize(authorizeParams(challenge), 'allow');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(
      `${TEST_REDIRECT_URI}?error=invalid_client&error_description=app+must+be+installed+into+org&state=st-123`,
    );
  });

  it('redirects Allow with a code and the state', async () => {
    const { challenge } = await pkcePair();
    const response = await postAuthorize(authorizeParams(challenge), 'allow');
    expect(response.status).toBe(302);
    const { base, params } = callback(response);
    expect(base).toBe(TEST_REDIRECT_URI);
    expect(Object.keys(params)).toEqual(['code', 'state']);
    expect(params.state).toBe('st-123');
  });
});

describe('token endpoint: authorization code + PKCE', () => {
  it('returns the §1.4 response: these keys in this order, no expires_in, issued_at in ms', async () => {
    const { verifier, challenge } = await pkcePair();
    const before = Date.now();
    const response = await exchange(await codeFor(authorizeParams(challenge)), verifier);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as Record<string, string>;
    expect(Object.keys(body)).toEqual([
      'access_token',
      'refresh_token',
      'signature',
      'scope',
      'id_token',
      'instance_url',
      'id',
      'token_type',
      'issued_at',
    ]);
    expect(body).not.toHaveProperty('expires_in');
    expect(body.access_token).toMatch(/^00D[A-Za-z0-9]{12}!AQ[A-Za-z0-9_.-]+$/);
    expect(body.refresh_token).toMatch(/^5Aep861/);
    expect(body.signature).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(body.scope?.split(' ').sort()).toEqual(['api', 'openid', 'refresh_token']);
    expect(body.instance_url).toBe(ORG);
    expect(body.id).toBe(`https://login.salesforce.com/id/00D5g000004XYZAEA2/${emulator.ids.users.jane}`);
    expect(body.token_type).toBe('Bearer');
    expect(body.issued_at).toMatch(/^\d{13}$/);
    expect(Number(body.issued_at)).toBeGreaterThanOrEqual(before);
    expect(Number(body.issued_at)).toBeLessThanOrEqual(Date.now());
  });

  it('leaves out refresh_token and id_token when refresh_token and openid were not requested', async () => {
    const { verifier, challenge } = await pkcePair();
    const response = await exchange(await codeFor(authorizeParams(challenge, { scope: 'api' })), verifier);
    const body = (await response.json()) as Record<string, string>;
    expect(Object.keys(body)).toEqual([
      'access_token',
      'signature',
      'scope',
      'instance_url',
      'id',
      'token_type',
      'issued_at',
    ]);
    expect(body.scope).toBe('api');
  });

  it('signs in the user picked on the authorize page', async () => {
    const tokens = await signIn(emulator, { userId: emulator.ids.users.marco });
    expect(tokens.id?.split('/').at(-1)).toBe(emulator.ids.users.marco);
  });

  it('issues an RS256 id_token that verifies against /id/keys and carries nonce, aud, iss, sub and at_hash', async () => {
    const tokens = await signIn(emulator, { nonce: 'nonce-789' });
    const [headerPart, payloadPart, signaturePart] = (tokens.id_token ?? '').split('.');
    const header = jwtPart(headerPart);
    const payload = jwtPart(payloadPart);
    expect(header).toEqual({ kid: expect.any(String) as string, typ: 'JWT', alg: 'RS256' });

    const jwks = (await (await fetch(`${ORG}/id/keys`)).json()) as { keys: (JsonWebKey & { kid: string })[] };
    const jwk = jwks.keys.find((key) => key.kid === header.kid);
    expect(jwk).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    if (!jwk) throw new Error('no key for the kid');
    const key = await crypto.subtle.importKey(
      'jwk',
      { kty: 'RSA', n: jwk.n ?? '', e: jwk.e ?? '' },
      { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
      false,
      ['verify'],
    );
    const signed = new TextEncoder().encode(`${headerPart ?? ''}.${payloadPart ?? ''}`);
    expect(await crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, base64UrlDecode(signaturePart ?? ''), signed)).toBe(
      true,
    );
    const tampered = new TextEncoder().encode(`${headerPart ?? ''}.${payloadPart ?? ''}x`);
    expect(await crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, base64UrlDecode(signaturePart ?? ''), tampered)).toBe(
      false,
    );

    const atHash = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(tokens.access_token)));
    let binary = '';
    for (const byte of atHash.slice(0, 16)) binary += String.fromCharCode(byte);
    expect(payload).toMatchObject({
      nonce: 'nonce-789',
      aud: TEST_CLIENT_ID,
      iss: ORG,
      sub: tokens.id,
      at_hash: btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''),
    });
    expect(payload).not.toHaveProperty('instance_url');
    expect(payload.exp).toBeGreaterThan(payload.iat as number);
  });

  it('also serves the keys at /services/oauth2/id/keys', async () => {
    const response = await fetch(`${ORG}/services/oauth2/id/keys`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { keys: unknown[] }).keys).toHaveLength(1);
  });

  it('rejects a wrong verifier with invalid_grant / invalid code verifier, and the code is then spent', async () => {
    const { verifier, challenge } = await pkcePair();
    const code = await codeFor(authorizeParams(challenge));
    await expectOAuthError(await exchange(code, `${verifier.slice(1)}0`), 'invalid_grant', 'invalid code verifier');
    expect((await exchange(code, verifier)).status).toBe(400);
  });

  it('rejects a verifier containing ~ even when it matches the challenge', async () => {
    const { verifier, challenge } = await pkcePair(`${'a'.repeat(60)}~${'b'.repeat(20)}`);
    const code = await codeFor(authorizeParams(challenge));
    await expectOAuthError(await exchange(code, verifier), 'invalid_grant', 'invalid code verifier');
  });

  it('rejects a missing verifier', async () => {
    const { challenge } = await pkcePair();
    const code = await codeFor(authorizeParams(challenge));
    await expectOAuthError(await exchange(code, ''), 'invalid_grant', 'invalid code verifier');
  });

  it('accepts a code only once', async () => {
    const { verifier, challenge } = await pkcePair();
    const code = await codeFor(authorizeParams(challenge));
    expect((await exchange(code, verifier)).status).toBe(200);
    await expectOAuthError(await exchange(code, verifier), 'invalid_grant', 'invalid authorization code');
  });

  it('rejects an expired code', async () => {
    const { verifier, challenge } = await pkcePair();
    const code = await codeFor(authorizeParams(challenge));
    const issued = Date.now();
    emulator.store.now = () => new Date(issued + 16 * 60 * 1000);
    try {
      await expectOAuthError(await exchange(code, verifier), 'invalid_grant', 'expired authorization code');
    } finally {
      emulator.store.now = () => new Date();
    }
  });

  it('rejects an unknown client_id, a client_secret from a public client and another redirect_uri', async () => {
    const { verifier, challenge } = await pkcePair();
    await expectOAuthError(
      await exchange(await codeFor(authorizeParams(challenge)), verifier, { client_id: 'nope' }),
      'invalid_client_id',
      'client identifier invalid',
    );
    const secret = await exchange(await codeFor(authorizeParams(challenge)), verifier, { client_secret: 's3cr3t' });
    expect(((await secret.json()) as { error: string }).error).toBe('invalid_client');
    const other = await exchange(await codeFor(authorizeParams(challenge)), verifier, {
      redirect_uri: 'http://localhost:3000/other.html',
    });
    expect(other.status).toBe(400);
    expect(((await other.json()) as { error: string }).error).toBe('redirect_uri_mismatch');
  });

  it('answers unknown and missing grant types with OAuth errors', async () => {
    await expectOAuthError(
      await postForm('/services/oauth2/token', { grant_type: 'password', client_id: TEST_CLIENT_ID }),
      'unsupported_grant_type',
      'grant type not supported',
    );
    const missing = await postForm('/services/oauth2/token', { client_id: TEST_CLIENT_ID });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: string }).error).toBe('invalid_request');
  });
});

describe('token endpoint: refresh', () => {
  it('with rotation: returns a new refresh token in the §1.4 shape; the old one is then refused', async () => {
    const tokens = await signIn(emulator);
    const first = await refresh(tokens.refresh_token ?? '');
    expect(first.status).toBe(200);
    const rotated = (await first.json()) as Record<string, string>;
    expect(Object.keys(rotated)).toEqual([
      'access_token',
      'refresh_token',
      'signature',
      'scope',
      'id_token',
      'instance_url',
      'id',
      'token_type',
      'issued_at',
    ]);
    expect(rotated.refresh_token).not.toBe(tokens.refresh_token);
    expect(rotated.access_token).not.toBe(tokens.access_token);
    expect(rotated.id).toBe(tokens.id);
    expect((await refresh(rotated.refresh_token ?? '')).status).toBe(200);
  });

  it('with rotation: reusing a rotated-out token revokes the current refresh token and all access tokens', async () => {
    const tokens = await signIn(emulator);
    const rotated = (await (await refresh(tokens.refresh_token ?? '')).json()) as Record<string, string>;
    expect((await userinfo(rotated.access_token ?? '')).status).toBe(200);

    await expectOAuthError(await refresh(tokens.refresh_token ?? ''), 'invalid_grant', 'expired access/refresh token');
    await expectOAuthError(await refresh(rotated.refresh_token ?? ''), 'invalid_grant', 'expired access/refresh token');
    expect((await userinfo(rotated.access_token ?? '')).status).toBe(403);
    expect((await userinfo(tokens.access_token ?? '')).status).toBe(403);
  });

  it('without rotation: no refresh_token in the response, and the same token keeps working', async () => {
    emulator.settings.refreshTokenRotation = false;
    const tokens = await signIn(emulator);
    for (let i = 0; i < 2; i++) {
      const response = await refresh(tokens.refresh_token ?? '');
      expect(response.status).toBe(200);
      const body = (await response.json()) as Record<string, string>;
      expect(Object.keys(body)).toEqual([
        'access_token',
        'signature',
        'scope',
        'id_token',
        'instance_url',
        'id',
        'token_type',
        'issued_at',
      ]);
      expect(body.issued_at).toMatch(/^\d{13}$/);
      expect((await userinfo(body.access_token ?? '')).status).toBe(200);
    }
    // Earlier access tokens stay valid: refreshing doesn't revoke them.
    expect((await userinfo(tokens.access_token ?? '')).status).toBe(200);
  });

  it('refuses an unknown refresh token and one from another client', async () => {
    await expectOAuthError(await refresh('5Aep861notAToken'), 'invalid_grant', 'expired access/refresh token');
    const tokens = await signIn(emulator);
    const other = await postForm('/services/oauth2/token', {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token ?? '',
      client_id: 'other',
    });
    await expectOAuthError(other, 'invalid_client_id', 'client identifier invalid');
  });
});

describe('revoke', () => {
  it('revokes an access token with 200 and an empty body', async () => {
    const tokens = await signIn(emulator);
    const response = await postForm('/services/oauth2/revoke', { token: tokens.access_token ?? '' });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    expect((await userinfo(tokens.access_token ?? '')).status).toBe(403);
    // The refresh token still works: only that access token was revoked.
    expect((await refresh(tokens.refresh_token ?? '')).status).toBe(200);
  });

  it('revoking a refresh token also revokes its access tokens', async () => {
    const tokens = await signIn(emulator);
    const other = await signIn(emulator);
    const response = await postForm('/services/oauth2/revoke', { token: tokens.refresh_token ?? '' });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    expect((await userinfo(tokens.access_token ?? '')).status).toBe(403);
    await expectOAuthError(await refresh(tokens.refresh_token ?? ''), 'invalid_grant', 'expired access/refresh token');
    // Another approval of the same user is untouched.
    expect((await userinfo(other.access_token ?? '')).status).toBe(200);
  });

  it('accepts GET ?token=', async () => {
    const tokens = await signIn(emulator);
    const response = await fetch(
      `${ORG}/services/oauth2/revoke?token=${encodeURIComponent(tokens.access_token ?? '')}`,
    );
    expect(response.status).toBe(200);
    expect((await userinfo(tokens.access_token ?? '')).status).toBe(403);
  });

  it('answers an unknown token with a 400 OAuth error', async () => {
    const response = await postForm('/services/oauth2/revoke', { token: 'not-a-token' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: expect.any(String) as string,
      error_description: expect.any(String) as string,
    });
  });
});

describe('userinfo', () => {
  it('returns the §1.9 shape with literal {version} placeholders', async () => {
    const tokens = await signIn(emulator);
    const response = await userinfo(tokens.access_token ?? '');
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown> & { urls: Record<string, string> };
    const jane = emulator.ids.users.jane;
    expect(body).toMatchObject({
      sub: tokens.id,
      user_id: jane,
      organization_id: '00D5g000004XYZAEA2',
      preferred_username: 'jane.doe@acme.example',
      nickname: 'jane.doe',
      name: 'Jane Doe',
      email: 'jane.doe@acme.example',
      email_verified: true,
      given_name: 'Jane',
      family_name: 'Doe',
      profile: `${ORG}/${jane}`,
      address: {},
      is_salesforce_integration_user: false,
      active: true,
      user_type: 'STANDARD',
      language: 'en_US',
      locale: 'en_US',
      is_app_installed: true,
    });
    expect(Object.keys(body)).toEqual([
      'sub',
      'user_id',
      'organization_id',
      'preferred_username',
      'nickname',
      'name',
      'email',
      'email_verified',
      'given_name',
      'family_name',
      'zoneinfo',
      'photos',
      'profile',
      'picture',
      'address',
      'is_salesforce_integration_user',
      'urls',
      'active',
      'user_type',
      'language',
      'locale',
      'utcOffset',
      'updated_at',
      'is_app_installed',
    ]);
    expect(body.photos).toEqual({ picture: expect.any(String) as string, thumbnail: expect.any(String) as string });
    expect(body.urls).toMatchObject({
      enterprise: `${ORG}/services/Soap/c/{version}/00D5g000004XYZA`,
      rest: `${ORG}/services/data/v{version}/`,
      sobjects: `${ORG}/services/data/v{version}/sobjects/`,
      query: `${ORG}/services/data/v{version}/query/`,
      search: `${ORG}/services/data/v{version}/search/`,
      tooling_rest: `${ORG}/services/data/v{version}/tooling/`,
      profile: `${ORG}/${jane}`,
    });
    expect(new URL(body.urls.rest ?? '').origin).toBe(tokens.instance_url);
    expect(body.updated_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(typeof body.utcOffset).toBe('number');
  });

  it('answers a bad, expired or missing token with 403 text/plain Bad_OAuth_Token', async () => {
    const tokens = await signIn(emulator);
    emulator.oauth.accessTokens.forEach((info) => {
      info.expired = true;
    });
    for (const headers of [
      { Authorization: 'Bearer 00Dnope!AQnope' },
      { Authorization: `Bearer ${tokens.access_token ?? ''}` },
      undefined,
    ]) {
      const response = await fetch(`${ORG}/services/oauth2/userinfo`, headers ? { headers } : {});
      expect(response.status).toBe(403);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await response.text()).toBe('Bad_OAuth_Token');
    }
  });

  it('serves the Identity URL from the token response to its bearer', async () => {
    const tokens = await signIn(emulator);
    const path = new URL(tokens.id ?? '').pathname;
    const response = await fetch(`${ORG}${path}`, {
      headers: { Authorization: `Bearer ${tokens.access_token ?? ''}` },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      user_id: emulator.ids.users.jane,
      organization_id: '00D5g000004XYZAEA2',
      username: 'jane.doe@acme.example',
      display_name: 'Jane Doe',
    });
  });
});

describe('introspect (advertised in discovery)', () => {
  it('reports a live access token as active and a revoked one as inactive', async () => {
    const tokens = await signIn(emulator);
    const live = await postForm('/services/oauth2/introspect', {
      token: tokens.access_token ?? '',
      client_id: TEST_CLIENT_ID,
      token_type_hint: 'access_token',
    });
    expect(live.status).toBe(200);
    const body = (await live.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      active: true,
      client_id: TEST_CLIENT_ID,
      username: 'jane.doe@acme.example',
      sub: tokens.id,
      token_type: 'access_token',
    });
    expect(body.exp).toBe((body.iat as number) + 7200);

    await postForm('/services/oauth2/revoke', { token: tokens.access_token ?? '' });
    const dead = await postForm('/services/oauth2/introspect', {
      token: tokens.access_token ?? '',
      client_id: TEST_CLIENT_ID,
    });
    expect(await dead.json()).toEqual({ active: false });
  });

  it('knows the current refresh token and forgets a rotated-out one', async () => {
    const tokens = await signIn(emulator);
    const ask = async (token: string) =>
      (
        (await (await postForm('/services/oauth2/introspect', { token, client_id: TEST_CLIENT_ID })).json()) as {
          active: boolean;
        }
      ).active;
    expect(await ask(tokens.refresh_token ?? '')).toBe(true);
    await refresh(tokens.refresh_token ?? '');
    expect(await ask(tokens.refresh_token ?? '')).toBe(false);
  });
});
