/**
 * The x-bees bridge: the typed client of the protocol (§3, §4) over an injected environment. The only code
 * in the app that talks to the parent window.
 */
import { createAuthReporter, type AuthStatus } from './auth-reporter';
import { defaultEnvironment, type BridgeEnvironment } from './environment';
import { XBeesRequestError } from './errors';
import {
  parseCallInfo,
  parseContactQueries,
  parseContactQuery,
  parseContext,
  parsePbxToken,
  parseSearchText,
  parseTheme,
  parseThemeMode,
  sameQuery,
  toWireContact,
  toWireContacts,
  type Parsed,
  type ReceivedQuery,
} from './payloads';
import {
  CLIENT_VERSION,
  REQUEST,
  REQUEST_TIMEOUT_MS,
  eventKeyOf,
  type CallInfo,
  type Contact,
  type ContactQuery,
  type ContextContact,
  type EventKey,
  type LookupResult,
  type Theme,
  type ThemeMode,
  type ToastSeverity,
  type Viewport,
  type XBeesContext,
} from './protocol';
import { createTransport, listenToHost, normalizeOrigins } from './transport';

/**
 * Returned by a search/lookup handler when the user is not signed in: the bridge sends no answer at all (the
 * official template neither resolves nor rejects then). Report the status with `isNotAuthorized()` yourself;
 * repeated reports are free, the bridge de-duplicates them.
 */
export const NO_ANSWER: unique symbol = Symbol('x-bees: no answer');
export type NoAnswer = typeof NO_ANSWER;

type MaybePromise<T> = T | Promise<T>;
export type Unsubscribe = () => void;

/** Answers `xBeesGetContactsAutoSuggest` (and the legacy `xBeesGetSearchResult`) for the search text. */
export type SuggestContactsHandler = (query: string) => MaybePromise<readonly Contact[] | NoAnswer>;
/** Answers a lookup-and-match: the best match, or null when there is none. */
export type LookupContactHandler = (query: ContactQuery) => MaybePromise<Contact | null | NoAnswer>;
/**
 * Answers a batch lookup. Return one result per query (matched by the query object you were given, or by equal
 * e-mail/phone), as an array or a Map; queries without a result are answered with `contact: null`.
 */
export type BatchLookupHandler = (
  queries: readonly ContactQuery[],
) => MaybePromise<readonly LookupResult[] | ReadonlyMap<ContactQuery, Contact | null> | NoAnswer>;

/** Methods are plain functions (no `this`): pass them around freely, e.g. `onClick={() => void copy(text)}`. */
export interface XBeesBridge {
  readonly iframeId: string | null;
  /** Sends `xBeesReady {version}` once (later calls return the same promise); then status reports may go out. */
  readonly ready: () => Promise<void>;
  /** Reports "signed in"; de-duplicated and kept clear of the host throttle. Never throws. */
  readonly isAuthorized: () => void;
  /** Reports "not signed in"; same rules as {@link isAuthorized}. */
  readonly isNotAuthorized: () => void;
  readonly reportAuthStatus: (status: AuthStatus) => void;

  readonly getContext: () => Promise<XBeesContext>;
  readonly getCurrentContact: () => Promise<ContextContact>;
  readonly getTheme: () => Promise<Theme>;
  readonly getThemeMode: () => Promise<ThemeMode>;
  /** Rejects at once for an empty number. A second call within 1 s is rejected by the host (`error.throttled`). */
  readonly startCall: (phoneNumber: string) => Promise<void>;
  readonly toClipboard: (text: string) => Promise<void>;
  readonly showToast: (message: string, severity: ToastSeverity) => Promise<void>;
  readonly setViewport: (viewport: Viewport) => Promise<void>;
  readonly reboot: () => Promise<void>;
  /** Tells x-bees a contact changed (guessed type `xBeesContactUpdated`). Invalid contacts are not sent. */
  readonly contactUpdated: (query: ContactQuery, contact: Contact) => Promise<void>;
  /** Capability flag (guessed type `xBeesCreateContactIsSupported`). */
  readonly createContactIsSupported: () => Promise<void>;

