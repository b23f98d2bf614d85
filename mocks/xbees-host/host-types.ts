/**
 * Types of the emulated host: what it needs from iframes and ports (structural, so tests can use jsdom
 * iframes and Node MessageChannels), its switches, and the JSON records it keeps.
 */
import type { JsonValue } from './json-safe';
import type { JsonObject, Toast } from './payloads';
import {
  EVENT_TYPES,
  type AuthStatus,
  type ContactQuery,
  type HostContext,
  type RequestAction,
  type ThemeMode,
  type Variant,
} from './protocol-types';

/* ------------------------------------------------------------------ ports & frames (structural) */

/** Anything with `postMessage(message, targetOrigin)`: an iframe's `contentWindow`. */
export interface PostTarget {
  postMessage(message: unknown, targetOrigin: string): void;
}

/** The part of an `<iframe>` element the host uses. */
export interface FrameElement {
  readonly contentWindow: PostTarget | null;
  setAttribute(name: string, value: string): void;
  getAttribute(name: string): string | null;
}

/** The transferred `MessagePort` a request is answered on. */
export interface ReplyPort {
  postMessage(message: unknown): void;
}

/** The parts of a window `message` event the host reads. */
export interface IncomingMessage {
  readonly data: unknown;
  readonly source: unknown;
  readonly ports: readonly ReplyPort[];
}

export interface FrameSpec {
  variant: Variant;
  iframeId: string;
  src: string;
}

/** Creates and removes the real iframes (the DOM adapter, or test doubles). */
export interface FrameFactory {
  create(spec: FrameSpec): FrameElement;
  remove(element: FrameElement): void;
}

/* ------------------------------------------------------------------ options & records */

/** Switches (URL params / `setOptions`). */
export interface HostOptions {
  /** Queue events raised before an iframe's `xBeesReady` and send them after it (the real host drops them). */
  queueEvents: boolean;
  /** Send `{callId, phoneNumber, direction(, durationSeconds)}` with `xBeesAddCall` / `xBeesTerminateCall`. */
  callPayloads: boolean;
  /** The integration's `usePbxToken`: send `xBeesPbxToken` right before each search / lookup event. */
  usePbxToken: boolean;
  /** Host → client type strings not confirmed by the spec (§7.1). */
  lookupEventType: string;
  lookupBatchEventType: string;
  logoutEventType: string;
  /** How long `search` / `lookup` / `lookupBatch` wait for the result request. */
  resultTimeoutMs: number;
}

export const DEFAULT_OPTIONS: HostOptions = {
  queueEvents: false,
  callPayloads: true,
  usePbxToken: false,
  lookupEventType: EVENT_TYPES.getLookUpAndMatch.type,
  lookupBatchEventType: EVENT_TYPES.getLookUpAndMatchBatch.type,
  logoutEventType: EVENT_TYPES.logout.type,
  resultTimeoutMs: 10_000,
};

export interface FrameState {
  iframeId: string;
  variant: Variant;
  src: string;
  ready: boolean;
  /** The version sent with `xBeesReady`, null before it (or when it was not a string). */
  version: string | null;
  /** The controller's own flag; a dialog's not-authorized sets it but is never reported (see `authHistory`). */
  authStatus: AuthStatus;
  /** The last `xBeesViewPort` applied, as numbers (null where the value was not numeric). */
  viewport: { height: number | null; width: number | null } | null;
  /** The iframe's current `height` / `width` attributes. */
  size: { height: string | null; width: string | null };
  createContactSupported: boolean;
  queuedEvents: number;
}

export interface ReplyRecord {
  type: JsonValue;
  errorMessage: string;
  payload?: JsonValue;
}

export interface RequestRecord {
  seq: number;
  at: number;
  /** The `iframeId` field of the message, as sent (null when absent). */
  iframeId: JsonValue;
  /** The id this host gave the iframe the message came from. */
  frameId: string;
  variant: Variant;
  type: JsonValue;
  payload?: JsonValue;
  /** What was posted on the port; null when nothing was (no port, or the real host would have thrown). */
  reply: ReplyRecord | null;
}

export type Delivery = 'sent' | 'queued' | 'dropped';

export interface EventRecord {
  seq: number;
  at: number;
  iframeId: string;
  variant: Variant;
  type: string;
  payload?: JsonValue;
  /** `sent` = posted to the iframe; `queued` / `dropped` = raised before `xBeesReady`. */
  delivery: Delivery;
}

export interface ProblemRecord {
  seq: number;
  at: number;
  iframeId: string | null;
  variant: Variant | null;
  text: string;
}

export interface AuthChange {
  at: number;
  iframeId: string;
  variant: Variant;
  status: 'active' | 'not_active';
}

export interface CallInfo {
  callId: string;
  phoneNumber: string;
  direction: 'inbound' | 'outbound';
  durationSeconds?: number;
}

export interface SearchOutcome {
  query: string;
  contacts: JsonValue[];
  errorMessage?: string;
}

export interface LookupOutcome {
  query: ContactQuery;
  /** As the host stores a match: the contact spread, plus `integrationId` and `updatedAt`; null = no contact. */
  contact: JsonObject | null;
  errorMessage?: string;
}

export interface BatchItem {
  query: ContactQuery;
  contact: JsonObject | null;
}

export interface BatchOutcome {
  results: BatchItem[];
  errorMessage?: string;
}

export interface StoredMatch {
  query: ContactQuery;
  contact: JsonObject | null;
  source: RequestAction;
  iframeId: string;
}

export interface HostState {
  context: HostContext;
  theme: ThemeMode;
  options: HostOptions;
  frames: FrameState[];
  requests: RequestRecord[];
  events: EventRecord[];
  problems: ProblemRecord[];
  startCalls: string[];
  clipboard: string[];
  toasts: Toast[];
  /** Status changes reported to x-bees (a dialog's not-authorized is never reported). */
  authHistory: AuthChange[];
  integrationStatus: AuthStatus;
  /** Every `xBeesContactsAutoSuggest` / legacy search result received, stored as the host stores them. */
  searchResults: { at: number; iframeId: string; query: JsonValue; contacts: JsonValue[]; errorMessage?: string }[];
  /** Lookup / batch / contactUpdated results, latest per query. */
  matches: StoredMatch[];
  activeCall: (CallInfo & { startedAt: number }) | null;
  /** Messages from windows that are none of our iframes (ignored). */
  ignoredMessages: number;
  /** The sequence number of the latest record: wait for things "after" it. */
  lastSeq: number;
}

export interface HostDeps {
  frames: FrameFactory;
  /** App base URL; iframe src = app + `?variant=…&iframeId=…&user=…`. */
  appUrl: string;
  userEmail: string;
  integrationId?: string;
  context?: HostContext;
  theme?: ThemeMode;
  options?: Partial<HostOptions>;
  now?: () => number;
  randomId?: () => string;
}
