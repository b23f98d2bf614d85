/**
 * The host side of the x-bees iframe protocol (README "x-bees protocol"), without the DOM.
 *
 * One `FrameController` per iframe holds what the real host keeps per iframe (ready + version, the
 * tri-state `active` flag, throttle timestamps, queued events). `XBeesHost` owns the frames, routes
 * incoming messages by `event.source`, answers each request once on its transferred port, sends events
 * (only after that iframe's `xBeesReady`), correlates search / lookup results by query and records
 * everything for the panel and the test API.
 *
 * Wire behaviour follows the spec (and the 2023 host snapshot it summarises), including its rough
 * edges: a request the real host would crash on gets no reply. Problems the real host would not
 * notice (wrong iframeId, invalid contacts, bad toast severities …) never change the wire; they are
 * recorded in `problems` so QA and e2e can see them.
 */
import { preview, toJsonSafe } from './json-safe';
import {
  contactAsJson,
  contactProblem,
  isRecord,
  parseContactQuery,
  parseDimension,
  parseHostContext,
  parseToast,
  queryKey,
  sameQuery,
  type JsonObject,
  type Toast,
} from './payloads';
import {
  DEFAULT_CLIENT_VERSION,
  ERROR_MESSAGES,
  EVENT_TYPES,
  REPLY_PAYLOADS,
  THEME_OBJECT_MIN_VERSION,
  THROTTLE_MS,
  findRequestType,
  type AuthStatus,
  type ContactQuery,
  type EventMessage,
  type HostContext,
  type ReplyEnvelope,
  type RequestAction,
  type ThemeMode,
  type Variant,
} from './protocol-types';
import {
  DEFAULT_OPTIONS,
  type AuthChange,
  type BatchItem,
  type BatchOutcome,
  type CallInfo,
  type Delivery,
  type EventRecord,
  type FrameElement,
  type FrameState,
  type HostDeps,
  type HostOptions,
  type HostState,
  type IncomingMessage,
  type LookupOutcome,
  type ProblemRecord,
  type ReplyPort,
  type RequestRecord,
  type SearchOutcome,
  type StoredMatch,
} from './host-types';
import { isVersionAtLeast } from './version';

/* ------------------------------------------------------------------ helpers */

export function buildFrameSrc(appUrl: string, variant: Variant, iframeId: string, userEmail: string): string {
  const url = new URL(appUrl);
  url.searchParams.set('variant', variant);
  url.searchParams.set('iframeId', iframeId);
  url.searchParams.set('user', userEmail);
  return url.toString();
}

function defaultRandomId(): string {
  const bytes = new Uint8Array(6);
  crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function base64Url(text: string): string {
  return btoa(text).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}

/** A dummy JWT-looking PBX token (not signed, not valid anywhere). */
export function dummyPbxToken(userEmail: string, nowMs: number): string {
  const iat = Math.floor(nowMs / 1000);
  const header = base64Url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'emulated-xbees' }));
  const body = base64Url(
    JSON.stringify({ iss: 'emulated-xbees-host', sub: userEmail, email: userEmail, iat, exp: iat + 3600 }),
  );
  return `${header}.${body}.${base64Url('emulated-signature')}`;
}

/** The `errorMessage` a client may attach to a result request (top level or inside the payload). */
function resultError(data: Record<string, unknown>, payload: unknown): string | undefined {
  const top = data.errorMessage;
  if (typeof top === 'string' && top !== '') return top;
  if (isRecord(payload) && typeof payload.errorMessage === 'string' && payload.errorMessage !== '')
    return payload.errorMessage;
  return undefined;
}

function cloneContext(context: HostContext): HostContext {
  const copy: HostContext = { contact: { ...context.contact } };
  if (context.conversationId !== undefined) copy.conversationId = context.conversationId;
  return copy;
}

/** What a JS template literal makes of a value that arrived through postMessage (`command ${type} …`). */
function templateText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value))
    return value.map((item: unknown) => (item === null || item === undefined ? '' : templateText(item))).join(',');
  if (value instanceof Date) return value.toString();
  return '[object Object]';
}

function newCallId(random: () => string): string {
  return `call-${random()}`;
}

