/**
 * The Salesforce session shared by every instance of the app (info frame, daemon, dialog). The tokens
 * live in the frame's (partitioned) localStorage, in the format oidc-client-ts writes at sign-in, so a
 * sign-in in one instance reaches the others through `storage` events.
 *
 * Salesforce sends no `expires_in`, so tokens are renewed on a 401: one refresh at a time across all
 * instances (a Web Lock, plus a shared promise within an instance), and an instance that finds the
 * token already renewed by another uses it instead of refreshing again. With refresh-token rotation a
 * second refresh with the old token would revoke everything, so this is what keeps rotation safe.
 *
 * No React and no oidc-client-ts here: the daemon imports this module and stays small.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { isFiniteNumber, isRecord, isString, nullable, optional, shape, type Guard } from '@/lib/guards';
import {
  STORAGE_KEYS,
  familyOf,
  readJson,
  removeKey,
  storageKey,
  writeJson,
  writeText,
  type KeyFamilyName,
} from '@/lib/storage';
import { fetchUserInfo, postOAuthForm, type FetchLike, type SessionToken, type TokenSource } from '../client';
import { LOCAL_ERROR_CODES, SalesforceError } from '../errors';
import { checkMyDomain, type OrgEnvironment } from '../my-domain';

export interface SessionInfo {
  /** The My Domain origin the user signed in on (the OAuth authority). */
  domain: string;
  /** `instance_url` from the token response: the REST base. */
  instanceUrl: string;
  userId: string;
  orgId: string;
  name: string;
  email: string | null;
  username: string | null;
  environment: OrgEnvironment;
}

/**
 * `${orgId}:${userId}`: what the user's answers are kept under (query keys, describes, outbox items), so one
 * user's cached results never show for another signed in later in the same frame. null when nobody is.
 */
export function scopeOf(session: Pick<SessionInfo, 'orgId' | 'userId'> | null): string | null {
  return session ? `${session.orgId}:${session.userId}` : null;
}

export type AuthProblem =
  | { kind: 'popup-blocked' }
  | { kind: 'popup-closed' }
  | { kind: 'access-denied' }
  | { kind: 'app-not-installed' }
  | { kind: 'oauth-cors' }
  | { kind: 'rest-cors' }
  | { kind: 'unreachable'; detail: string }
  | { kind: 'session-expired' }
  | { kind: 'rest-refused'; detail: string }
  | { kind: 'oauth-error'; error: string; detail: string }
  | { kind: 'unexpected'; detail: string };

export type AuthStatus = 'signed-out' | 'signing-in' | 'signed-in';

export interface AuthState {
  status: AuthStatus;
  session: SessionInfo | null;
  /** Who was signed in before the session ended, to offer "sign in again". */
  previous: Pick<SessionInfo, 'domain' | 'name' | 'email'> | null;
  /** Why the last sign-in failed or the session ended. */
  problem: AuthProblem | null;
  /** An org-level problem seen while signed in (API_DISABLED_FOR_ORG, REQUEST_LIMIT_EXCEEDED). */
  orgProblem: { errorCode: string; message: string } | null;
}

/** The User JSON oidc-client-ts stores (`User.toStorageString`). */
interface StoredUser {
  access_token: string;
  refresh_token?: string | null;
  id_token?: string;
  token_type?: string;
  scope?: string;
  profile?: Record<string, unknown>;
  expires_at?: number;
  session_state?: string | null;
}

export interface SessionManagerOptions {
  clientId: string;
  storage: Storage;
  /** Where `storage` events arrive (the window); omitted in tests that drive `reload()` themselves. */
  eventTarget?: Pick<Window, 'addEventListener' | 'removeEventListener'>;
  /** Web Locks (navigator.locks) when available: makes the refresh single-flight across instances. */
  locks?: LockManager | null;
  fetch?: FetchLike;
  /**
   * How this instance renews tokens. `delegate`: ask the long-lived daemon first and wait up to `waitMs`
   * for it (x-bees recreates the info frame on every conversation change; a frame torn down while its
   * refresh is in flight would lose the rotated refresh token, and reusing the old one revokes the whole
   * session). `serve`: the daemon, which answers those requests. Default: renew itself.
   */
  renewal?: { role: 'delegate'; waitMs: number } | { role: 'serve' };
}

/** The storage key oidc-client-ts uses for the signed-in user of an authority. */
export function oidcUserKey(domain: string, clientId: string): string {
  return storageKey('oidcUser', `${domain}:${clientId}`);
}

/** A key of the shared session: another instance changing one means this one reads the session again. */
function isSessionKey(key: string): boolean {
  const family = familyOf(key);
  return family !== null && STORAGE_KEYS[family].kind === 'session';
}

