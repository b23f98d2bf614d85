/**
 * The org's OAuth 2.0 / OpenID Connect server on its My Domain: discovery, an authorize page with
 * Allow/Deny, the token endpoint (authorization code + PKCE S256, refresh with optional rotation),
 * revoke, userinfo, JWKS and the Identity URL. Shapes and errors follow README "Salesforce API facts"
 */
import type { SalesforceEmulator } from './emulator';
import { ORG_ID, jsonResponse } from './emulator';
import { SfApiError } from './errors';

interface AuthCode {
  clientId: string;
  redirectUri: string;
  challenge: string;
  userId: string;
  scopes: string[];
  nonce: string | null;
  expiresAt: number;
  used: boolean;
}

interface Grant {
  id: number;
  userId: string;
  clientId: string;
  scopes: string[];
  revoked: boolean;
  /** The refresh token currently valid for this grant. */
  refreshToken: string;
  /** Refresh tokens rotated out: reusing one revokes the whole grant. */
  retired: Set<string>;
}

interface AccessToken {
  grantId: number | null;
  userId: string;
  scopes: string[];
  /** Epoch ms. */
  issuedAt: number;
  expired: boolean;
  revoked: boolean;
}

export interface OAuthState {
  codes: Map<string, AuthCode>;
  grants: Map<number, Grant>;
  accessTokens: Map<string, AccessToken>;
  refreshIndex: Map<string, number>;
  grantSeq: number;
  /** Counts of token endpoint grants, for tests that prove single-flight refresh. */
  counters: { authorizationCode: number; refresh: number; revoke: number };
}

export function createOAuthState(): OAuthState {
  return {
    codes: new Map(),
    grants: new Map(),
    accessTokens: new Map(),
    refreshIndex: new Map(),
    grantSeq: 0,
    counters: { authorizationCode: 0, refresh: 0, revoke: 0 },
  };
}

/** The scopes the discovery document lists (README "Salesforce API facts"), all accepted at the authorize endpoint. */
const SUPPORTED_SCOPES = [
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
];
const KEY_ID = '246';

// ---------------------------------------------------------------- helpers

function random(bytes: number): string {
  const data = new Uint8Array(bytes);
  crypto.getRandomValues(data);
  return base64Url(data);
}

function base64Url(data: Uint8Array): string {
  let binary = '';
  for (const byte of data) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function base64UrlJson(value: unknown): string {
  return base64Url(new TextEncoder().encode(JSON.stringify(value)));
}

async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}

/**
 * `signature`: standard base64 of an HMAC-SHA256 over `id + issued_at`, keyed with the client secret
 * (§1.4). The emulated app has no secret, so a value derived from the client id stands in for it.
 */
async function hmacSignature(clientId: string, text: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(`secret:${clientId}`),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(text)));
  let binary = '';
  for (const byte of mac) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function oauthError(status: number, error: string, description: string): Response {
  return jsonResponse(status, { error, error_description: description });
}

function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

function htmlPage(status: number, title: string, body: string): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;background:#f3f3f3;margin:0;color:#181818}main{max-width:420px;margin:48px auto;background:#fff;border-radius:8px;padding:24px;box-shadow:0 2px 6px rgba(0,0,0,.15)}h1{font-size:1.3rem}button{font-size:1rem;padding:8px 16px;margin-right:8px;border-radius:4px;border:1px solid #0b5cab;cursor:pointer}button.allow{background:#0b5cab;color:#fff}button.deny{background:#fff;color:#0b5cab}label{display:block;margin:12px 0 4px}select,input{font-size:1rem;padding:6px;width:100%;box-sizing:border-box}.note{color:#444;font-size:.9rem}</style></head>
<body><main>${body}</main></body></html>`;
  return new Response(html, {
    status,
    headers: {
      'Content-Type': 'text/html;charset=UTF-8',
      'X-Frame-Options': 'DENY',
      'Content-Security-Policy': "frame-ancestors 'none'",
    },
  });
}

function redirectTo(target: string, params: Record<string, string>): Response {
  const url = new URL(target);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return new Response(null, { status: 302, headers: { Location: url.toString() } });
}

async function readForm(request: Request): Promise<URLSearchParams> {
  const text = await request.text();
  return new URLSearchParams(text);
}

export function bearerToken(request: Request): string | null {
  const header = request.headers.get('authorization');
  if (!header) return null;
  const match = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(header.trim());
  return match?.[1] ?? null;
}

/** The live access token of a request, or null. */
export function accessTokenOf(emulator: SalesforceEmulator, request: Request): AccessToken | null {
  const token = bearerToken(request);
  if (!token) return null;
  const info = emulator.oauth.accessTokens.get(token);
  if (!info || info.expired || info.revoked) return null;
  return info;
}

function identityUrl(userId: string): string {
  return `https://login.salesforce.com/id/${ORG_ID}/${userId}`;
}

