/**
 * The only code that calls fetch for Salesforce. It adds the Bearer token, turns every failure into a
 * SalesforceError, renews the session once on 401 INVALID_SESSION_ID and retries once, treats "not valid
 * for use with the REST API" as terminal, and tells a CORS allowlist gap from a network failure.
 */
import { LOCAL_ERROR_CODES, SalesforceError, errorFromBody } from './errors';

export interface SessionToken {
  accessToken: string;
  instanceUrl: string;
}

export interface TokenSource {
  /** The current token, or null when nobody is signed in. */
  current(): Promise<SessionToken | null>;
  /**
   * After a 401 for `failedToken`: a renewed token. Concurrent callers (in this instance and in other
   * instances of the app) share one renewal. Throws SalesforceError SESSION_ENDED when renewal fails.
   */
  renew(failedToken: string): Promise<SessionToken>;
  /** The org refuses this session for REST (no `api` scope, API Access Control, user without API Enabled). */
  restRefused(error: SalesforceError): void;
  /** The org has no API access, or it is over its request limit. */
  orgProblem?(error: SalesforceError): void;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Milliseconds before giving up (default 30 s). */
  timeoutMs?: number;
  /** 'text': `parse` gets the answer's text (a blob field such as ContentNote Content), not JSON. */
  responseType?: 'json' | 'text';
}

export interface RequestInfo {
  method: string;
  url: string;
  status: number | 'network-error';
  ms: number;
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

const REST_REFUSED = /not valid for use with the REST API/i;

export class SalesforceClient {
  private readonly listeners = new Set<(info: RequestInfo) => void>();

  constructor(
    private readonly tokens: TokenSource,
    readonly apiVersion: string,
    private readonly fetchImpl: FetchLike = (input, init) => fetch(input, init),
  ) {}

  /** Observes every HTTP exchange (tracing, benchmarks). */
  onRequest(listener: (info: RequestInfo) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** `/services/data/vNN.0` + path for relative paths; absolute `/services/...` paths are used as they are. */
  resourcePath(path: string): string {
    if (path.startsWith('/services/')) return path;
    return `/services/data/${this.apiVersion}${path.startsWith('/') ? path : `/${path}`}`;
  }

  /**
   * Sends one REST request and parses the JSON answer with `parse` (which must validate it).
   * 204 answers give `parse(undefined)`.
   */
  async request<T>(path: string, options: RequestOptions, parse: (json: unknown) => T): Promise<T> {
    let token = await this.tokens.current();
    if (!token)
      throw new SalesforceError({
        status: 0,
        errorCode: LOCAL_ERROR_CODES.notSignedIn,
        message: 'Not signed in to Salesforce',
      });
    let response = await this.send(token, path, options);
    if (response.status === 401) {
      const error = await this.errorOf(response);
      if (REST_REFUSED.test(error.message)) {
        this.tokens.restRefused(error);
        throw error;
      }
      token = await this.tokens.renew(token.accessToken);
      response = await this.send(token, path, options);
      if (response.status === 401) {
        const again = await this.errorOf(response);
        if (REST_REFUSED.test(again.message)) this.tokens.restRefused(again);
        throw again;
      }
    }
    if (!response.ok && response.status !== 300) {
      const error = await this.errorOf(response);
      if (error.errorCode === 'API_DISABLED_FOR_ORG' || error.errorCode === 'REQUEST_LIMIT_EXCEEDED')
        this.tokens.orgProblem?.(error);
      throw error;
    }
    if (response.status === 204) return parse(undefined);
    let text: string;
    try {
      text = await response.text();
    } catch (cause) {
      // The connection died while the answer was arriving: the request may have been processed.
      throw new SalesforceError({
        status: 0,
        errorCode: LOCAL_ERROR_CODES.network,
        message: `The answer from Salesforce was cut off (${cause instanceof Error ? cause.message : String(cause)})`,
      });
    }
    if (options.responseType === 'text') return parse(text);
    if (text.trim() === '') return parse(undefined);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new SalesforceError({
        status: response.status,
        errorCode: LOCAL_ERROR_CODES.unexpected,
        message: 'Salesforce sent an answer that is not JSON',
      });
    }
    try {
      return parse(json);
    } catch (cause) {
      throw new SalesforceError({
        status: response.status,
        errorCode: LOCAL_ERROR_CODES.unexpected,
        message: `Salesforce sent an answer this app could not read (${cause instanceof Error ? cause.message.slice(0, 200) : 'invalid shape'})`,
      });
    }
  }