const isStoredUser: Guard<StoredUser> = shape({
  access_token: isString,
  refresh_token: optional(nullable(isString)),
  id_token: optional(isString),
  token_type: optional(isString),
  scope: optional(isString),
  profile: optional(isRecord),
  expires_at: optional(isFiniteNumber),
  session_state: optional(nullable(isString)),
});

function asStoredUser(value: unknown): StoredUser | null {
  return isStoredUser(value) && value.access_token !== '' ? value : null;
}

function asSessionInfo(v: unknown): SessionInfo | null {
  if (!isRecord(v)) return null;
  const str = (key: string) => (typeof v[key] === 'string' ? v[key] : null);
  const domain = str('domain');
  const instanceUrl = str('instanceUrl');
  const userId = str('userId');
  if (!domain || !instanceUrl || !userId) return null;
  const check = checkMyDomain(domain);
  return {
    domain,
    instanceUrl,
    userId,
    orgId: str('orgId') ?? '',
    name: str('name') ?? '',
    email: str('email'),
    username: str('username'),
    environment: check.ok ? check.environment : 'production',
  };
}

/** Parses the userinfo answer (README "Salesforce API facts") into what the app shows. */
export function sessionFromUserInfo(domain: string, instanceUrl: string, info: unknown): SessionInfo {
  if (typeof info !== 'object' || info === null) {
    throw new SalesforceError({
      status: 200,
      errorCode: LOCAL_ERROR_CODES.unexpected,
      message: 'userinfo is not an object',
    });
  }
  const v = info as Record<string, unknown>;
  const str = (key: string) => (typeof v[key] === 'string' && v[key] !== '' ? v[key] : null);
  const userId = str('user_id');
  if (!userId)
    throw new SalesforceError({
      status: 200,
      errorCode: LOCAL_ERROR_CODES.unexpected,
      message: 'userinfo has no user_id',
    });
  const check = checkMyDomain(domain);
  return {
    domain,
    instanceUrl,
    userId,
    orgId: str('organization_id') ?? '',
    name: str('name') ?? str('preferred_username') ?? userId,
    email: str('email'),
    username: str('preferred_username'),
    environment: check.ok ? check.environment : 'production',
  };
}

export class SessionManager implements TokenSource {
  readonly store: StoreApi<AuthState>;
  private readonly clientId: string;
  private readonly storage: Storage;
  private readonly locks: LockManager | null;
  private readonly fetchImpl: FetchLike;
  private readonly renewal: SessionManagerOptions['renewal'];
  private renewing: Promise<SessionToken> | null = null;
  private readonly detach: () => void;

  constructor(options: SessionManagerOptions) {
    this.clientId = options.clientId;
    this.storage = options.storage;
    this.locks = options.locks ?? null;
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
    this.renewal = options.renewal;
    this.store = createStore<AuthState>()(() => ({
      status: 'signed-out',
      session: null,
      previous: null,
      problem: null,
      orgProblem: null,
    }));
    this.reload();
    const onStorage = (event: StorageEvent) => {
      if (event.key === this.renewRequestKey) {
        this.serveRenewal(event.newValue);
        return;
      }
      if (event.key === null || isSessionKey(event.key)) this.reload();
    };
    options.eventTarget?.addEventListener('storage', onStorage);
    this.detach = () => options.eventTarget?.removeEventListener('storage', onStorage);
  }

  /** The daemon renews for an info frame that asked (see `renewal`). */
  private serveRenewal(request: string | null): void {
    if (this.renewal?.role !== 'serve' || !request) return;
    let failedToken: unknown;
    try {
      failedToken = (JSON.parse(request) as { failedToken?: unknown }).failedToken;
    } catch {
      return;
    }
    if (typeof failedToken === 'string') void this.renew(failedToken).catch(() => undefined);
  }

  private key(family: KeyFamilyName): string {
    return storageKey(family, this.clientId);
  }

  get metaKey(): string {
    return this.key('session');
  }

  get previousKey(): string {
    return this.key('previous');
  }

  dispose(): void {
    this.detach();
  }

  /** Re-reads the shared session from storage (after a `storage` event from another instance). */
  reload(): void {
    const session = this.readSession();
    const user = session ? this.readUser(session.domain) : null;
    const state = this.store.getState();
    if (session && user) {
      if (
        state.status !== 'signed-in' ||
        state.session?.userId !== session.userId ||
        state.session.instanceUrl !== session.instanceUrl
      ) {
        this.store.setState({ status: 'signed-in', session, problem: null });
      }
      return;
    }
    if (state.status === 'signed-in') {
      // Another instance ended the session (a refused refresh): say why here too.
      this.store.setState({
        status: 'signed-out',
        session: null,
        previous: this.readPrevious(),
        problem: this.readEnded(),
      });
    } else if (state.previous === null) {
      this.store.setState({ previous: this.readPrevious(), problem: state.problem ?? this.readEnded() });
    }
  }