/* ------------------------------------------------------------------ per-iframe controller */

type PayloadSource = ((frame: FrameController) => unknown) | undefined;

interface QueuedEvent {
  type: string;
  payload: PayloadSource;
}

/** What the real host keeps per iframe. */
export class FrameController {
  ready = false;
  version: unknown = DEFAULT_CLIENT_VERSION;
  active: boolean | undefined = undefined;
  viewport: FrameState['viewport'] = null;
  createContactSupported = false;
  removed = false;
  readonly queue: QueuedEvent[] = [];
  private readonly lastHandled = new Map<string, number>();

  constructor(
    readonly iframeId: string,
    readonly variant: Variant,
    readonly src: string,
    readonly element: FrameElement,
  ) {}

  /** §2.1 item 7: skipped when the previous one of the same type was < 1000 ms ago; the timestamp is refreshed anyway. */
  throttled(type: string, now: number): boolean {
    const last = this.lastHandled.get(type);
    this.lastHandled.set(type, now);
    return last !== undefined && now - last < THROTTLE_MS;
  }

  get authStatus(): AuthStatus {
    return this.active === undefined ? 'unknown' : this.active ? 'active' : 'not_active';
  }

  get readyVersion(): string | null {
    return this.ready && typeof this.version === 'string' ? this.version : null;
  }

  state(): FrameState {
    return {
      iframeId: this.iframeId,
      variant: this.variant,
      src: this.src,
      ready: this.ready,
      version: this.readyVersion,
      authStatus: this.authStatus,
      viewport: this.viewport ? { ...this.viewport } : null,
      size: { height: this.element.getAttribute('height'), width: this.element.getAttribute('width') },
      createContactSupported: this.createContactSupported,
      queuedEvents: this.queue.length,
    };
  }
}

/* ------------------------------------------------------------------ the host */

interface Waiter<T> {
  frame: FrameController;
  settle: (value: T | null) => void;
}

interface BatchWaiter extends Waiter<BatchOutcome> {
  keys: Set<string>;
}

/** Thrown by request handlers where the real host throws: no reply is sent. */
class HostCrash extends Error {
  override readonly name = 'HostCrash';
}

export class XBeesHost {
  private readonly deps: HostDeps;
  private readonly now: () => number;
  private readonly randomId: () => string;
  private readonly integrationId: string;
  private options: HostOptions;
  private context: HostContext;
  private theme: ThemeMode;
  private frames: FrameController[] = [];
  private seq = 0;
  private requests: RequestRecord[] = [];
  private events: EventRecord[] = [];
  private problems: ProblemRecord[] = [];
  private startCalls: string[] = [];
  private clipboard: string[] = [];
  private toasts: Toast[] = [];
  private authHistory: AuthChange[] = [];
  private integrationStatus: AuthStatus = 'unknown';
  private searchResults: HostState['searchResults'] = [];
  private matches = new Map<string, StoredMatch>();
  private activeCall: HostState['activeCall'] = null;
  private ignoredMessages = 0;
  private readonly searchWaiters = new Map<string, Waiter<SearchOutcome>[]>();
  private readonly lookupWaiters = new Map<string, Waiter<LookupOutcome>[]>();
  private batchWaiters: BatchWaiter[] = [];
  private readonly listeners = new Set<() => void>();
  private snapshot: HostState | null = null;

  constructor(deps: HostDeps) {
    this.deps = deps;
    this.now = deps.now ?? Date.now;
    this.randomId = deps.randomId ?? defaultRandomId;
    this.integrationId = deps.integrationId ?? 'emulated-salesforce-integration';
    this.options = { ...DEFAULT_OPTIONS, ...deps.options };
    this.context = deps.context ? cloneContext(deps.context) : { contact: {} };
    this.theme = deps.theme ?? 'light';
  }

  /* ---------------- lifecycle of iframes */

  /** Creates the hidden daemon and the info-frame. */
  start(): void {
    if (!this.frameOf('daemon')) this.createFrame('daemon');
    if (!this.frameOf('info-frame')) this.createFrame('info-frame');
  }

