/**
 * The frame storage: the iframe's (partitioned) localStorage, shared by the info frame and the daemon (README
 * "Sign-in"). This module holds the registry of every key family the app and oidc-client-ts write there,
 * and the only functions that read, write and remove them. None of them throws: a denied or full storage
 * costs what the caller says (a request again, a draft kept in memory only). The key strings never change:
 * sessions, drafts and caches stored by an earlier version must survive an upgrade. (The outbox's IndexedDB
 * database `sfx-outbox` and the Web Lock names `sfx.outbox` and `sfx.token-renewal:<client id>` are no
 * storage keys: they live with the outbox and the session manager.)
 */

/**
 * What a family holds. `session`: tokens and who is signed in. `cache`: a copy of Salesforce data, dropped
 * at no cost but a request. `draft`: what the agent typed, kept until the write lands. `state`: the panel's
 * own state across reloads. `signal`: tells other documents something; only a new value matters.
 */
export type KeyKind = 'session' | 'cache' | 'draft' | 'state' | 'signal';

export interface KeyFamily {
  /** Every key of the family starts with this; a family of one key is this key. */
  readonly prefix: string;
  readonly kind: KeyKind;
}

/**
 * Every key family: its prefix and kind at run time; who writes it (a symbol to grep for), what follows the
 * prefix and what a key holds, in the comment above it.
 */
export const STORAGE_KEYS = {
  /**
   * oidc-client-ts (popup sign-in), SessionManager (refresh, sign-out) — <My Domain>:<client id>: the tokens, in
   * the format oidc-client-ts stores its User.
   */
  oidcUser: { prefix: 'oidc.user:', kind: 'session' },
  /** oidc-client-ts (popup sign-in) — <state>: the PKCE verifier of a sign-in in progress. */
  oidcState: { prefix: 'oidc.state.', kind: 'session' },
  /** SessionManager — <client id>: who is signed in, on which org and instance. */
  session: { prefix: 'sfx.session:', kind: 'session' },
  /** SessionManager — <client id>: who was signed in last, to offer signing in again. */
  previous: { prefix: 'sfx.previous:', kind: 'session' },
  /** SessionManager — <client id>: why an instance ended the session, for the others. */
  ended: { prefix: 'sfx.ended:', kind: 'session' },
  /** SessionManager — <client id>: an info frame asks the daemon to renew the token. */
  renewRequest: { prefix: 'sfx.renew-request:', kind: 'signal' },
  /** frameStorage — written and removed at start, to learn whether the frame may use storage. */
  probe: { prefix: 'sfx.probe', kind: 'signal' },
  /** joinChangeSignal — <outbox database>: a new value each time the outbox changed. */
  outboxChanged: { prefix: 'sfx-outbox:changed:', kind: 'signal' },
  /** DescribeCache — <org id>:<user id>:<object>: the object describe, up to a day old. */
  describe: { prefix: 'sfx.describe:', kind: 'cache' },
  /** RecentRecords — the people this app created in the last 30 minutes. */
  recentRecords: { prefix: 'sfx.recent-records', kind: 'cache' },
  /** lookupQuery — <query key>: the screen pop answer, 5 minutes. */
  lookup: { prefix: 'sfx.lookup:', kind: 'cache' },
  /** historyQuery — <query key>: the person’s history, 5 minutes. */
  history: { prefix: 'sfx.history:', kind: 'cache' },
  /** conversationWorkQuery — <query key as JSON>: the Opportunity and Case tabs’ data, 5 minutes. */
  work: { prefix: 'sfx.work:', kind: 'cache' },
  /** useDraft — <form>:<form key>: what the agent typed in a form, until its write lands. */
  draft: { prefix: 'sfx.draft:', kind: 'draft' },
  /** useOutboxWrite — <form key>: the outbox item the form enqueued last. */
  formItem: { prefix: 'sfx.form-item:', kind: 'state' },
  /** TasksPanel — <person id>: the task form that is open, reopened after a reload. */
  openTaskForm: { prefix: 'sfx.open-task-form:', kind: 'state' },
  /** useConversationCall — <conversation>: the last call x-bees told of the conversation (its log's key). */
  conversationCall: { prefix: 'sfx.conversation-call:', kind: 'state' },
  /** writeChoice — <conversation>: the person the agent picked among several matches. */
  choice: { prefix: 'sfx.choice:', kind: 'state' },
  /** SignInPanel — the My Domain the user signed in on last. */
  lastDomain: { prefix: 'sfx.lastDomain', kind: 'state' },
} as const satisfies Record<string, KeyFamily>;

export type KeyFamilyName = keyof typeof STORAGE_KEYS;

/** A key of the family: its prefix, then `rest` (empty for a family of one key). */
export function storageKey(family: KeyFamilyName, rest = ''): string {
  return STORAGE_KEYS[family].prefix + rest;
}

/** The family a key belongs to, or null for a key that is not ours (nor oidc-client-ts's). */
export function familyOf(key: string): KeyFamilyName | null {
  let found: KeyFamilyName | null = null;
  for (const [name, family] of Object.entries(STORAGE_KEYS) as [KeyFamilyName, KeyFamily][]) {
    if (key.startsWith(family.prefix) && (found === null || family.prefix.length > STORAGE_KEYS[found].prefix.length))
      found = name;
  }
  return found;
}

export function readText(storage: Storage, key: string): string | null {
  try {
    return storage.getItem(key);
  } catch {
    return null;
  }
}

/** The parsed JSON stored under `key`: unknown until a guard says what it is; null when absent or not JSON. */
export function readJson(storage: Storage, key: string): unknown {
  const text = readText(storage, key);
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** false when the storage refused the write (denied or full). */
export function writeText(storage: Storage, key: string, value: string): boolean {
  try {
    storage.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}

export function writeJson(storage: Storage, key: string, value: unknown): boolean {
  return writeText(storage, key, JSON.stringify(value));
}

export function removeKey(storage: Storage, key: string): void {
  try {
    storage.removeItem(key);
  } catch {
    // Nothing stored, or nothing the frame may touch.
  }
}

/** The localStorage of a window (default: this realm's), or null when the browser denies it to this frame. */
export function localStorageOf(scope: Partial<Pick<Window, 'localStorage'>> = globalThis): Storage | null {
  try {
    return scope.localStorage ?? null;
  } catch {
    return null;
  }
}

/** The frame storage: localStorage, or an in-memory stand-in when the browser denies storage to this frame. */
export function frameStorage(win: Partial<Pick<Window, 'localStorage'>> = window): {
  storage: Storage;
  persistent: boolean;
} {
  const storage = localStorageOf(win);
  const probe = storageKey('probe');
  if (storage && writeText(storage, probe, '1')) {
    removeKey(storage, probe);
    return { storage, persistent: true };
  }
  const data = new Map<string, string>();
  const memory: Storage = {
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (key) => data.get(key) ?? null,
    key: (index) => [...data.keys()][index] ?? null,
    removeItem: (key) => void data.delete(key),
    setItem: (key, value) => void data.set(key, value),
  };
  return { storage: memory, persistent: false };
}
