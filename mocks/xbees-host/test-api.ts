/**
 * `window.xbeesHost`: the same controls as the panel, for Playwright. Every method returns
 * JSON-serializable data (or a promise of it), so `page.evaluate(() => window.xbeesHost!.getState())`
 * works as is.
 */
import type { Directory } from './directory';
import type {
  BatchOutcome,
  CallInfo,
  Delivery,
  FrameState,
  HostOptions,
  HostState,
  LookupOutcome,
  RequestRecord,
  SearchOutcome,
} from './host-types';
import type { XBeesHost } from './host-protocol';
import type { AuthStatus, ContactQuery, HostContext, ThemeMode, Variant } from './protocol-types';

export type PostSource = 'host' | 'sibling' | 'opaque';

export interface PostEventOptions {
  /** Who posts: the host window (default), a same-origin sibling iframe, or a sandboxed (origin "null") one. */
  from?: PostSource;
  /** From the host only: post even before the iframe's xBeesReady. */
  ignoreReady?: boolean;
}

export interface WaitForRequestOptions {
  variant?: Variant;
  /** Only requests recorded after this sequence number (see `getState().lastSeq`). */
  afterSeq?: number;
  timeoutMs?: number;
}

export interface XBeesHostTestApi {
  /** Sets the context `{contact: {phone?, email?, name?}, conversationId?}` and recreates the info-frame. */
  setContext(context: HostContext): HostContext;
  getContext(): HostContext;
  /** Sends xBeesUseTheme to every iframe (dropped for iframes that are not ready). */
  setTheme(mode: ThemeMode): Delivery[];
  /** xBeesGetContactsAutoSuggest to the daemon; the `{contacts, query}` it answers, or null after the timeout. */
  search(text: string): Promise<SearchOutcome | null>;
  /** Lookup-and-match to the daemon; `{query, contact}` (contact as stored, or null), or null after the timeout. */
  lookup(query: ContactQuery): Promise<LookupOutcome | null>;
  /** Batch lookup to the daemon; `{results: [{query, contact|null}]}`, or null after the timeout. */
  lookupBatch(queries: ContactQuery[]): Promise<BatchOutcome | null>;
  /** xBeesAddCall to the info-frame. */
  callStarted(call?: Partial<CallInfo>): { call: CallInfo; delivery: Delivery };
  /** xBeesTerminateCall to the info-frame (defaults to the active call). */
  callEnded(call?: Partial<CallInfo>): { call: CallInfo; delivery: Delivery };
  /** The logout event to every ready iframe. */
  logout(): Delivery[];
  /** A new info-frame (new iframeId) with the same context. */
  reloadInfoFrame(): FrameState;
  setOptions(options: Partial<HostOptions>): HostOptions;
  getState(): HostState;
  /** Forgets everything recorded (not the iframes' state, context, theme or options). */
  clearLog(): void;
  /** Posts `{type, payload?}` to an iframe (omit payload to send `{type}` only). */
  postEvent(variant: Variant, type: string, payload?: unknown, options?: PostEventOptions): Promise<Delivery>;
  /** True once the current iframe of that variant has sent xBeesReady; false after the timeout. */
  waitForReady(variant: Variant, timeoutMs?: number): Promise<boolean>;
  /** The first matching request (by type string); null after the timeout. */
  waitForRequest(type: string, options?: WaitForRequestOptions): Promise<RequestRecord | null>;
  /** True once the iframe's auth flag has that value; false after the timeout. */
  waitForAuthStatus(variant: Variant, status: AuthStatus, timeoutMs?: number): Promise<boolean>;
  /** The people and conversations loaded from the org, or null if they could not be loaded. */
  getDirectory(): Directory | null;
}

declare global {
  interface Window {
    xbeesHost?: XBeesHostTestApi;
  }
}

export interface TestApiDeps {
  host: XBeesHost;
  /** Posts from a window other than the host (DOM adapter). */
  postFromStranger: (variant: Variant, data: unknown, kind: Exclude<PostSource, 'host'>) => Promise<boolean>;
  getDirectory: () => Directory | null;
}

const DEFAULT_WAIT_MS = 10_000;

/** Resolves with the first non-null value of `check` (re-run on every host change), or null after `timeoutMs`. */
export function waitUntil<T>(host: XBeesHost, check: () => T | null, timeoutMs: number): Promise<T | null> {
  const immediate = check();
  if (immediate !== null) return Promise.resolve(immediate);
  return new Promise((resolve) => {
    const finish = (value: T | null): void => {
      clearTimeout(timer);
      unsubscribe();
      resolve(value);
    };
    const timer = setTimeout(() => {
      finish(null);
    }, timeoutMs);
    const unsubscribe = host.subscribe(() => {
      const value = check();
      if (value !== null) finish(value);
    });
  });
}

export function createTestApi({ host, postFromStranger, getDirectory }: TestApiDeps): XBeesHostTestApi {
  const frameState = (variant: Variant): FrameState | undefined =>
    host.getState().frames.find((f) => f.variant === variant);
  return {
    setContext: (context) => host.setContext(context),
    getContext: () => host.getContext(),
    setTheme: (mode) => {
      // Playwright passes whatever the test wrote: check at run time.
      const value: unknown = mode;
      if (value !== 'light' && value !== 'dark') throw new TypeError('theme must be "light" or "dark"');
      return host.setTheme(value);
    },
    search: (text) => {
      if (typeof text !== 'string') return Promise.reject(new TypeError('search text must be a string'));
      return host.search(text);
    },
    lookup: (query) => host.lookup(query),
    lookupBatch: (queries) => host.lookupBatch(queries),
    callStarted: (call) => host.callStarted(call),
    callEnded: (call) => host.callEnded(call),
    logout: () => host.logout(),
    reloadInfoFrame: () => host.reloadInfoFrame(),
    setOptions: (options) => host.setOptions(options),
    getState: () => host.getState(),
    clearLog: () => {
      host.clearLog();
    },
    postEvent: async (variant, type, payload, options = {}) => {
      const from = options.from ?? 'host';
      if (from === 'host') return host.postEvent(variant, type, payload, options.ignoreReady ?? false);
      const data = payload === undefined ? { type } : { type, payload };
      return (await postFromStranger(variant, data, from)) ? 'sent' : 'dropped';
    },
    waitForReady: async (variant, timeoutMs = DEFAULT_WAIT_MS) =>
      (await waitUntil(host, () => (frameState(variant)?.ready ? true : null), timeoutMs)) ?? false,
    waitForRequest: (type, options = {}) =>
      waitUntil(
        host,
        () =>
          host
            .getState()
            .requests.find(
              (r) =>
                r.type === type &&
                (options.variant === undefined || r.variant === options.variant) &&
                r.seq > (options.afterSeq ?? 0),
            ) ?? null,
        options.timeoutMs ?? DEFAULT_WAIT_MS,
      ),
    waitForAuthStatus: async (variant, status, timeoutMs = DEFAULT_WAIT_MS) =>
      (await waitUntil(host, () => (frameState(variant)?.authStatus === status ? true : null), timeoutMs)) ?? false,
    getDirectory,
  };
}