  private async send(token: SessionToken, path: string, options: RequestOptions): Promise<Response> {
    const url = `${token.instanceUrl}${this.resourcePath(path)}`;
    const method = options.method ?? 'GET';
    const headers: Record<string, string> = {
      Authorization: `Bearer ${token.accessToken}`,
      Accept: 'application/json',
      ...options.headers,
    };
    const init: RequestInit = { method, headers, credentials: 'omit', cache: 'no-store' };
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(options.body);
    }
    const timeout = AbortSignal.timeout(options.timeoutMs ?? 30_000);
    init.signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    const started = performance.now();
    try {
      const response = await this.fetchImpl(url, init);
      this.emit({ method, url, status: response.status, ms: performance.now() - started });
      return response;
    } catch (cause) {
      this.emit({ method, url, status: 'network-error', ms: performance.now() - started });
      if (options.signal?.aborted) throw cause;
      throw await diagnoseFailure(token.instanceUrl, cause, this.fetchImpl, timeout.aborted);
    }
  }

  private emit(info: RequestInfo): void {
    for (const listener of this.listeners) listener(info);
  }

  private async errorOf(response: Response): Promise<SalesforceError> {
    const text = await response.text().catch(() => '');
    let body: unknown = null;
    try {
      body = text ? (JSON.parse(text) as unknown) : null;
    } catch {
      body = null;
    }
    return errorFromBody(response.status, body, text);
  }
}

/**
 * A fetch that failed without an answer is either the network or CORS: the browser hides which. Two
 * unauthenticated GETs tell them apart: `/services/data/` gets CORS headers only for allowlisted origins,
 * while the OpenID discovery document always has them.
 */
export async function diagnoseFailure(
  instanceUrl: string,
  cause: unknown,
  fetchImpl: FetchLike,
  timedOut = false,
): Promise<SalesforceError> {
  const reason = cause instanceof Error ? cause.message : String(cause);
  if (timedOut) {
    return new SalesforceError({
      status: 0,
      errorCode: LOCAL_ERROR_CODES.network,
      message: 'Salesforce did not answer within 30 seconds',
    });
  }
  const reachable = async (path: string) => {
    try {
      await fetchImpl(`${instanceUrl}${path}`, {
        method: 'GET',
        credentials: 'omit',
        cache: 'no-store',
        signal: AbortSignal.timeout(10_000),
      });
      return true;
    } catch {
      return false;
    }
  };
  if (await reachable('/services/data/')) {
    return new SalesforceError({
      status: 0,
      errorCode: LOCAL_ERROR_CODES.network,
      message: `The connection to Salesforce was interrupted (${reason})`,
    });
  }
  if (await reachable('/.well-known/openid-configuration')) {
    return new SalesforceError({
      status: 0,
      errorCode: LOCAL_ERROR_CODES.corsBlocked,
      message: `The org at ${instanceUrl} does not allow this app's origin (${globalThis.location.origin}) on its CORS allowlist`,
    });
  }
  return new SalesforceError({
    status: 0,
    errorCode: LOCAL_ERROR_CODES.network,
    message: `Salesforce at ${instanceUrl} could not be reached (${reason})`,
  });
}