  createFrame(variant: Variant): FrameController {
    const iframeId = `${variant}-${this.randomId()}`;
    const src = buildFrameSrc(this.deps.appUrl, variant, iframeId, this.deps.userEmail);
    const element = this.deps.frames.create({ variant, iframeId, src });
    const frame = new FrameController(iframeId, variant, src, element);
    this.frames.push(frame);
    this.changed();
    return frame;
  }

  removeFrame(frame: FrameController): void {
    frame.removed = true;
    frame.queue.length = 0;
    this.frames = this.frames.filter((f) => f !== frame);
    this.deps.frames.remove(frame.element);
    this.changed();
  }

  /** x-bees reloads the info-frame when the conversation changes: a new iframe with a new iframeId. */
  reloadInfoFrame(): FrameState {
    const old = this.frameOf('info-frame');
    if (old) this.removeFrame(old);
    return this.createFrame('info-frame').state();
  }

  frameOf(variant: Variant): FrameController | undefined {
    return this.frames.find((f) => f.variant === variant);
  }

  /* ---------------- context, theme, options */

  /** Sets the context object and recreates the info-frame (the daemon stays). */
  setContext(input: unknown): HostContext {
    this.context = parseHostContext(input);
    this.reloadInfoFrame();
    return this.getContext();
  }

  getContext(): HostContext {
    return cloneContext(this.context);
  }

  /** Sends `xBeesUseTheme` to every iframe (through the ready gate). */
  setTheme(mode: ThemeMode): Delivery[] {
    this.theme = mode;
    const deliveries = this.frames.map((frame) =>
      this.emit(frame, EVENT_TYPES.useTheme.type, (f) =>
        isVersionAtLeast(f.version, THEME_OBJECT_MIN_VERSION) ? { mode: this.theme } : this.theme,
      ),
    );
    this.changed();
    return deliveries;
  }

  getTheme(): ThemeMode {
    return this.theme;
  }

  setOptions(partial: Partial<HostOptions>): HostOptions {
    this.options = { ...this.options, ...partial };
    this.changed();
    return { ...this.options };
  }

  getOptions(): HostOptions {
    return { ...this.options };
  }

  /* ---------------- incoming messages */

  /**
   * Handles a window `message` event. Returns false (and does nothing else) when the source is not one
   * of our iframes.
   */
  handleMessage(event: IncomingMessage): boolean {
    const frame = event.source ? this.frames.find((f) => f.element.contentWindow === event.source) : undefined;
    if (!frame) {
      this.ignoredMessages += 1;
      this.changed();
      return false;
    }
    this.handleRequest(frame, event.data, event.ports[0]);
    return true;
  }

  private handleRequest(frame: FrameController, data: unknown, port: ReplyPort | undefined): void {
    const at = this.now();
    const record: RequestRecord = {
      seq: ++this.seq,
      at,
      iframeId: isRecord(data) ? toJsonSafe(data.iframeId) : null,
      frameId: frame.iframeId,
      variant: frame.variant,
      type: isRecord(data) ? toJsonSafe(data.type) : null,
      reply: null,
    };
    if (isRecord(data) && 'payload' in data && data.payload !== undefined) record.payload = toJsonSafe(data.payload);
    this.requests.push(record);

    let reply: ReplyEnvelope | null;
    try {
      reply = this.respond(frame, data, at);
    } catch (error) {
      if (!(error instanceof HostCrash)) throw error;
      this.problem(frame, `${preview(record.type)}: ${error.message} — the real host throws here and never replies`);
      reply = null;
    }

    if (isRecord(data)) this.checkIframeId(frame, data);
    if (reply) {
      if (port) {
        port.postMessage(reply);
        record.reply = { type: toJsonSafe(reply.type), errorMessage: reply.errorMessage };
        if (reply.payload !== undefined) record.reply.payload = toJsonSafe(reply.payload);
      } else {
        this.problem(
          frame,
          `${preview(record.type)} arrived without a MessagePort: handled, but no reply could be sent`,
        );
      }
    }
    this.changed();
  }

