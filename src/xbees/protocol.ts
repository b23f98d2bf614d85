/**
 * The x-bees ⇄ iframe wire protocol (README "x-bees protocol"): every message type string, in one table,
 * and the shapes the rest of the app sees. Strings marked `guessed` are the best inference of §7.1; their
 * `aliases` are the other plausible spellings. Incoming events accept the primary string and every alias;
 * outgoing requests always send the primary string (the aliases are listed so the fake host and this table
 * change in one place).
 */

/** Library version announced in `xBeesReady`. Hosts send `{mode, themeOptions}` themes to clients ≥ 1.0.10 (§4). */
export const CLIENT_VERSION = '1.3.5';

/** Reply timeout of a request (§2.1 step 6). */
export const REQUEST_TIMEOUT_MS = 10_000;

/** Host throttle window for `xBeesAuthorized` / `xBeesNotAuthorized` / `xBeesStartCall` (§2.1 step 7). */
export const THROTTLE_WINDOW_MS = 1000;

/** The spec's sentence for a request made outside an iframe (§2.1 step 1). */
export const NOT_IN_IFRAME_MESSAGE = 'xBeesConnect should be wrapped within iframe to perform the connection';

/** Host error text of a throttled request (§2.1 step 7). */
export const THROTTLED_MESSAGE = 'message skipped, same message type called too fast';

/**
 * How sure we are of a string: `confirmed` in the old library's code (§7.2), `guessed` from the 1.x enum name
 * (§7.1), `legacy` for deprecated strings the old library sent.
 */
export type TypeConfidence = 'confirmed' | 'guessed' | 'legacy';

export interface MessageTypeEntry {
  /** Sent on the wire (requests), or the primary accepted string (events). */
  readonly type: string;
  /** Other spellings: accepted for incoming events; for requests documented only, never sent. */
  readonly aliases: readonly string[];
  readonly confidence: TypeConfidence;
  /** The host rejects a second one of this type within {@link THROTTLE_WINDOW_MS}. */
  readonly throttled?: true;
}

/** Client → host requests (§3). */
export const REQUEST = {
  ready: { type: 'xBeesReady', aliases: [], confidence: 'confirmed' },
  authorized: { type: 'xBeesAuthorized', aliases: [], confidence: 'confirmed', throttled: true },
  notAuthorized: { type: 'xBeesNotAuthorized', aliases: [], confidence: 'confirmed', throttled: true },
  context: { type: 'xBeesContext', aliases: [], confidence: 'confirmed' },
  currentContact: { type: 'xBeesCurrentContact', aliases: [], confidence: 'confirmed' },
  themeMode: { type: 'xBeesThemeMode', aliases: [], confidence: 'confirmed' },
  theme: { type: 'xBeesTheme', aliases: [], confidence: 'confirmed' },
  startCall: { type: 'xBeesStartCall', aliases: [], confidence: 'confirmed', throttled: true },
  viewport: { type: 'xBeesViewPort', aliases: [], confidence: 'confirmed' },
  reboot: { type: 'xBeesReboot', aliases: [], confidence: 'confirmed' },
  toClipboard: { type: 'xBeesToClipboard', aliases: [], confidence: 'confirmed' },
  /** Answer to `xBeesGetContactsAutoSuggest`. The alias is the v1.0.13-beta spelling, renamed since. */
  contactsAutoSuggest: {
    type: 'xBeesContactsAutoSuggest',
    aliases: ['xBeesContactsAutosuggest'],
    confidence: 'confirmed',
  },
  /** Answer to a lookup-and-match event (enum CONTACT_LOOKUP_AND_MATCH). */
  contactLookupAndMatch: {
    type: 'xBeesContactLookupAndMatch',
    aliases: ['xBeesContactLookUpAndMatch', 'xBeesLookupAndMatchContact'],
    confidence: 'guessed',
  },
  /** Answer to a batch lookup event. */
  contactLookupAndMatchBatch: {
    type: 'xBeesContactLookupAndMatchBatch',
    aliases: ['xBeesContactLookUpAndMatchBatch', 'xBeesContactsLookupAndMatchBatch'],
    confidence: 'guessed',
  },
  contactUpdated: { type: 'xBeesContactUpdated', aliases: ['xBeesContactUpdate'], confidence: 'guessed' },
  createContactIsSupported: {
    type: 'xBeesCreateContactIsSupported',
    aliases: ['xBeesCreateContactSupported'],
    confidence: 'guessed',
  },
  showToast: { type: 'xBeesShowToast', aliases: ['xBeesToast'], confidence: 'guessed' },
  /** Answer to the deprecated `xBeesGetSearchResult`: a bare contact list, no query. */
  searchResult: { type: 'xBeesSearchResult', aliases: [], confidence: 'legacy' },
} as const satisfies Record<string, MessageTypeEntry>;