  readonly onThemeChange: (listener: (theme: Theme) => void) => Unsubscribe;
  readonly onPbxTokenChange: (listener: (token: string) => void) => Unsubscribe;
  readonly onCallStarted: (listener: (call: CallInfo) => void) => Unsubscribe;
  readonly onCallEnded: (listener: (call: CallInfo) => void) => Unsubscribe;
  readonly onLogout: (listener: () => void) => Unsubscribe;
  /** The most recently registered handler answers; unsubscribing falls back to the previous one. */
  readonly onSuggestContacts: (handler: SuggestContactsHandler) => Unsubscribe;
  readonly onLookupAndMatchContact: (handler: LookupContactHandler) => Unsubscribe;
  readonly onLookupAndMatchBatchContacts: (handler: BatchLookupHandler) => Unsubscribe;

  /** Stops listening, cancels held status reports and rejects pending requests. */
  readonly destroy: () => void;
}

export interface CreateBridgeOptions {
  /** `config.xbees.allowedOrigins`: host events from any other origin are ignored. */
  readonly allowedOrigins: readonly string[];
  readonly iframeId: string | null;
  readonly environment?: BridgeEnvironment;
  readonly requestTimeoutMs?: number;
  /** Host throttle window; tests may shorten it. */
  readonly throttleWindowMs?: number;
  /**
   * Lifecycle step 5 (README "x-bees protocol"): right after `ready()` and before the sign-in status, tell x-bees
   * that this integration creates contacts (fire-and-forget), as the official template does.
   */
  readonly announceCreateContact?: boolean;
}

interface NotificationListeners {
  readonly useTheme: Registry<(theme: Theme) => void>;
  readonly pbxToken: Registry<(token: string) => void>;
  readonly callStarted: Registry<(call: CallInfo) => void>;
  readonly callEnded: Registry<(call: CallInfo) => void>;
  readonly logout: Registry<() => void>;
}

/** Text of a handler failure sent as `errorMessage`; bounded so a long error cannot flood the host. */
function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  return (text.trim() || 'lookup failed').slice(0, 200);
}

/**
 * Registrations in order. Each registration is its own entry, so the same function registered twice is removed
 * by each unsubscribe separately, and unsubscribing twice is harmless.
 */
class Registry<T> {
  private readonly entries: { readonly value: T }[] = [];

  add(value: T): Unsubscribe {
    const entry = { value };
    this.entries.push(entry);
    return () => {
      const index = this.entries.indexOf(entry);
      if (index >= 0) this.entries.splice(index, 1);
    };
  }

  values(): T[] {
    return this.entries.map((entry) => entry.value);
  }

  latest(): T | undefined {
    return this.entries.at(-1)?.value;
  }

  clear(): void {
    this.entries.length = 0;
  }
}

function isResultMap(
  value: readonly LookupResult[] | ReadonlyMap<ContactQuery, Contact | null>,
): value is ReadonlyMap<ContactQuery, Contact | null> {
  return value instanceof Map;
}

/** Batch answer as (query, contact) pairs, whichever form the handler returned. */
function resultPairs(
  value: readonly LookupResult[] | ReadonlyMap<ContactQuery, Contact | null>,
): (readonly [ContactQuery, Contact | null])[] {
  if (isResultMap(value)) return [...value.entries()];
  return value.map((result) => [result.query, result.contact] as const);
}

