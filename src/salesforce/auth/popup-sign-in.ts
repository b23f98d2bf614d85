/**
 * Sign-in with Authorization Code + PKCE in a popup (oidc-client-ts `signinPopup`). The org's My Domain
 * is the authority: its token endpoint is the only one that answers CORS. Only UI variants load this.
 *
 * The popup is a top-level window and does not share this frame's partitioned storage, so its callback
 * page hands the result back to its opener window (oidc-client-ts's signinPopupCallback), never via storage.
 */
import { ErrorResponse, UserManager, WebStorageStateStore, type SigninResponse, type User } from 'oidc-client-ts';
import { diagnoseTokenFailure } from '../client';
import { LOCAL_ERROR_CODES, SalesforceError } from '../errors';
import type { AuthProblem, SessionInfo, SessionManager } from './session-manager';

export const OAUTH_SCOPES = 'api refresh_token openid';

/** oidc-client-ts drops `instance_url` from the token response; this subclass keeps it. */
class InstanceUrlUserManager extends UserManager {
  instanceUrl: string | null = null;

  protected override async _buildUser(signinResponse: SigninResponse, verifySub?: string): Promise<User> {
    const value = (signinResponse as unknown as Record<string, unknown>).instance_url;
    if (typeof value === 'string' && value !== '') this.instanceUrl = value;
    return super._buildUser(signinResponse, verifySub);
  }
}

export interface PopupSignInOptions {
  clientId: string;
  redirectUri: string;
  storage: Storage;
}

function userManagerFor(domain: string, options: PopupSignInOptions): InstanceUrlUserManager {
  return new InstanceUrlUserManager({
    authority: domain,
    client_id: options.clientId,
    redirect_uri: options.redirectUri,
    popup_redirect_uri: options.redirectUri,
    response_type: 'code',
    scope: OAUTH_SCOPES,
    loadUserInfo: false,
    monitorSession: false,
    automaticSilentRenew: false,
    filterProtocolClaims: true,
    fetchRequestCredentials: 'omit',
    userStore: new WebStorageStateStore({ store: options.storage }),
    stateStore: new WebStorageStateStore({ store: options.storage, prefix: 'oidc.state.' }),
    popupWindowFeatures: { width: 520, height: 680 },
  });
}

/** What went wrong, in the terms the sign-in screen explains. */
export function problemOf(error: unknown): AuthProblem {
  if (error instanceof ErrorResponse) {
    if (error.error === 'access_denied') return { kind: 'access-denied' };
    if (error.error === 'invalid_client' && /must be installed/i.test(error.error_description ?? ''))
      return { kind: 'app-not-installed' };
    return { kind: 'oauth-error', error: error.error ?? 'error', detail: error.error_description ?? error.message };
  }
  if (error instanceof SalesforceError) {
    if (error.errorCode === 'OAUTH_CORS_DISABLED') return { kind: 'oauth-cors' };
    if (error.errorCode === LOCAL_ERROR_CODES.corsBlocked) return { kind: 'rest-cors' };
    if (error.errorCode === LOCAL_ERROR_CODES.network) return { kind: 'unreachable', detail: error.message };
    return { kind: 'unexpected', detail: `${error.errorCode}: ${error.message}` };
  }
  const message = error instanceof Error ? error.message : String(error);
  if (/disposed window|popup blocked|Popup blocked/i.test(message)) return { kind: 'popup-blocked' };
  if (/Popup closed|Window navigation aborted/i.test(message)) return { kind: 'popup-closed' };
  return { kind: 'unexpected', detail: message };
}

/**
 * Opens the popup (call this synchronously from the click handler: the popup needs the user's gesture),
 * completes the code exchange, then publishes the session through the session manager.
 */
export function signInWithPopup(
  domain: string,
  manager: SessionManager,
  options: PopupSignInOptions,
): Promise<SessionInfo | null> {
  manager.beginSignIn();
  const userManager = userManagerFor(domain, options);
  // signinPopup opens the window before its first await, so the user activation is kept.
  const popup = userManager.signinPopup({ popupAbortOnClose: true });
  return (async () => {
    try {
      await popup;
    } catch (error) {
      const problem = await diagnoseSignInFailure(error, domain);
      manager.failSignIn(problem);
      return null;
    }
    try {
      return await manager.completeSignIn(domain, userManager.instanceUrl ?? domain);
    } catch (error) {
      manager.failSignIn(problemOf(error));
      return null;
    }
  })();
}

/** The token exchange runs inside oidc-client-ts; a fetch TypeError there means CORS or the network. */
async function diagnoseSignInFailure(error: unknown, domain: string): Promise<AuthProblem> {
  if (
    error instanceof TypeError ||
    (error instanceof Error && /Failed to fetch|NetworkError|Load failed/i.test(error.message))
  ) {
    const diagnosis = await diagnoseTokenFailure(domain);
    if (diagnosis === 'oauth-cors') return { kind: 'oauth-cors' };
    if (diagnosis === 'rest-cors') return { kind: 'rest-cors' };
    return { kind: 'unreachable', detail: error.message };
  }
  return problemOf(error);
}
