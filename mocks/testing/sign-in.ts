/**
 * Signs a user in against the emulated org the way the popup flow does (authorize → Allow → code →
 * token with PKCE), then stores the user as oidc-client-ts would, so auth and client tests start
 * signed in without a browser popup.
 */
import { TEST_CLIENT_ID, TEST_ORG_ORIGIN, TEST_REDIRECT_URI } from '../node';
import { oidcUserKey, type SessionManager } from '@/salesforce/auth/session-manager';

function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export async function pkcePair(): Promise<{ verifier: string; challenge: string }> {
  const verifier = base64Url(crypto.getRandomValues(new Uint8Array(48)));
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  return { verifier, challenge: base64Url(digest) };
}

/** Runs the code flow against the emulator and returns the token response. */
export async function codeFlow(options: { scope?: string; user?: string } = {}): Promise<Record<string, string>> {
  const { verifier, challenge } = await pkcePair();
  const form = new URLSearchParams({
    response_type: 'code',
    client_id: TEST_CLIENT_ID,
    redirect_uri: TEST_REDIRECT_URI,
    scope: options.scope ?? 'api refresh_token openid',
    state: 'state-1',
    nonce: 'nonce-1',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    decision: 'allow',
    ...(options.user ? { user: options.user } : {}),
  });
  const authorize = await fetch(`${TEST_ORG_ORIGIN}/services/oauth2/authorize`, {
    method: 'POST',
    body: form,
    redirect: 'manual',
  });
  const location = authorize.headers.get('location');
  if (!location) throw new Error(`authorize did not redirect (${String(authorize.status)})`);
  const code = new URL(location).searchParams.get('code');
  if (!code) throw new Error(`no code in ${location}`);
  const token = await fetch(`${TEST_ORG_ORIGIN}/services/oauth2/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: TEST_REDIRECT_URI,
      client_id: TEST_CLIENT_ID,
      code_verifier: verifier,
    }),
  });
  return (await token.json()) as Record<string, string>;
}

/** Signs in (as the org's default user, or `user`: a User Id) and publishes the session, as the popup flow ends. */
export async function signIn(
  manager: SessionManager,
  storage: Storage,
  options: { scope?: string; user?: string } = {},
): Promise<Record<string, string>> {
  const tokens = await codeFlow(options);
  storage.setItem(
    oidcUserKey(TEST_ORG_ORIGIN, TEST_CLIENT_ID),
    JSON.stringify({
      access_token: tokens.access_token,
      refresh_token: tokens.refresh_token,
      id_token: tokens.id_token,
      token_type: 'Bearer',
      scope: tokens.scope,
      profile: {},
    }),
  );
  await manager.completeSignIn(TEST_ORG_ORIGIN, tokens.instance_url ?? TEST_ORG_ORIGIN);
  return tokens;
}