  private checkIframeId(frame: FrameController, data: Record<string, unknown>): void {
    if (data.iframeId === undefined || data.iframeId === null) {
      this.problem(frame, `${preview(data.type)} has no iframeId (expected "${frame.iframeId}")`);
    } else if (data.iframeId !== frame.iframeId) {
      this.problem(frame, `${preview(data.type)} has iframeId ${preview(data.iframeId)}, expected "${frame.iframeId}"`);
    }
  }

  /** The reply the real host computes; throws HostCrash where it would throw. */
  private respond(frame: FrameController, data: unknown, at: number): ReplyEnvelope {
    if (data === null || data === undefined) throw new HostCrash('message data is null/undefined');
    const message: Record<string, unknown> = isRecord(data) ? data : {};
    // The real host reads `message.type` of whatever arrived (so a string or a number "has no type")
    // and echoes it unchanged.
    const type = message.type;
    const echo = type;
    if (!type) return { type: echo, errorMessage: ERROR_MESSAGES.missingType, payload: undefined };
    const typeText = templateText(type);
    const entry = typeof type === 'string' ? findRequestType(type) : undefined;
    if (entry?.throttled && frame.throttled(entry.type, at)) {
      return { type: echo, errorMessage: ERROR_MESSAGES.tooFast, payload: undefined };
    }
    if (!entry) return { type: echo, errorMessage: ERROR_MESSAGES.unsupported(typeText), payload: undefined };
    const payload = this.perform(entry.action, frame, message, message.payload);
    return payload.error === undefined
      ? { type: echo, errorMessage: '', payload: payload.value }
      : { type: echo, errorMessage: payload.error, payload: payload.value };
  }

  private perform(
    action: RequestAction,
    frame: FrameController,
    message: Record<string, unknown>,
    payload: unknown,
  ): { value: unknown; error?: string } {
    switch (action) {
      case 'ready':
        return this.onReady(frame, payload);
      case 'authorized':
        this.setActive(frame, true);
        return { value: undefined };
      case 'notAuthorized':
        this.setActive(frame, false);
        return { value: undefined };
      case 'context':
      case 'currentContact':
        return { value: this.getContext() };
      case 'themeMode':
        return { value: this.theme };
      case 'theme':
        return { value: { mode: this.theme } };
      case 'startCall':
        return this.onStartCall(frame, payload);
      case 'viewport':
        this.onViewport(frame, payload);
        return { value: REPLY_PAYLOADS.ok };
      case 'reboot':
        return { value: REPLY_PAYLOADS.skip };
      case 'toClipboard':
        return this.onClipboard(frame, payload);
      case 'contactsAutoSuggest':
        return this.onSearchResult(frame, message, payload);
      case 'legacySearchResult':
        this.onLegacySearchResult(frame, payload);
        return { value: REPLY_PAYLOADS.ok };
      case 'lookupResult':
      case 'contactUpdated':
        if (!payload) return { value: undefined };
        this.onLookupResult(frame, action, message, payload);
        return { value: REPLY_PAYLOADS.ok };
      case 'lookupBatchResult':
        if (!payload) return { value: undefined };
        this.onBatchResult(frame, message, payload);
        return { value: REPLY_PAYLOADS.ok };
      case 'createContactIsSupported':
        frame.createContactSupported = true;
        return { value: undefined };
      case 'showToast': {
        const { toast, problem } = parseToast(payload);
        this.toasts.push(toast);
        if (problem) this.problem(frame, problem);
        return { value: REPLY_PAYLOADS.ok };
      }
    }
  }

  private onReady(frame: FrameController, payload: unknown): { value: unknown } {
    frame.ready = true;
    if (payload === null || payload === undefined)
      throw new HostCrash('xBeesReady without payload (reading payload.version)');
    frame.version = isRecord(payload) ? payload.version : undefined;
    if (typeof frame.version !== 'string') this.problem(frame, 'xBeesReady payload has no string version');
    const queued = frame.queue.splice(0);
    for (const event of queued) this.post(frame, event.type, event.payload);
    return { value: undefined };
  }

  private setActive(frame: FrameController, active: boolean): void {
    if (frame.active === active) return;
    frame.active = active;
    if (!active && frame.variant === 'dialog') return;
    const status = active ? 'active' : 'not_active';
    this.integrationStatus = status;
    this.authHistory.push({ at: this.now(), iframeId: frame.iframeId, variant: frame.variant, status });
  }