  // ---------------------------------------------------------------- TokenSource

  current(): Promise<SessionToken | null> {
    const session = this.readSession();
    const user = session ? this.readUser(session.domain) : null;
    return Promise.resolve(
      session && user ? { accessToken: user.access_token, instanceUrl: session.instanceUrl } : null,
    );
  }

  renew(failedToken: string): Promise<SessionToken> {
    this.renewing ??= this.delegated(failedToken)
      .then((token) => token ?? this.withLock(() => this.renewLocked(failedToken)))
      .finally(() => {
        this.renewing = null;
      });
    return this.renewing;
  }

  /** Asks the daemon to renew, and waits for the new token in the shared storage (null: do it yourself). */
  private async delegated(failedToken: string): Promise<SessionToken | null> {
    if (this.renewal?.role !== 'delegate') return null;
    const request = JSON.stringify({ failedToken, at: Date.now(), nonce: Math.random().toString(36).slice(2) });
    if (!writeText(this.storage, this.renewRequestKey, request)) return null;
    const deadline = Date.now() + this.renewal.waitMs;
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const token = await this.current();
      if (token && token.accessToken !== failedToken) return token;
      if (!token) this.reload();
      if (this.store.getState().status !== 'signed-in') throw this.sessionEnded();
    }
    return null;
  }

  get renewRequestKey(): string {
    return this.key('renewRequest');
  }

  restRefused(error: SalesforceError): void {
    this.endSession({ kind: 'rest-refused', detail: error.message });
  }

  orgProblem(error: SalesforceError): void {
    this.store.setState({ orgProblem: { errorCode: error.errorCode, message: error.message } });
  }

  clearOrgProblem(): void {
    if (this.store.getState().orgProblem) this.store.setState({ orgProblem: null });
  }

  // ---------------------------------------------------------------- sign-in / sign-out

  beginSignIn(): void {
    this.store.setState({ status: 'signing-in', problem: null });
  }

  failSignIn(problem: AuthProblem): void {
    const session = this.readSession();
    this.store.setState({ status: session && this.readUser(session.domain) ? 'signed-in' : 'signed-out', problem });
  }

  /**
   * After the popup flow stored the user: read who it is (userinfo, which also proves the REST CORS
   * allowlist) and publish the session to every instance.
   */
  async completeSignIn(domain: string, instanceUrl: string): Promise<SessionInfo> {
    const user = this.readUser(domain);
    if (!user)
      throw new SalesforceError({
        status: 0,
        errorCode: LOCAL_ERROR_CODES.notSignedIn,
        message: 'The sign-in did not store a token',
      });
    let session: SessionInfo;
    try {
      session = sessionFromUserInfo(
        domain,
        instanceUrl,
        await fetchUserInfo(instanceUrl, user.access_token, this.fetchImpl),
      );
    } catch (error) {
      // Without userinfo the session is unusable (REST is blocked the same way): don't keep half a sign-in.
      removeKey(this.storage, oidcUserKey(domain, this.clientId));
      throw error;
    }
    this.removeEnded();
    this.persist(this.metaKey, session);
    this.persist(this.previousKey, { domain: session.domain, name: session.name, email: session.email });
    this.store.setState({ status: 'signed-in', session, problem: null, orgProblem: null, previous: null });
    return session;
  }

  /** Sign out: revoke the refresh token (which revokes its access tokens) and clear the shared session. */
  async signOut(): Promise<void> {
    const session = this.readSession();
    const user = session ? this.readUser(session.domain) : null;
    this.removeEnded();
    this.clearTokens(session?.domain ?? null);
    this.store.setState({
      status: 'signed-out',
      session: null,
      problem: null,
      orgProblem: null,
      previous: this.readPrevious(),
    });
    const token = user?.refresh_token ?? user?.access_token;
    if (session && token) {
      try {
        await postOAuthForm(session.domain, 'revoke', { token, client_id: this.clientId }, this.fetchImpl);
      } catch {
        // Best effort: the local session is gone either way; an unreachable org keeps the grant until it expires.
      }
    }
  }

  // ---------------------------------------------------------------- internals

  private async renewLocked(failedToken: string): Promise<SessionToken> {
    const session = this.readSession();
    const user = session ? this.readUser(session.domain) : null;
    if (!session || !user) throw this.sessionEnded();
    // Another instance (or an earlier caller) already renewed it: use theirs, never refresh twice.
    if (user.access_token !== failedToken) return { accessToken: user.access_token, instanceUrl: session.instanceUrl };
    if (!user.refresh_token) {
      this.endSession({ kind: 'session-expired' });
      throw this.sessionEnded();
    }
    const result = await postOAuthForm(
      session.domain,
      'token',
      { grant_type: 'refresh_token', refresh_token: user.refresh_token, client_id: this.clientId },
      this.fetchImpl,
    );
    if (!result.ok) {
      this.endSession(
        result.error === 'invalid_grant'
          ? { kind: 'session-expired' }
          : { kind: 'oauth-error', error: result.error, detail: result.description },
      );
      throw this.sessionEnded();
    }
    const accessToken = result.body.access_token;
    if (typeof accessToken !== 'string' || accessToken === '') {
      throw new SalesforceError({
        status: 200,
        errorCode: LOCAL_ERROR_CODES.unexpected,
        message: 'The token endpoint answered without an access token',
      });
    }
    const rotated = result.body.refresh_token;
    const next: StoredUser = {
      ...user,
      access_token: accessToken,
      // Without rotation the response has no refresh_token: keep the one we have.
      refresh_token: typeof rotated === 'string' && rotated !== '' ? rotated : user.refresh_token,
      ...(typeof result.body.id_token === 'string' ? { id_token: result.body.id_token } : {}),
      ...(typeof result.body.scope === 'string' ? { scope: result.body.scope } : {}),
    };
    this.persist(oidcUserKey(session.domain, this.clientId), next);
    const instanceUrl = typeof result.body.instance_url === 'string' ? result.body.instance_url : session.instanceUrl;
    if (instanceUrl !== session.instanceUrl) this.persist(this.metaKey, { ...session, instanceUrl });
    return { accessToken, instanceUrl };
  }

  private async withLock<T>(work: () => Promise<T>): Promise<T> {
    if (!this.locks) return work();
    return this.locks.request(`sfx.token-renewal:${this.clientId}`, { mode: 'exclusive' }, work);
  }

  private sessionEnded(): SalesforceError {
    return new SalesforceError({
      status: 401,
      errorCode: LOCAL_ERROR_CODES.sessionEnded,
      message: 'The Salesforce session ended. Sign in again.',
    });
  }

  private endSession(problem: AuthProblem): void {
    const session = this.readSession();
    // Why it ended, for the other instances: written before the tokens go, so their reload sees it (without
    // storage, they show sign-in without the reason).
    writeJson(this.storage, this.endedKey, problem);
    this.clearTokens(session?.domain ?? null);
    this.store.setState({ status: 'signed-out', session: null, problem, previous: this.readPrevious() });
  }

  /** A write the session can't do without: a storage that refuses it fails the sign-in or the renewal. */
  private persist(key: string, value: unknown): void {
    if (!writeJson(this.storage, key, value)) throw new Error('The frame storage refused to keep the session');
  }

  private clearTokens(domain: string | null): void {
    if (domain) removeKey(this.storage, oidcUserKey(domain, this.clientId));
    removeKey(this.storage, this.metaKey);
  }

  private get endedKey(): string {
    return this.key('ended');
  }

  private removeEnded(): void {
    removeKey(this.storage, this.endedKey);
  }

  /** Why another instance ended the session (only the reasons a refused renewal or REST call give). */
  private readEnded(): AuthProblem | null {
    const v = readJson(this.storage, this.endedKey);
    if (!isRecord(v)) return null;
    const text = (key: string) => (typeof v[key] === 'string' ? v[key] : '');
    switch (v.kind) {
      case 'session-expired':
        return { kind: 'session-expired' };
      case 'rest-refused':
        return { kind: 'rest-refused', detail: text('detail') };
      case 'oauth-error':
        return { kind: 'oauth-error', error: text('error'), detail: text('detail') };
      default:
        return null;
    }
  }

  private readSession(): SessionInfo | null {
    return asSessionInfo(readJson(this.storage, this.metaKey));
  }

  private readUser(domain: string): StoredUser | null {
    return asStoredUser(readJson(this.storage, oidcUserKey(domain, this.clientId)));
  }

  private readPrevious(): AuthState['previous'] {
    const v = readJson(this.storage, this.previousKey);
    if (!isRecord(v)) return null;
    if (typeof v.domain !== 'string' || typeof v.name !== 'string') return null;
    return { domain: v.domain, name: v.name, email: typeof v.email === 'string' ? v.email : null };
  }
}