// ---------------------------------------------------------------- tokens

function issueAccessToken(
  emulator: SalesforceEmulator,
  grantId: number | null,
  userId: string,
  scopes: string[],
): string {
  const token = `${ORG_ID.slice(0, 15)}!AQ${random(60)}`;
  emulator.oauth.accessTokens.set(token, {
    grantId,
    userId,
    scopes,
    issuedAt: emulator.store.now().getTime(),
    expired: false,
    revoked: false,
  });
  return token;
}

/**
 * The org's id_token signing key. Generating an RSA key takes a few hundred milliseconds, and a real org
 * keeps its key when data changes, so one key serves every emulator in the process across resets.
 */
let signingKeyPair: Promise<CryptoKeyPair> | null = null;

function signingKeys(): Promise<CryptoKeyPair> {
  signingKeyPair ??= crypto.subtle.generateKey(
    { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    true,
    ['sign', 'verify'],
  );
  return signingKeyPair;
}

async function idToken(
  emulator: SalesforceEmulator,
  userId: string,
  nonce: string | null,
  accessToken: string,
): Promise<string> {
  const user = emulator.store.get(userId);
  const str = (field: string) => {
    const value = user?.values[field];
    return typeof value === 'string' ? value : undefined;
  };
  const hash = await sha256(accessToken);
  const nowSeconds = Math.floor(emulator.store.now().getTime() / 1000);
  const header = { kid: KEY_ID, typ: 'JWT', alg: 'RS256' };
  const payload = {
    at_hash: base64Url(hash.slice(0, 16)),
    sub: identityUrl(userId),
    aud: emulator.settings.clientId,
    iss: emulator.origin,
    exp: nowSeconds + 300,
    iat: nowSeconds,
    ...(nonce ? { nonce } : {}),
    name: [str('FirstName'), str('LastName')].filter(Boolean).join(' '),
    given_name: str('FirstName'),
    family_name: str('LastName'),
    preferred_username: str('Username'),
    email: str('Email'),
    email_verified: true,
    user_id: userId,
    organization_id: ORG_ID,
  };
  const signingInput = `${base64UrlJson(header)}.${base64UrlJson(payload)}`;
  const keys = await signingKeys();
  const signature = await crypto.subtle.sign(
    'RSASSA-PKCS1-v1_5',
    keys.privateKey,
    new TextEncoder().encode(signingInput),
  );
  return `${signingInput}.${base64Url(new Uint8Array(signature))}`;
}

async function tokenResponse(
  emulator: SalesforceEmulator,
  grant: Grant,
  options: { includeRefresh: boolean; nonce: string | null; includeIdToken: boolean },
): Promise<Response> {
  const accessToken = issueAccessToken(emulator, grant.id, grant.userId, grant.scopes);
  const issuedAt = String(emulator.store.now().getTime());
  const id = identityUrl(grant.userId);
  const signature = await hmacSignature(emulator.settings.clientId, `${id}${issuedAt}`);
  const body: Record<string, string> = { access_token: accessToken };
  if (options.includeRefresh && (grant.scopes.includes('refresh_token') || grant.scopes.includes('offline_access'))) {
    body.refresh_token = grant.refreshToken;
  }
  body.signature = signature;
  body.scope = grant.scopes.join(' ');
  if (options.includeIdToken && grant.scopes.includes('openid'))
    body.id_token = await idToken(emulator, grant.userId, options.nonce, accessToken);
  body.instance_url = emulator.origin;
  body.id = id;
  body.token_type = 'Bearer';
  body.issued_at = issuedAt;
  return jsonResponse(200, body, {
    'Cache-Control': 'no-cache,must-revalidate,max-age=0,no-store,private',
    Pragma: 'no-cache',
  });
}

function newRefreshToken(emulator: SalesforceEmulator, grant: Grant): string {
  const token = `5Aep861${random(60)}`;
  emulator.oauth.refreshIndex.set(token, grant.id);
  grant.refreshToken = token;
  return token;
}

function revokeGrant(emulator: SalesforceEmulator, grant: Grant): void {
  grant.revoked = true;
  for (const info of emulator.oauth.accessTokens.values()) {
    if (info.grantId === grant.id) info.revoked = true;
  }
}

// ---------------------------------------------------------------- endpoints

function discovery(emulator: SalesforceEmulator): Response {
  const o = emulator.origin;
  return jsonResponse(200, {
    issuer: o,
    authorization_endpoint: `${o}/services/oauth2/authorize`,
    token_endpoint: `${o}/services/oauth2/token`,
    revocation_endpoint: `${o}/services/oauth2/revoke`,
    userinfo_endpoint: `${o}/services/oauth2/userinfo`,
    jwks_uri: `${o}/id/keys`,
    introspection_endpoint: `${o}/services/oauth2/introspect`,
    scopes_supported: SUPPORTED_SCOPES,
    response_types_supported: ['code', 'token', 'token id_token'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    display_values_supported: ['page', 'popup', 'touch'],
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt'],
    claims_supported: [
      'active',
      'address',
      'email',
      'email_verified',
      'family_name',
      'given_name',
      'is_app_installed',
      'language',
      'locale',
      'name',
      'nickname',
      'organization_id',
      'phone_number',
      'phone_number_verified',
      'photos',
      'picture',
      'preferred_username',
      'profile',
      'sub',
      'updated_at',
      'urls',
      'user_id',
      'user_type',
      'zoneinfo',
    ],
  });
}

async function jwks(): Promise<Response> {
  const keys = await signingKeys();
  const jwk = await crypto.subtle.exportKey('jwk', keys.publicKey);
  return jsonResponse(200, { keys: [{ kty: jwk.kty, n: jwk.n, e: jwk.e, alg: 'RS256', use: 'sig', kid: KEY_ID }] });
}

const AUTHORIZE_PARAMS = [
  'response_type',
  'client_id',
  'redirect_uri',
  'scope',
  'state',
  'nonce',
  'code_challenge',
  'code_challenge_method',
  'display',
  'prompt',
  'login_hint',
];

async function authorize(emulator: SalesforceEmulator, request: Request, url: URL): Promise<Response> {
  const params = request.method === 'POST' ? await readForm(request) : url.searchParams;
  const get = (name: string) => params.get(name) ?? '';
  const clientId = get('client_id');
  const redirectUri = get('redirect_uri');
  const state = get('state');
  // Errors Salesforce shows on its own page, since it can't trust the redirect.
  if (clientId !== emulator.settings.clientId) {
    return htmlPage(400, 'Error', `<h1>error=invalid_client_id</h1><p>error_description=client identifier invalid</p>`);
  }
  if (!emulator.settings.redirectUris.includes(redirectUri)) {
    return htmlPage(
      400,
      'Error',
      `<h1>error=redirect_uri_mismatch</h1><p>error_description=redirect_uri must match configuration</p>`,
    );
  }
  const back = (params2: Record<string, string>) => redirectTo(redirectUri, state ? { ...params2, state } : params2);
  if (get('response_type') !== 'code')
    return back({ error: 'unsupported_response_type', error_description: 'response type not supported' });
  if (!get('code_challenge'))
    return back({ error: 'invalid_request', error_description: 'missing required code challenge' });
  if (get('code_challenge_method') !== 'S256')
    return back({ error: 'invalid_request', error_description: 'invalid code challenge method' });
  const scopes = get('scope').split(/\s+/).filter(Boolean);
  const unknown = scopes.find((scope) => !SUPPORTED_SCOPES.includes(scope));
  if (unknown) return back({ error: 'invalid_scope', error_description: 'the requested scope is not allowed' });

  if (request.method === 'GET') {
    const users = emulator.store.rows('User').filter((u) => u.values.IsActive === true);
    const hint = get('login_hint');
    const options = users
      .map((u) => {
        const username = typeof u.values.Username === 'string' ? u.values.Username : '';
        const selected = hint ? username === hint : u.values.Id === emulator.defaultUserId;
        return `<option value="${escapeHtml(String(u.values.Id))}"${selected ? ' selected' : ''}>${escapeHtml(username)}</option>`;
      })
      .join('');
    const hidden = AUTHORIZE_PARAMS.map(
      (name) => `<input type="hidden" name="${name}" value="${escapeHtml(get(name))}">`,
    ).join('');
    return htmlPage(
      200,
      'Allow Access?',
      `<h1>Allow Access?</h1>
<p class="note">Emulated Salesforce org (${escapeHtml(emulator.origin)}). The app <strong>x-bees</strong> is asking to access your data (scopes: ${escapeHtml(scopes.join(', '))}).</p>
<form method="post" action="/services/oauth2/authorize">${hidden}
<label for="user">Log in as</label><select id="user" name="user">${options}</select>
<p><button class="allow" type="submit" name="decision" value="allow">Allow</button><button class="deny" type="submit" name="decision" value="deny">Deny</button></p>
</form>`,
    );
  }

  if (get('decision') !== 'allow')
    return back({ error: 'access_denied', error_description: 'end-user denied authorization' });
  if (!emulator.settings.appInstalled)
    return back({ error: 'invalid_client', error_description: 'app must be installed into org' });
  const userId = get('user') || emulator.defaultUserId;
  const code = `aPrx${random(48)}`;
  emulator.oauth.codes.set(code, {
    clientId,
    redirectUri,
    challenge: get('code_challenge'),
    userId,
    scopes,
    nonce: params.get('nonce'),
    expiresAt: emulator.store.now().getTime() + 15 * 60 * 1000,
    used: false,
  });
  return back({ code });
}

/**
 * A test control, not Salesforce: the grant and tokens the authorization-code flow would give `username` (the
 * default user when absent), without the consent page. E2E tests that are not about signing in start from
 * such a session instead of a popup sign-in each (README, "Tests"). The sign-in counters stay untouched.
 */
export async function grantForTests(
  emulator: SalesforceEmulator,
  username?: string,
): Promise<{ token: unknown; userinfo: unknown }> {
  const user = username
    ? emulator.store.rows('User').find((u) => u.values.Username === username)
    : emulator.store.get(emulator.defaultUserId);
  const userId = user?.values.Id;
  // Refused like the other controls' bad input (400), not as an emulator crash.
  if (typeof userId !== 'string')
    throw new SfApiError(400, [
      { errorCode: 'INVALID_INPUT', message: `No user with Username ${username ?? '(default)'}` },
    ]);
  const grant: Grant = {
    id: ++emulator.oauth.grantSeq,
    userId,
    clientId: emulator.settings.clientId,
    scopes: ['api', 'refresh_token', 'openid'],
    revoked: false,
    refreshToken: '',
    retired: new Set(),
  };
  newRefreshToken(emulator, grant);
  emulator.oauth.grants.set(grant.id, grant);
  const response = await tokenResponse(emulator, grant, { includeRefresh: true, nonce: null, includeIdToken: true });
  return { token: (await response.json()) as unknown, userinfo: userinfoBody(emulator, userId) };
}

async function token(emulator: SalesforceEmulator, request: Request): Promise<Response> {
  if (request.method !== 'POST') return oauthError(400, 'invalid_request', 'must use HTTP POST');
  const form = await readForm(request);
  const clientId = form.get('client_id') ?? '';
  switch (form.get('grant_type')) {
    case 'authorization_code': {
      if (clientId !== emulator.settings.clientId)
        return oauthError(400, 'invalid_client_id', 'client identifier invalid');
      if (form.has('client_secret')) return oauthError(400, 'invalid_client', 'invalid client credentials');
      const code = emulator.oauth.codes.get(form.get('code') ?? '');
      if (code?.clientId !== clientId) return oauthError(400, 'invalid_grant', 'invalid authorization code');
      if (code.used) {
        emulator.oauth.codes.delete(form.get('code') ?? '');
        return oauthError(400, 'invalid_grant', 'invalid authorization code');
      }
      if (code.expiresAt < emulator.store.now().getTime())
        return oauthError(400, 'invalid_grant', 'expired authorization code');
      if ((form.get('redirect_uri') ?? '') !== code.redirectUri)
        return oauthError(400, 'redirect_uri_mismatch', 'redirect_uri must match configuration');
      const verifier = form.get('code_verifier') ?? '';
      // Salesforce rejects `~` in verifiers even though RFC 7636 allows it.
      if (!verifier || verifier.includes('~') || base64Url(await sha256(verifier)) !== code.challenge) {
        code.used = true;
        return oauthError(400, 'invalid_grant', 'invalid code verifier');
      }
      code.used = true;
      emulator.oauth.counters.authorizationCode += 1;
      const grant: Grant = {
        id: ++emulator.oauth.grantSeq,
        userId: code.userId,
        clientId,
        scopes: code.scopes,
        revoked: false,
        refreshToken: '',
        retired: new Set(),
      };
      newRefreshToken(emulator, grant);
      emulator.oauth.grants.set(grant.id, grant);
      return tokenResponse(emulator, grant, { includeRefresh: true, nonce: code.nonce, includeIdToken: true });
    }
    case 'refresh_token': {
      const refresh = form.get('refresh_token') ?? '';
      const grant = emulator.oauth.grants.get(emulator.oauth.refreshIndex.get(refresh) ?? -1);
      if (!grant || grant.revoked) return oauthError(400, 'invalid_grant', 'expired access/refresh token');
      if (clientId !== grant.clientId) return oauthError(400, 'invalid_client_id', 'client identifier invalid');
      if (grant.retired.has(refresh)) {
        // Reuse of a rotated-out refresh token: revoke everything, the user must sign in again.
        revokeGrant(emulator, grant);
        return oauthError(400, 'invalid_grant', 'expired access/refresh token');
      }
      emulator.oauth.counters.refresh += 1;
      if (emulator.settings.refreshTokenRotation) {
        grant.retired.add(refresh);
        newRefreshToken(emulator, grant);
        return tokenResponse(emulator, grant, { includeRefresh: true, nonce: null, includeIdToken: true });
      }
      return tokenResponse(emulator, grant, { includeRefresh: false, nonce: null, includeIdToken: true });
    }
    case null:
    case '':
      return oauthError(400, 'invalid_request', 'grant type not specified');
    default:
      return oauthError(400, 'unsupported_grant_type', 'grant type not supported');
  }
}

async function revoke(emulator: SalesforceEmulator, request: Request, url: URL): Promise<Response> {
  const value = request.method === 'POST' ? (await readForm(request)).get('token') : url.searchParams.get('token');
  emulator.oauth.counters.revoke += 1;
  if (!value) return oauthError(400, 'unsupported_token_type', 'this token type is not supported');
  const grantId = emulator.oauth.refreshIndex.get(value);
  if (grantId !== undefined) {
    const grant = emulator.oauth.grants.get(grantId);
    if (!grant || grant.revoked || grant.retired.has(value)) return oauthError(400, 'invalid_token', 'invalid token');
    revokeGrant(emulator, grant);
    return new Response(null, { status: 200 });
  }
  const access = emulator.oauth.accessTokens.get(value);
  if (!access || access.revoked) return oauthError(400, 'invalid_token', 'invalid token');
  access.revoked = true;
  return new Response(null, { status: 200 });
}

/** Session timeout the introspection answer assumes: the org default of 2 hours (§1.4). */
const SESSION_SECONDS = 2 * 60 * 60;

/** `POST /services/oauth2/introspect` (RFC 7662): whether a token is live, for the app that owns it. */
async function introspect(emulator: SalesforceEmulator, request: Request): Promise<Response> {
  if (request.method !== 'POST') return oauthError(400, 'invalid_request', 'must use HTTP POST');
  const form = await readForm(request);
  if ((form.get('client_id') ?? '') !== emulator.settings.clientId)
    return oauthError(400, 'invalid_client_id', 'client identifier invalid');
  const value = form.get('token') ?? '';
  const describe = (userId: string, scopes: string[], tokenType: string, issuedAtMs: number) => {
    const iat = Math.floor(issuedAtMs / 1000);
    const user = emulator.store.get(userId)?.values.Username;
    return jsonResponse(200, {
      active: true,
      scope: scopes.join(' '),
      client_id: emulator.settings.clientId,
      username: typeof user === 'string' ? user : null,
      sub: identityUrl(userId),
      token_type: tokenType,
      exp: iat + SESSION_SECONDS,
      iat,
      nbf: iat,
    });
  };
  const access = emulator.oauth.accessTokens.get(value);
  if (access && !access.expired && !access.revoked)
    return describe(access.userId, access.scopes, 'access_token', access.issuedAt);
  const grant = emulator.oauth.grants.get(emulator.oauth.refreshIndex.get(value) ?? -1);
  if (grant && !grant.revoked && grant.refreshToken === value)
    return describe(grant.userId, grant.scopes, 'refresh_token', emulator.store.now().getTime());
  return jsonResponse(200, { active: false });
}

function userinfoBody(emulator: SalesforceEmulator, userId: string) {
  const user = emulator.store.get(userId);
  const v = user?.values ?? {};
  const str = (field: string) => (typeof v[field] === 'string' ? v[field] : null);
  const o = emulator.origin;
  return {
    sub: identityUrl(userId),
    user_id: userId,
    organization_id: ORG_ID,
    preferred_username: str('Username'),
    nickname: (str('Username') ?? '').split('@')[0],
    name: [str('FirstName'), str('LastName')].filter(Boolean).join(' '),
    email: str('Email'),
    email_verified: true,
    given_name: str('FirstName'),
    family_name: str('LastName'),
    zoneinfo: str('TimeZoneSidKey'),
    photos: { picture: `${o}/profilephoto/005/F`, thumbnail: `${o}/profilephoto/005/T` },
    profile: `${o}/${userId}`,
    picture: `${o}/profilephoto/005/F`,
    address: {},
    is_salesforce_integration_user: false,
    urls: {
      enterprise: `${o}/services/Soap/c/{version}/${ORG_ID.slice(0, 15)}`,
      partner: `${o}/services/Soap/u/{version}/${ORG_ID.slice(0, 15)}`,
      rest: `${o}/services/data/v{version}/`,
      sobjects: `${o}/services/data/v{version}/sobjects/`,
      search: `${o}/services/data/v{version}/search/`,
      query: `${o}/services/data/v{version}/query/`,
      recent: `${o}/services/data/v{version}/recent/`,
      tooling_rest: `${o}/services/data/v{version}/tooling/`,
      profile: `${o}/${userId}`,
    },
    active: true,
    user_type: 'STANDARD',
    language: str('LanguageLocaleKey') ?? 'en_US',
    locale: 'en_US',
    utcOffset: 3600000,
    updated_at: emulator.store
      .now()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z'),
    is_app_installed: emulator.settings.appInstalled,
  };
}

export async function handleOAuth(
  emulator: SalesforceEmulator,
  request: Request,
  url: URL,
  path: string,
): Promise<Response> {
  switch (path) {
    case '/.well-known/openid-configuration':
      return discovery(emulator);
    case '/id/keys':
    case '/services/oauth2/id/keys':
      return jwks();
    case '/services/oauth2/authorize':
      return authorize(emulator, request, url);
    case '/services/oauth2/token':
      return token(emulator, request);
    case '/services/oauth2/revoke':
      return revoke(emulator, request, url);
    case '/services/oauth2/introspect':
      return introspect(emulator, request);
    case '/services/oauth2/userinfo': {
      const info = accessTokenOf(emulator, request);
      if (!info) return new Response('Bad_OAuth_Token', { status: 403, headers: { 'Content-Type': 'text/plain' } });
      return jsonResponse(200, userinfoBody(emulator, info.userId));
    }
    default: {
      const identity = /^\/id\/([a-zA-Z0-9]{15,18})\/([a-zA-Z0-9]{15,18})$/.exec(path);
      if (identity) {
        const info = accessTokenOf(emulator, request);
        if (!info) return new Response('Bad_OAuth_Token', { status: 403, headers: { 'Content-Type': 'text/plain' } });
        const body = userinfoBody(emulator, identity[2] ?? '');
        return jsonResponse(200, {
          id: body.sub,
          asserted_user: info.userId === identity[2],
          user_id: body.user_id,
          organization_id: body.organization_id,
          username: body.preferred_username,
          display_name: body.name,
          email: body.email,
          urls: body.urls,
          active: true,
        });
      }
      throw new SfApiError(404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
    }
  }
}
