/**
 * The emulated host's own table of x-bees wire strings (README "x-bees protocol").
 *
 * Deliberately independent of the app's constants in src/xbees: if the app spells a type wrongly,
 * this host answers "command <type> not supported" instead of mirroring the mistake.
 *
 * status: `confirmed` = seen in Wildix code (old lib / host snapshot); `guessed` = 1.x string not seen,
 * best inference from §7.1; `legacy` = only in the pre-1.x library.
 */

export type Variant = 'info-frame' | 'daemon' | 'dialog';
export type ThemeMode = 'light' | 'dark';
/** The host's tri-state `active` flag: undefined / true / false. */
export type AuthStatus = 'unknown' | 'active' | 'not_active';
export type TypeStatus = 'confirmed' | 'guessed' | 'legacy';

/** What the host does with a client → host request. */
export type RequestAction =
  | 'ready'
  | 'authorized'
  | 'notAuthorized'
  | 'context'
  | 'currentContact'
  | 'themeMode'
  | 'theme'
  | 'startCall'
  | 'viewport'
  | 'reboot'
  | 'toClipboard'
  | 'contactsAutoSuggest'
  | 'lookupResult'
  | 'lookupBatchResult'
  | 'contactUpdated'
  | 'createContactIsSupported'
  | 'showToast'
  | 'legacySearchResult';

export interface RequestTypeEntry {
  readonly type: string;
  readonly action: RequestAction;
  readonly status: TypeStatus;
  /** Throttled per type string: a second one within THROTTLE_MS is rejected (§2.1 item 7). */
  readonly throttled: boolean;
}

/** Client → host requests (§3), aliases included (§7.1). One row per accepted string. */
export const REQUEST_TYPE_TABLE: readonly RequestTypeEntry[] = [
  { type: 'xBeesReady', action: 'ready', status: 'confirmed', throttled: false },
  { type: 'xBeesAuthorized', action: 'authorized', status: 'confirmed', throttled: true },
  { type: 'xBeesNotAuthorized', action: 'notAuthorized', status: 'confirmed', throttled: true },
  { type: 'xBeesContext', action: 'context', status: 'confirmed', throttled: false },
  { type: 'xBeesCurrentContact', action: 'currentContact', status: 'confirmed', throttled: false },
  { type: 'xBeesThemeMode', action: 'themeMode', status: 'confirmed', throttled: false },
  { type: 'xBeesTheme', action: 'theme', status: 'confirmed', throttled: false },
  { type: 'xBeesStartCall', action: 'startCall', status: 'confirmed', throttled: true },
  { type: 'xBeesViewPort', action: 'viewport', status: 'confirmed', throttled: false },
  { type: 'xBeesReboot', action: 'reboot', status: 'confirmed', throttled: false },
  { type: 'xBeesToClipboard', action: 'toClipboard', status: 'confirmed', throttled: false },
  { type: 'xBeesContactsAutoSuggest', action: 'contactsAutoSuggest', status: 'confirmed', throttled: false },
  { type: 'xBeesContactsAutosuggest', action: 'contactsAutoSuggest', status: 'legacy', throttled: false },
  { type: 'xBeesContactLookupAndMatch', action: 'lookupResult', status: 'guessed', throttled: false },
  { type: 'xBeesContactLookupAndMatchBatch', action: 'lookupBatchResult', status: 'guessed', throttled: false },
  { type: 'xBeesContactUpdated', action: 'contactUpdated', status: 'guessed', throttled: false },
  { type: 'xBeesCreateContactIsSupported', action: 'createContactIsSupported', status: 'guessed', throttled: false },
  { type: 'xBeesShowToast', action: 'showToast', status: 'guessed', throttled: false },
  { type: 'xBeesSearchResult', action: 'legacySearchResult', status: 'legacy', throttled: false },
];

const requestByType = new Map(REQUEST_TYPE_TABLE.map((entry) => [entry.type, entry]));

/** The table row for a type string, or undefined for a type this host does not support. */
export function findRequestType(type: string): RequestTypeEntry | undefined {
  return requestByType.get(type);
}

export interface EventTypeEntry {
  readonly type: string;
  readonly status: TypeStatus;
}

/** Host → client events (§4). Lookup, batch and logout strings are guesses and can be overridden (HostOptions). */
export const EVENT_TYPES = {
  useTheme: { type: 'xBeesUseTheme', status: 'confirmed' },
  pbxToken: { type: 'xBeesPbxToken', status: 'confirmed' },
  addCall: { type: 'xBeesAddCall', status: 'confirmed' },
  terminateCall: { type: 'xBeesTerminateCall', status: 'confirmed' },
  getContactsAutoSuggest: { type: 'xBeesGetContactsAutoSuggest', status: 'confirmed' },
  getLookUpAndMatch: { type: 'xBeesGetLookUpAndMatch', status: 'guessed' },
  getLookUpAndMatchBatch: { type: 'xBeesGetLookUpAndMatchBatch', status: 'guessed' },
  logout: { type: 'xBeesLogout', status: 'guessed' },
  getSearchResult: { type: 'xBeesGetSearchResult', status: 'legacy' },
} as const satisfies Record<string, EventTypeEntry>;

/** Error texts of host replies, verbatim (§2.1 item 7). */
export const ERROR_MESSAGES = {
  missingType: 'message skipped, message type should be provided',
  unsupported: (type: string): string => `command ${type} not supported`,
  tooFast: 'message skipped, same message type called too fast',
  noPhoneNumber: "payload doesn't exist or doesn't have a phone number",
} as const;

/** Reply payloads (§3). */
export const REPLY_PAYLOADS = {
  callStartAccepted: 'call start accepted',
  ok: 'ok',
  skip: 'skip',
  error: 'error',
} as const;

export const THROTTLE_MS = 1000;
/** Clients whose `ready` version is older than this get `xBeesUseTheme` as a bare string (§4). */
export const THEME_OBJECT_MIN_VERSION = '1.0.10';
/** The host's version before `xBeesReady` arrives. */
export const DEFAULT_CLIENT_VERSION = 'v0.0.1';
export const TOAST_SEVERITIES = ['INFO', 'NOTICE', 'WARNING', 'ERROR', 'SUCCESS'] as const;

export interface ContactQuery {
  phone?: string;
  email?: string;
}

export interface ContextContact {
  phone?: string;
  email?: string;
  name?: string;
}

/** The `getContext()` / `getCurrentContact()` reply payload. */
export interface HostContext {
  contact: ContextContact;
  conversationId?: string;
}

/** What the host posts on the transferred port, once per request (§2.1 item 4). */
export interface ReplyEnvelope {
  type: unknown;
  errorMessage: string;
  payload: unknown;
}

/** What the host posts to an iframe's window (§2.3); `payload` is absent when there is none. */
export interface EventMessage {
  type: string;
  payload?: unknown;
}