export function createBridge(options: CreateBridgeOptions): XBeesBridge {
  const env = options.environment ?? defaultEnvironment();
  const { logger } = env;
  const transport = createTransport(env, {
    iframeId: options.iframeId,
    timeoutMs: options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS,
    allowedOrigins: normalizeOrigins(options.allowedOrigins),
  });
  const auth = createAuthReporter({
    clock: env.clock,
    logger,
    send: (type) => transport.request(type),
    ...(options.throttleWindowMs === undefined ? {} : { windowMs: options.throttleWindowMs }),
  });

  const listeners: NotificationListeners = {
    useTheme: new Registry(),
    pbxToken: new Registry(),
    callStarted: new Registry(),
    callEnded: new Registry(),
    logout: new Registry(),
  };
  const suggestHandlers = new Registry<SuggestContactsHandler>();
  const lookupHandlers = new Registry<LookupContactHandler>();
  const batchHandlers = new Registry<BatchLookupHandler>();
  let readyPromise: Promise<void> | null = null;

  const warn = (message: string, ...details: unknown[]) => {
    logger.warn(`[x-bees] ${message}`, ...details);
  };

  /** Fire-and-forget send of an answer; failures are logged, never thrown into event handling. */
  const answer = (type: string, payload: unknown, errorMessage?: string) => {
    transport
      .request(type, payload, errorMessage === undefined ? undefined : { errorMessage })
      .catch((error: unknown) => {
        if (error instanceof XBeesRequestError && error.kind === 'destroyed') return;
        warn(`${type} answer was not accepted`, error);
      });
  };

  /** Runs an answer flow in the background; whatever goes wrong is logged, never thrown. */
  const background = (type: string, flow: Promise<void>) => {
    flow.catch((error: unknown) => {
      warn(`handling ${type} failed`, error);
    });
  };

  function notify<T>(registry: Registry<(value: T) => void>, value: T, type: string): void {
    for (const listener of registry.values()) {
      try {
        listener(value);
      } catch (error) {
        warn(`a ${type} listener threw`, error);
      }
    }
  }

  function parsedOrWarn<T>(type: string, parsed: Parsed<T>): T | undefined {
    if (parsed.ok) return parsed.value;
    warn(`dropped ${type}: ${parsed.reason}`);
    return undefined;
  }

  async function runHandler<T>(
    run: () => MaybePromise<T>,
  ): Promise<{ ok: true; value: T } | { ok: false; reason: string }> {
    try {
      return { ok: true, value: await run() };
    } catch (error) {
      return { ok: false, reason: reasonOf(error) };
    }
  }

  async function answerSuggest(query: string, legacy: boolean): Promise<void> {
    const handler = suggestHandlers.latest();
    if (!handler) return;
    const type = legacy ? REQUEST.searchResult.type : REQUEST.contactsAutoSuggest.type;
    const outcome = await runHandler(() => handler(query));
    if (!outcome.ok) {
      answer(type, legacy ? [] : { contacts: [], query }, outcome.reason);
      return;
    }
    if (outcome.value === NO_ANSWER) return;
    const { contacts, dropped } = toWireContacts(outcome.value);
    if (dropped > 0) warn(`dropped ${dropped} invalid contact(s) from the ${type} answer`);
    answer(type, legacy ? contacts : { contacts, query });
  }

  async function answerLookup(received: ReceivedQuery): Promise<void> {
    const handler = lookupHandlers.latest();
    if (!handler) return;
    const type = REQUEST.contactLookupAndMatch.type;
    const outcome = await runHandler(() => handler(received.query));
    if (!outcome.ok) {
      answer(type, { contact: null, query: received.raw }, outcome.reason);
      return;
    }
    if (outcome.value === NO_ANSWER) return;
    const contact = outcome.value === null ? null : toWireContact(outcome.value);
    if (outcome.value !== null && contact === null) warn(`dropped an invalid contact from the ${type} answer`);
    answer(type, { contact, query: received.raw });
  }

  async function answerBatch(received: readonly ReceivedQuery[]): Promise<void> {
    const handler = batchHandlers.latest();
    if (!handler) return;
    const type = REQUEST.contactLookupAndMatchBatch.type;
    const queries = received.map((item) => item.query);
    const outcome = await runHandler(() => handler(queries));
    if (!outcome.ok) {
      answer(
        type,
        received.map((item) => ({ query: item.raw, contact: null })),
        outcome.reason,
      );
      return;
    }
    if (outcome.value === NO_ANSWER) return;
    const results = resultPairs(outcome.value);
    let dropped = 0;
    const payload = received.map((item) => {
      const match =
        results.find(([query]) => query === item.query) ?? results.find(([query]) => sameQuery(query, item.query));
      const found = match?.[1] ?? null;
      const contact = found === null ? null : toWireContact(found);
      if (found !== null && contact === null) dropped += 1;
      return { query: item.raw, contact };
    });
    if (dropped > 0) warn(`dropped ${dropped} invalid contact(s) from the ${type} answer`);
    answer(type, payload);
  }

  function dispatch(key: EventKey, type: string, payload: unknown): void {
    switch (key) {
      case 'useTheme': {
        const theme = parsedOrWarn(type, parseTheme(payload));
        if (theme) notify(listeners.useTheme, theme, type);
        return;
      }
      case 'pbxToken': {
        const token = parsedOrWarn(type, parsePbxToken(payload));
        if (token !== undefined) notify(listeners.pbxToken, token, type);
        return;
      }
      case 'callStarted':
        notify(listeners.callStarted, parseCallInfo(payload), type);
        return;
      case 'callEnded':
        notify(listeners.callEnded, parseCallInfo(payload), type);
        return;
      case 'logout':
        notify(listeners.logout, undefined, type);
        return;
      case 'suggestContacts':
      case 'searchContacts': {
        const query = parsedOrWarn(type, parseSearchText(payload));
        if (query !== undefined) background(type, answerSuggest(query, key === 'searchContacts'));
        return;
      }
      case 'lookupAndMatch': {
        const received = parsedOrWarn(type, parseContactQuery(payload));
        if (received) background(type, answerLookup(received));
        return;
      }
      case 'lookupAndMatchBatch': {
        const batch = parsedOrWarn(type, parseContactQueries(payload));
        if (!batch) return;
        if (batch.dropped > 0) warn(`dropped ${batch.dropped} malformed quer(y/ies) from ${type}`);
        background(type, answerBatch(batch.queries));
        return;
      }
    }
  }

  const stopListening = listenToHost(env, options.allowedOrigins, ({ type, payload }) => {
    const key = eventKeyOf(type);
    if (key !== undefined) dispatch(key, type, payload);
  });

  const parseReply =
    <T>(type: string, parse: (payload: unknown) => Parsed<T>) =>
    async (): Promise<T> => {
      const reply = await transport.request(type);
      const parsed = parse(reply.payload);
      if (parsed.ok) return parsed.value;
      throw new XBeesRequestError({
        kind: 'malformed-reply',
        requestType: type,
        message: `x-bees replied to ${type} with an invalid payload: ${parsed.reason}`,
        payload: reply.payload,
      });
    };
  const getContext = parseReply(REQUEST.context.type, parseContext);
  const getCurrentContact = parseReply(REQUEST.currentContact.type, parseContext);
  const getTheme = parseReply(REQUEST.theme.type, parseTheme);
  const getThemeMode = parseReply(REQUEST.themeMode.type, parseThemeMode);
  const send = async (type: string, payload?: unknown): Promise<void> => {
    await transport.request(type, payload);
  };
  const refuse = (type: string, message: string) =>
    Promise.reject(new XBeesRequestError({ kind: 'invalid-argument', requestType: type, message }));

  return {
    iframeId: options.iframeId,
    ready() {
      readyPromise ??= send(REQUEST.ready.type, { version: CLIENT_VERSION })
        .then(() => {
          if (options.announceCreateContact === true)
            void send(REQUEST.createContactIsSupported.type).catch(() => undefined);
        })
        .finally(() => {
          auth.open();
        });
      return readyPromise;
    },
    isAuthorized: () => {
      auth.report('authorized');
    },
    isNotAuthorized: () => {
      auth.report('not-authorized');
    },
    reportAuthStatus: (status) => {
      auth.report(status);
    },
    getContext: () => getContext(),
    getCurrentContact: async () => (await getCurrentContact()).contact,
    getTheme: () => getTheme(),
    getThemeMode: () => getThemeMode(),
    startCall(phoneNumber) {
      const number = phoneNumber.trim();
      if (number === '') return refuse(REQUEST.startCall.type, 'startCall needs a phone number');
      return send(REQUEST.startCall.type, { phoneNumber: number });
    },
    toClipboard: (text) => send(REQUEST.toClipboard.type, text),
    showToast: (message, severity) => send(REQUEST.showToast.type, { message, severity }),
    setViewport: ({ height, width }) => send(REQUEST.viewport.type, { height, width }),
    reboot: () => send(REQUEST.reboot.type),
    contactUpdated(query, contact) {
      const wire = toWireContact(contact);
      if (!wire)
        return refuse(
          REQUEST.contactUpdated.type,
          'contactUpdated needs a valid contact (id, name, and phone or email)',
        );
      return send(REQUEST.contactUpdated.type, { query, contact: wire });
    },
    createContactIsSupported: () => send(REQUEST.createContactIsSupported.type),

    onThemeChange: (listener) => listeners.useTheme.add(listener),
    onPbxTokenChange: (listener) => listeners.pbxToken.add(listener),
    onCallStarted: (listener) => listeners.callStarted.add(listener),
    onCallEnded: (listener) => listeners.callEnded.add(listener),
    onLogout: (listener) => listeners.logout.add(listener),
    onSuggestContacts: (handler) => suggestHandlers.add(handler),
    onLookupAndMatchContact: (handler) => lookupHandlers.add(handler),
    onLookupAndMatchBatchContacts: (handler) => batchHandlers.add(handler),

    destroy() {
      stopListening();
      auth.destroy();
      transport.destroy();
      listeners.useTheme.clear();
      listeners.pbxToken.clear();
      listeners.callStarted.clear();
      listeners.callEnded.clear();
      listeners.logout.clear();
      suggestHandlers.clear();
      lookupHandlers.clear();
      batchHandlers.clear();
    },
  };
}