/** Whether the OAuth endpoints refuse CORS while the REST allowlist is fine ("Enable CORS for OAuth endpoints" is off). */
export async function diagnoseTokenFailure(
  domain: string,
  fetchImpl: FetchLike = (input, init) => fetch(input, init),
): Promise<'oauth-cors' | 'rest-cors' | 'unreachable'> {
  const reachable = async (path: string) => {
    try {
      await fetchImpl(`${domain}${path}`, {
        method: 'GET',
        credentials: 'omit',
        cache: 'no-store',
        signal: AbortSignal.timeout(10_000),
      });
      return true;
    } catch {
      return false;
    }
  };
  if (await reachable('/services/data/')) return 'oauth-cors';
  if (await reachable('/.well-known/openid-configuration')) return 'rest-cors';
  return 'unreachable';
}

/** `GET /services/oauth2/userinfo` (README "Salesforce API facts"). */
export async function fetchUserInfo(
  instanceUrl: string,
  accessToken: string,
  fetchImpl: FetchLike = (input, init) => fetch(input, init),
): Promise<unknown> {
  let response: Response;
  try {
    response = await fetchImpl(`${instanceUrl}/services/oauth2/userinfo`, {
      headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' },
      credentials: 'omit',
      cache: 'no-store',
      signal: AbortSignal.timeout(30_000),
    });
  } catch (cause) {
    throw await diagnoseFailure(instanceUrl, cause, fetchImpl);
  }
  const text = await response.text();
  if (!response.ok) {
    // A bad token gets 403 with the plain text Bad_OAuth_Token.
    if (text.trim() === 'Bad_OAuth_Token')
      throw new SalesforceError({
        status: response.status,
        errorCode: 'INVALID_SESSION_ID',
        message: 'Bad_OAuth_Token',
      });
    let body: unknown = null;
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      body = null;
    }
    throw errorFromBody(response.status, body, text);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new SalesforceError({
      status: response.status,
      errorCode: LOCAL_ERROR_CODES.unexpected,
      message: 'userinfo is not JSON',
    });
  }
}

export type OAuthResult =
  { ok: true; body: Record<string, unknown> } | { ok: false; error: string; description: string; status: number };

/** POSTs a form to an OAuth endpoint of the org (token, revoke). Network/CORS failures throw SalesforceError. */
export async function postOAuthForm(
  domain: string,
  endpoint: 'token' | 'revoke',
  form: Record<string, string>,
  fetchImpl: FetchLike = (input, init) => fetch(input, init),
): Promise<OAuthResult> {
  let response: Response;
  try {
    response = await fetchImpl(`${domain}/services/oauth2/${endpoint}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
      credentials: 'omit',
      cache: 'no-store',
      signal: AbortSignal.timeout(30_000),
    });
  } catch (cause) {
    const diagnosis = await diagnoseTokenFailure(domain, fetchImpl);
    if (diagnosis === 'unreachable') {
      throw new SalesforceError({
        status: 0,
        errorCode: LOCAL_ERROR_CODES.network,
        message: `Salesforce at ${domain} could not be reached (${cause instanceof Error ? cause.message : String(cause)})`,
      });
    }
    throw new SalesforceError({
      status: 0,
      errorCode: diagnosis === 'oauth-cors' ? 'OAUTH_CORS_DISABLED' : LOCAL_ERROR_CODES.corsBlocked,
      message:
        diagnosis === 'oauth-cors'
          ? 'The org does not allow CORS on its OAuth endpoints'
          : `The org does not allow this app's origin (${globalThis.location.origin}) on its CORS allowlist`,
    });
  }
  const text = await response.text();
  let body: unknown = {};
  if (text.trim() !== '') {
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      body = {};
    }
  }
  const record =
    typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  if (response.ok) return { ok: true, body: record };
  return {
    ok: false,
    status: response.status,
    error: typeof record.error === 'string' ? record.error : `http_${String(response.status)}`,
    description: typeof record.error_description === 'string' ? record.error_description : text.slice(0, 200),
  };
}