  private onStartCall(frame: FrameController, payload: unknown): { value: unknown; error?: string } {
    const phone = isRecord(payload) ? payload.phoneNumber : undefined;
    if (!phone) return { value: REPLY_PAYLOADS.error, error: ERROR_MESSAGES.noPhoneNumber };
    if (typeof phone !== 'string') this.problem(frame, `startCall phoneNumber is a ${typeof phone}, not a string`);
    this.startCalls.push(typeof phone === 'string' ? phone : preview(phone));
    return { value: REPLY_PAYLOADS.callStartAccepted };
  }

  private onViewport(frame: FrameController, payload: unknown): void {
    if (payload === null || payload === undefined)
      throw new HostCrash('xBeesViewPort without payload (reading payload.height)');
    const { height, width } = isRecord(payload) ? payload : {};
    if (height === 0 || height === '0') return;
    const parsed = { height: parseDimension(height), width: parseDimension(width) };
    if (parsed.height === null || parsed.width === null) {
      this.problem(
        frame,
        `viewport ${preview(payload)} is not {height, width} numbers; the host sets the attributes as text anyway`,
      );
    }
    // As the real host: both attributes, from the values as sent.
    frame.element.setAttribute('height', String(height));
    frame.element.setAttribute('width', String(width));
    frame.viewport = parsed;
  }

  private onClipboard(frame: FrameController, payload: unknown): { value: unknown } {
    if (!payload) return { value: REPLY_PAYLOADS.error };
    if (typeof payload !== 'string') this.problem(frame, `toClipboard payload is a ${typeof payload}, not a string`);
    this.clipboard.push(typeof payload === 'string' ? payload : preview(payload));
    return { value: REPLY_PAYLOADS.ok };
  }

  private onSearchResult(
    frame: FrameController,
    message: Record<string, unknown>,
    payload: unknown,
  ): { value: unknown } {
    if (!payload) return { value: undefined };
    const contacts = isRecord(payload) ? payload.contacts : undefined;
    if (!Array.isArray(contacts)) throw new HostCrash('search result without a contacts array (contacts.map)');
    const query = isRecord(payload) ? payload.query : undefined;
    const errorMessage = resultError(message, payload);
    contacts.forEach((contact: unknown, index) => {
      const problem = contactProblem(contact);
      if (problem) this.problem(frame, `search result contact #${index} ${problem}`);
    });
    const stored = contacts.map((contact: unknown) => ({ ...contactAsJson(contact), integration: this.integrationId }));
    const entry: HostState['searchResults'][number] = {
      at: this.now(),
      iframeId: frame.iframeId,
      query: toJsonSafe(query),
      contacts: stored,
    };
    if (errorMessage !== undefined) {
      entry.errorMessage = errorMessage;
      this.problem(frame, `search for ${preview(query)} answered with error: ${errorMessage}`);
    }
    this.searchResults.push(entry);
    if (typeof query === 'string') {
      const outcome: SearchOutcome = { query, contacts: contacts.map((c: unknown) => toJsonSafe(c)) };
      if (errorMessage !== undefined) outcome.errorMessage = errorMessage;
      this.settle(this.searchWaiters, query, frame, outcome);
    } else {
      this.problem(frame, 'search result has no string query');
    }
    return { value: REPLY_PAYLOADS.ok };
  }

  private onLegacySearchResult(frame: FrameController, payload: unknown): void {
    if (!Array.isArray(payload)) {
      this.problem(frame, 'xBeesSearchResult payload is not an array of contacts');
      return;
    }
    const contacts = payload.map((contact: unknown) => ({
      ...contactAsJson(contact),
      integration: this.integrationId,
    }));
    this.searchResults.push({ at: this.now(), iframeId: frame.iframeId, query: null, contacts });
  }