/** Host → client events (§4). */
export const EVENT = {
  useTheme: { type: 'xBeesUseTheme', aliases: [], confidence: 'confirmed' },
  pbxToken: { type: 'xBeesPbxToken', aliases: [], confidence: 'confirmed' },
  callStarted: { type: 'xBeesAddCall', aliases: [], confidence: 'confirmed' },
  callEnded: { type: 'xBeesTerminateCall', aliases: [], confidence: 'confirmed' },
  suggestContacts: { type: 'xBeesGetContactsAutoSuggest', aliases: [], confidence: 'confirmed' },
  /** Enum GET_LOOK_UP_AND_MATCH. */
  lookupAndMatch: {
    type: 'xBeesGetLookUpAndMatch',
    aliases: ['xBeesGetLookupAndMatch', 'xBeesGetContactLookupAndMatch'],
    confidence: 'guessed',
  },
  lookupAndMatchBatch: {
    type: 'xBeesGetLookUpAndMatchBatch',
    aliases: ['xBeesGetLookupAndMatchBatch', 'xBeesGetContactsLookupAndMatchBatch'],
    confidence: 'guessed',
  },
  logout: { type: 'xBeesLogout', aliases: ['xBeesLogOut', 'xBeesUserLogout'], confidence: 'guessed' },
  /** Deprecated search (pre multi-iframe); answered with `xBeesSearchResult`. */
  searchContacts: { type: 'xBeesGetSearchResult', aliases: [], confidence: 'legacy' },
} as const satisfies Record<string, MessageTypeEntry>;

export type RequestKey = keyof typeof REQUEST;
export type EventKey = keyof typeof EVENT;

/** Every string an entry stands for: the primary one first. */
export function wireTypes(entry: MessageTypeEntry): readonly string[] {
  return [entry.type, ...entry.aliases];
}

const eventKeyByType = new Map<string, EventKey>(
  (Object.keys(EVENT) as EventKey[]).flatMap((key) => wireTypes(EVENT[key]).map((type) => [type, key] as const)),
);

/** The event an incoming `type` string (primary or alias) stands for, if any. */
export function eventKeyOf(type: string): EventKey | undefined {
  return eventKeyByType.get(type);
}

const requestKeyByType = new Map<string, RequestKey>(
  (Object.keys(REQUEST) as RequestKey[]).flatMap((key) => wireTypes(REQUEST[key]).map((type) => [type, key] as const)),
);

/** The request a `type` string (primary or alias) stands for, if any: for hosts that accept aliases. */
export function requestKeyOf(type: string): RequestKey | undefined {
  return requestKeyByType.get(type);
}

// ---------------------------------------------------------------------------------------------------------
// Shapes (§5)

export const VARIANTS = ['info-frame', 'daemon', 'dialog'] as const;
/** Work mode from the `variant` URL parameter (§1.1). */
export type Variant = (typeof VARIANTS)[number];

export type ThemeMode = 'light' | 'dark';

/** §5.5. `themeOptions` is a partial MUI ThemeOptions from the host: opaque here. */
export interface Theme {
  readonly mode: ThemeMode;
  readonly themeOptions?: Readonly<Record<string, unknown>>;
}

/** §5.2: what the host asks about. Usually one of the two is set. */
export interface ContactQuery {
  readonly email?: string;
  readonly phone?: string;
}

/** Fields of a contact that are sent to the host (§5.1). Nothing else leaves the app. */
export const CONTACT_FIELDS = [
  'id',
  'name',
  'email',
  'phone',
  'mobileNumber',
  'officeNumber',
  'faxNumber',
  'homeNumber',
  'homeMobileNumber',
  'extension',
  'organization',
] as const;

/** §5.1. Valid when `id` and `name` are non-empty and `phone` or `email` is present. */
export interface Contact {
  readonly id: string;
  readonly name: string;
  readonly email?: string;
  readonly phone?: string;
  readonly mobileNumber?: string;
  readonly officeNumber?: string;
  readonly faxNumber?: string;
  readonly homeNumber?: string;
  readonly homeMobileNumber?: string;
  readonly extension?: string;
  readonly organization?: string;
}

/** One answer of a batch lookup; `contact` is null when nothing matched. */
export interface LookupResult {
  readonly query: ContactQuery;
  readonly contact: Contact | null;
}

/** The person the info-frame is about (§5.3). Every field may be missing. */
export interface ContextContact {
  readonly phone?: string;
  readonly email?: string;
  readonly name?: string;
}

/** Parsed `getContext()` reply. `extra` holds the other top-level fields, opaque and untrusted. */
export interface XBeesContext {
  readonly contact: ContextContact;
  readonly conversationId?: string;
  readonly extra: Readonly<Record<string, unknown>>;
}

export type CallDirection = 'inbound' | 'outbound';

/** What a call-started/ended event told us; hosts of 2023 send no payload, so all fields are optional. */
export interface CallInfo {
  readonly callId?: string;
  readonly phoneNumber?: string;
  readonly direction?: CallDirection;
  readonly durationSeconds?: number;
}

export const TOAST_SEVERITIES = ['INFO', 'NOTICE', 'WARNING', 'ERROR', 'SUCCESS'] as const;
export type ToastSeverity = (typeof TOAST_SEVERITIES)[number];

export interface Viewport {
  readonly height: number;
  readonly width: number;
}
