/**
 * Vitest adapter: one emulated org on `https://acme.my.salesforce.com`, served through MSW's
 * setupServer. Each test file creates its own and resets it before each test.
 */
import { setupServer } from 'msw/node';
import { SalesforceEmulator, type EmulatorOptions } from './salesforce/emulator';
import { salesforceHandlers } from './salesforce/handlers';

export const TEST_ORG_ORIGIN = 'https://acme.my.salesforce.com';
export const TEST_CLIENT_ID = '3MVG9unitTestClientId';
/** jsdom's default document URL in Vitest. */
export const TEST_APP_ORIGIN = 'http://localhost:3000';
export const TEST_REDIRECT_URI = `${TEST_APP_ORIGIN}/oauth-callback.html`;

export function createTestOrg(options: Partial<EmulatorOptions> = {}) {
  const emulator = new SalesforceEmulator({
    origin: TEST_ORG_ORIGIN,
    clientId: TEST_CLIENT_ID,
    redirectUris: [TEST_REDIRECT_URI],
    corsAllowedOrigins: [TEST_APP_ORIGIN],
    ...options,
  });
  const server = setupServer(...salesforceHandlers(emulator));
  return { emulator, server };
}

/** A PKCE pair as oidc-client-ts makes it: a 96-hex-character verifier and its S256 challenge. */
export async function pkcePair(
  verifier = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()].join('').replace(/-/g, ''),
): Promise<{ verifier: string; challenge: string }> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  let binary = '';
  for (const byte of digest) binary += String.fromCharCode(byte);
  return { verifier, challenge: btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '') };
}

export interface TestSignIn {
  scope?: string;
  nonce?: string;
  /** The User to log in as (the authorize page's "Log in as"); the org's default user otherwise. */
  userId?: string;
}

/** The token endpoint's answer, as README "Salesforce API facts" shapes it. */
export type TokenResponseBody = Record<string, string>;

/**
 * Runs the whole authorization code + PKCE flow against the emulator (Allow on the authorize page, then
 * the token exchange) and returns the token response. For tests that need a signed-in session.
 */
export async function signIn(emulator: SalesforceEmulator, options: TestSignIn = {}): Promise<TokenResponseBody> {
  const { verifier, challenge } = await pkcePair();
  const redirectUri = emulator.settings.redirectUris[0] ?? TEST_REDIRECT_URI;
  const form = new URLSearchParams({
    response_type: 'code',
    client_id: emulator.settings.clientId,
    redirect_uri: redirectUri,
    scope: options.scope ?? 'api refresh_token openid',
    state: 'test-state',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    decision: 'allow',
    ...(options.nonce ? { nonce: options.nonce } : {}),
    ...(options.userId ? { user: options.userId } : {}),
  });
  const authorized = await emulator.handle(
    new Request(`${emulator.origin}/services/oauth2/authorize`, {
      method: 'POST',
      body: form,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    }),
  );
  const code = new URL(authorized.headers.get('location') ?? '', emulator.origin).searchParams.get('code');
  if (!code)
    throw new Error(
      `The emulated org refused the sign-in: ${authorized.headers.get('location') ?? String(authorized.status)}`,
    );
  const token = await emulator.handle(
    new Request(`${emulator.origin}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri,
        client_id: emulator.settings.clientId,
        code_verifier: verifier,
      }),
    }),
  );
  if (token.status !== 200) throw new Error(`The token exchange failed: ${await token.text()}`);
  return (await token.json()) as TokenResponseBody;
}