  private storeMatch(
    frame: FrameController,
    source: RequestAction,
    query: ContactQuery,
    contact: unknown,
  ): JsonObject | null {
    const stored =
      contact === null || contact === undefined
        ? null
        : {
            ...contactAsJson(contact),
            integrationId: this.integrationId,
            updatedAt: new Date(this.now()).toISOString(),
          };
    if (contact !== null && contact !== undefined) {
      const problem = contactProblem(contact);
      if (problem) this.problem(frame, `matched contact for ${preview(query)} ${problem}`);
    }
    this.matches.set(queryKey(query), { query, contact: stored, source, iframeId: frame.iframeId });
    return stored;
  }

  private onLookupResult(
    frame: FrameController,
    action: RequestAction,
    message: Record<string, unknown>,
    payload: unknown,
  ): void {
    const raw = isRecord(payload) ? payload : {};
    const query = parseContactQuery(raw.query);
    const errorMessage = resultError(message, payload);
    if (!query) {
      this.problem(frame, `${action} result has no {phone?, email?} query: ${preview(raw.query)}`);
      return;
    }
    if (errorMessage !== undefined)
      this.problem(frame, `lookup for ${preview(query)} answered with error: ${errorMessage}`);
    const contact = this.storeMatch(frame, action, query, raw.contact);
    if (action !== 'lookupResult') return;
    const outcome: LookupOutcome = { query, contact };
    if (errorMessage !== undefined) outcome.errorMessage = errorMessage;
    this.settle(this.lookupWaiters, queryKey(query), frame, outcome);
  }

  private onBatchResult(frame: FrameController, message: Record<string, unknown>, payload: unknown): void {
    const errorMessage = resultError(message, payload);
    if (!Array.isArray(payload)) {
      this.problem(frame, `batch result is not an array of {query, contact|null}: ${preview(payload)}`);
      return;
    }
    const results: BatchItem[] = [];
    payload.forEach((item: unknown, index) => {
      const query = isRecord(item) ? parseContactQuery(item.query) : null;
      if (!isRecord(item) || !query) {
        this.problem(frame, `batch result item #${index} is not {query, contact|null}`);
        return;
      }
      results.push({ query, contact: this.storeMatch(frame, 'lookupBatchResult', query, item.contact) });
    });
    if (errorMessage !== undefined) this.problem(frame, `batch lookup answered with error: ${errorMessage}`);
    const keys = new Set(results.map((r) => queryKey(r.query)));
    const outcome: BatchOutcome = { results };
    if (errorMessage !== undefined) outcome.errorMessage = errorMessage;
    const matching = this.batchWaiters.filter(
      (w) => w.frame === frame && w.keys.size === keys.size && [...w.keys].every((k) => keys.has(k)),
    );
    this.batchWaiters = this.batchWaiters.filter((w) => !matching.includes(w));
    for (const waiter of matching) waiter.settle(outcome);
  }

  private settle<T>(waiters: Map<string, Waiter<T>[]>, key: string, frame: FrameController, outcome: T): void {
    const list = waiters.get(key);
    if (!list) return;
    const matching = list.filter((w) => w.frame === frame);
    const rest = list.filter((w) => w.frame !== frame);
    if (rest.length > 0) waiters.set(key, rest);
    else waiters.delete(key);
    for (const waiter of matching) waiter.settle(outcome);
  }

  /* ---------------- events */

  /** Sends an event through the ready gate: posted after `xBeesReady`, otherwise dropped (or queued). */
  private emit(frame: FrameController, type: string, payload: PayloadSource): Delivery {
    if (frame.removed) return 'dropped';
    if (frame.ready) return this.post(frame, type, payload);
    const at = this.now();
    const record: EventRecord = {
      seq: ++this.seq,
      at,
      iframeId: frame.iframeId,
      variant: frame.variant,
      type,
      delivery: 'dropped',
    };
    const value = payload?.(frame);
    if (payload) record.payload = toJsonSafe(value);
    if (this.options.queueEvents) {
      frame.queue.push({ type, payload });
      record.delivery = 'queued';
    }
    this.events.push(record);
    this.changed();
    return record.delivery;
  }

  /** Posts `{type, payload?}` to the iframe's window with target origin '*'. */
  private post(frame: FrameController, type: string, payload: PayloadSource): Delivery {
    const message: EventMessage = { type };
    if (payload) message.payload = payload(frame);
    const target = frame.element.contentWindow;
    const record: EventRecord = {
      seq: ++this.seq,
      at: this.now(),
      iframeId: frame.iframeId,
      variant: frame.variant,
      type,
      delivery: 'sent',
    };
    if (payload) record.payload = toJsonSafe(message.payload);
    if (!target) record.delivery = 'dropped';
    else target.postMessage(message, '*');
    this.events.push(record);
    this.changed();
    return record.delivery;
  }

  /**
   * Sends any event to the iframe of a variant (for e2e: prove the app ignores what it should).
   * `ignoreReady` posts even before `xBeesReady`. Omitting `payload` sends `{type}` only.
   */
  postEvent(variant: Variant, type: string, payload?: unknown, ignoreReady = false): Delivery {
    const frame = this.frameOf(variant);
    if (!frame) return 'dropped';
    const source: PayloadSource = payload === undefined ? undefined : () => payload;
    return ignoreReady ? this.post(frame, type, source) : this.emit(frame, type, source);
  }

  private emitWithToken(frame: FrameController, type: string, payload: unknown): Delivery {
    if (this.options.usePbxToken) {
      const token = dummyPbxToken(this.deps.userEmail, this.now());
      this.emit(frame, EVENT_TYPES.pbxToken.type, () => token);
    }
    return this.emit(frame, type, () => payload);
  }

  private wait<T>(
    register: (waiter: Waiter<T>) => void,
    unregister: (waiter: Waiter<T>) => void,
    frame: FrameController,
  ): Promise<T | null> {
    return new Promise<T | null>((resolve) => {
      const timer = setTimeout(() => {
        unregister(waiter);
        resolve(null);
      }, this.options.resultTimeoutMs);
      const waiter: Waiter<T> = {
        frame,
        settle: (value) => {
          clearTimeout(timer);
          resolve(value);
        },
      };
      register(waiter);
    });
  }

  private waitKeyed<T>(waiters: Map<string, Waiter<T>[]>, key: string, frame: FrameController): Promise<T | null> {
    return this.wait<T>(
      (w) => waiters.set(key, [...(waiters.get(key) ?? []), w]),
      (w) => {
        const rest = (waiters.get(key) ?? []).filter((x) => x !== w);
        if (rest.length > 0) waiters.set(key, rest);
        else waiters.delete(key);
      },
      frame,
    );
  }

  /** Live Search: `xBeesGetContactsAutoSuggest` to the daemon; resolves with its result for this query, or null on timeout. */
  search(text: string): Promise<SearchOutcome | null> {
    const daemon = this.frameOf('daemon');
    if (!daemon) return Promise.resolve(null);
    const result = this.waitKeyed(this.searchWaiters, text, daemon);
    this.emitWithToken(daemon, EVENT_TYPES.getContactsAutoSuggest.type, text);
    return result;
  }

  /** Lookup-and-match to the daemon; resolves with the stored match for this query, or null on timeout. */
  lookup(input: unknown): Promise<LookupOutcome | null> {
    const query = parseContactQuery(input);
    if (!query || (query.phone === undefined && query.email === undefined)) {
      return Promise.reject(new TypeError('lookup query must be {phone?: string, email?: string} with one of them'));
    }
    const daemon = this.frameOf('daemon');
    if (!daemon) return Promise.resolve(null);
    const result = this.waitKeyed(this.lookupWaiters, queryKey(query), daemon);
    this.emitWithToken(daemon, this.options.lookupEventType, query);
    return result;
  }

  /** Batch lookup to the daemon; resolves when a batch result covering exactly these queries arrives. */
  lookupBatch(input: unknown): Promise<BatchOutcome | null> {
    const queries = Array.isArray(input) ? input.map((q: unknown) => parseContactQuery(q)) : null;
    if (!queries || queries.length === 0 || queries.some((q) => q === null)) {
      return Promise.reject(new TypeError('lookupBatch expects a non-empty array of {phone?, email?} queries'));
    }
    const valid = queries.filter((q): q is ContactQuery => q !== null);
    const daemon = this.frameOf('daemon');
    if (!daemon) return Promise.resolve(null);
    const keys = new Set(valid.map(queryKey));
    const result = this.wait<BatchOutcome>(
      (w) => this.batchWaiters.push({ ...w, keys }),
      (w) => {
        this.batchWaiters = this.batchWaiters.filter((x) => x.settle !== w.settle);
      },
      daemon,
    );
    this.emitWithToken(daemon, this.options.lookupBatchEventType, valid);
    return result;
  }

  /** The stored match for a query, if any (same equality as correlation). */
  matchFor(query: ContactQuery): StoredMatch | undefined {
    const stored = this.matches.get(queryKey(query));
    return stored && sameQuery(stored.query, query) ? stored : undefined;
  }

  /** `xBeesAddCall` to the info-frame. */
  callStarted(input: Partial<CallInfo> = {}): { call: CallInfo; delivery: Delivery } {
    const call: CallInfo = {
      callId: input.callId ?? newCallId(this.randomId),
      phoneNumber: input.phoneNumber ?? this.context.contact.phone ?? '',
      direction: input.direction ?? 'inbound',
    };
    this.activeCall = { ...call, startedAt: this.now() };
    const delivery = this.sendCallEvent(EVENT_TYPES.addCall.type, call);
    return { call, delivery };
  }

  /** `xBeesTerminateCall` to the info-frame; defaults to the active call and its duration so far. */
  callEnded(input: Partial<CallInfo> = {}): { call: CallInfo; delivery: Delivery } {
    const active = this.activeCall;
    const call: CallInfo = {
      callId: input.callId ?? active?.callId ?? newCallId(this.randomId),
      phoneNumber: input.phoneNumber ?? active?.phoneNumber ?? this.context.contact.phone ?? '',
      direction: input.direction ?? active?.direction ?? 'inbound',
      durationSeconds:
        input.durationSeconds ?? (active ? Math.max(0, Math.round((this.now() - active.startedAt) / 1000)) : 0),
    };
    this.activeCall = null;
    const delivery = this.sendCallEvent(EVENT_TYPES.terminateCall.type, call);
    return { call, delivery };
  }

  private sendCallEvent(type: string, call: CallInfo): Delivery {
    const frame = this.frameOf('info-frame');
    if (!frame) {
      this.changed();
      return 'dropped';
    }
    return this.emit(frame, type, this.options.callPayloads ? () => ({ ...call }) : undefined);
  }

  /** The logout event to every iframe (through the ready gate). */
  logout(): Delivery[] {
    return this.frames.map((frame) => this.emit(frame, this.options.logoutEventType, undefined));
  }

  /* ---------------- records */

  private problem(frame: FrameController | null, text: string): void {
    this.problems.push({
      seq: ++this.seq,
      at: this.now(),
      iframeId: frame?.iframeId ?? null,
      variant: frame?.variant ?? null,
      text,
    });
  }

  /** Forgets everything recorded (requests, events, problems, calls, clipboard, toasts, auth history, results). */
  clearLog(): void {
    this.requests = [];
    this.events = [];
    this.problems = [];
    this.startCalls = [];
    this.clipboard = [];
    this.toasts = [];
    this.authHistory = [];
    this.searchResults = [];
    this.matches = new Map();
    this.ignoredMessages = 0;
    this.changed();
  }

  /** Calls `listener` after every change (a stable function, usable with useSyncExternalStore). */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private changed(): void {
    this.snapshot = null;
    for (const listener of [...this.listeners]) listener();
  }

  /** A JSON-serializable snapshot; the same object until something changes. */
  readonly getState = (): HostState => {
    this.snapshot ??= {
      context: this.getContext(),
      theme: this.theme,
      options: { ...this.options },
      frames: this.frames.map((f) => f.state()),
      requests: [...this.requests],
      events: [...this.events],
      problems: [...this.problems],
      startCalls: [...this.startCalls],
      clipboard: [...this.clipboard],
      toasts: [...this.toasts],
      authHistory: [...this.authHistory],
      integrationStatus: this.integrationStatus,
      searchResults: [...this.searchResults],
      matches: [...this.matches.values()],
      activeCall: this.activeCall ? { ...this.activeCall } : null,
      ignoredMessages: this.ignoredMessages,
      lastSeq: this.seq,
    };
    return this.snapshot;
  };
}
