/**
 * The durable outbox: every Salesforce write of the app (tasks, call and chat logs, leads, record edits)
 * is stored in IndexedDB before it is sent, and stays there until Salesforce took it, refused it (the
 * agent is told, with the fields), or the agent discarded it. What the agent typed survives a reload, a
 * crash, a sign-out and an expired session.
 *
 * - One instance at a time sends (a Web Lock; an in-memory flag without Web Locks), oldest first, one item
 *   at a time, first in first out within a group, and only items of the signed-in user.
 * - Every state change is written to IndexedDB before the outbox acts on it: an item is marked `sending`
 *   (with `sentAt`) before its request goes out, so one found `sending` later may have committed.
 * - An attempt that may have committed (no answer, a 5xx, or a crash mid-request) makes the item
 *   ambiguous: before a create is sent again, Salesforce is asked for the record it may have made
 *   (the item's dedupe rule); if it is there, the item is done and nothing is sent. Updates, upserts and
 *   composites are idempotent and simply sent again.
 * - Other instances' views follow through `change-signal.ts`.
 * - Retries back off (1 s, 2 s, 4 s … 60 s, with jitter). A session that ended pauses the outbox, without
 *   counting a failure, until the user signs in again.
 *
 * No React here; the hooks over it (`useOutboxItems`, `useOutboxWrite`) are in src/kit/outbox-react.ts.
 */
import type { StoreApi } from 'zustand/vanilla';
import { isRecord } from '@/lib/guards';
import { scopeOf, type AuthState, type SessionManager } from '../auth/session-manager';
import type { RequestOptions, SalesforceClient } from '../client';
import { LOCAL_ERROR_CODES, SalesforceError } from '../errors';
import { and, id as idLiteral, ident, soql, type Soql } from '../soql';
import {
  BACKOFF_CAP_MS,
  backoffMs,
  classifyError,
  compositeOutcome,
  type FailureOutcome,
  type Outcome,
  type SubResponse,
} from './retry-policy';
import { defaultSignalStorage, joinChangeSignal, type ChangeSignal } from './change-signal';
import { readOperation } from './item-codec';
import {
  changeItem,
  insertItem,
  openOutboxDb,
  pruneItems,
  readAllItems,
  wakeItems,
  type OutboxDatabase,
} from './outbox-db';
import type { OutboxFilter, OutboxItem, OutboxMeta, OutboxOperation, OutboxState } from './types';

export const DEFAULT_OUTBOX_DB = 'sfx-outbox';
export const OUTBOX_LOCK = 'sfx.outbox';
/** How far before the first ambiguous attempt a found record may have been created (clock skew). */
export const DEFAULT_CREATED_WITHIN_MS = 10 * 60_000;
/** How long done and discarded items stay for the agent to see. */
export const DEFAULT_KEEP_FINISHED_MS = 24 * 60 * 60_000;
/** At most this many of the outbox's own recent records are excluded from a dedupe match. */
const MAX_EXCLUDED_IDS = 200;

export type OutboxErrorCode =
  'INVALID_OPERATION' | 'NOT_SIGNED_IN' | 'NOT_FOUND' | 'INVALID_STATE' | 'STORAGE' | 'CLOSED';

/** A call on the outbox itself failed (the item is untouched, or was never stored). */
export class OutboxError extends Error {
  override readonly name = 'OutboxError';
  constructor(
    readonly code: OutboxErrorCode,
    message: string,
    options?: { cause: unknown },
  ) {
    super(message, options);
  }
}

/** The part of the Web Locks API the outbox uses (navigator.locks, or a stand-in in tests). */
export interface OutboxLocks {
  request<T>(name: string, options: LockOptions, callback: (lock: Lock | null) => Promise<T>): Promise<T>;
}

export interface OutboxOptions {
  client: SalesforceClient;
  session: Pick<SessionManager, 'store' | 'reload'>;
  dbName?: string;
  now?: () => number;
  /** Default: navigator.locks when the browser has it. null: this instance is the only one. */
  locks?: OutboxLocks | null;
  /** In [0, 1), for the backoff jitter. */
  random?: () => number;
  keepFinishedMs?: number;
  /** Failures of background flushes (started by `start()`), which have no caller to reject. */
  onError?: (error: unknown) => void;
  /** Where other documents' change signals are written (default: localStorage; null: this document only). */
  signalStorage?: Storage | null;
  /** Where `online` and `storage` events come from (default: window). */
  eventTarget?: Pick<Window, 'addEventListener' | 'removeEventListener'> | null;
}

type Listener = (items: OutboxItem[]) => void;

interface FlushWaiter {
  ticket: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

const TERMINAL: readonly OutboxState[] = ['done', 'failed', 'discarded'];

function signedInScopeOf(state: AuthState): string | null {
  return state.status === 'signed-in' ? scopeOf(state.session) : null;
}

/** The user id of a scope (`${orgId}:${userId}`). */
function userIdOf(scope: string): string {
  return scope.slice(scope.lastIndexOf(':') + 1);
}

function defaultLocks(): OutboxLocks | null {
  return typeof navigator !== 'undefined' && 'locks' in navigator ? navigator.locks : null;
}

function defaultEventTarget(): Pick<Window, 'addEventListener' | 'removeEventListener'> | null {
  return typeof window !== 'undefined' ? window : null;
}

function parseCreated(json: unknown): string {
  if (!isRecord(json) || typeof json.id !== 'string') throw new Error('the answer has no record id');
  return json.id;
}

function parseQueryIds(json: unknown): string[] {
  if (!isRecord(json) || !Array.isArray(json.records)) throw new Error('the answer has no records');
  return json.records.flatMap((record: unknown) =>
    isRecord(record) && typeof record.Id === 'string' ? [record.Id] : [],
  );
}

type UpsertAnswer = { kind: 'saved'; id?: string } | { kind: 'multiple'; urls: string[] };

function parseUpsert(json: unknown): UpsertAnswer {
  // v45 and earlier answer 204 without a body.
  if (json === undefined) return { kind: 'saved' };
  // 300: several records have this external id (a list of their URLs).
  if (Array.isArray(json))
    return { kind: 'multiple', urls: json.filter((url): url is string => typeof url === 'string') };
  return { kind: 'saved', id: parseCreated(json) };
}

function parseComposite(json: unknown): SubResponse[] {
  if (!isRecord(json) || !Array.isArray(json.compositeResponse)) throw new Error('the answer has no compositeResponse');
  return json.compositeResponse.map((entry: unknown) => {
    if (!isRecord(entry) || typeof entry.httpStatusCode !== 'number')
      throw new Error('a subresponse has no httpStatusCode');
    return {
      httpStatusCode: entry.httpStatusCode,
      referenceId: typeof entry.referenceId === 'string' ? entry.referenceId : '',
      body: entry.body,
    };
  });
}

function withoutError(item: OutboxItem): OutboxItem {
  const copy = { ...item };
  delete copy.lastError;
  return copy;
}

/** A done item keeps no error and no ambiguity. */
function settledCopy(item: OutboxItem): OutboxItem {
  const copy = withoutError(item);
  delete copy.ambiguous;
  delete copy.ambiguousSince;
  return copy;
}

export class Outbox {
  private readonly client: SalesforceClient;
  private readonly session: { store: StoreApi<AuthState>; reload(): void };
  private readonly dbName: string;
  private readonly now: () => number;
  private readonly locks: OutboxLocks | null;
  private readonly random: () => number;
  private readonly keepFinishedMs: number;
  private readonly onError: (error: unknown) => void;
  private readonly eventTarget: Pick<Window, 'addEventListener' | 'removeEventListener'> | null;
  private readonly signal: ChangeSignal;
  private readonly detachSession: () => void;

  private db: Promise<OutboxDatabase> | null = null;
  private snapshot: OutboxItem[] = [];
  private unreadable = 0;
  private loaded = false;
  private reloading: Promise<void> | null = null;
  private reloadWanted = false;
  private readonly listeners = new Set<Listener>();
  /** The user signed in last, for items enqueued while the session is being renewed or just ended. */
  private lastScope: string | null;

  private requested = 0;
  private running: Promise<void> | null = null;
  private waiters: FlushWaiter[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopStarted: (() => void) | null = null;
  private closed = false;

  constructor(options: OutboxOptions) {
    this.client = options.client;
    this.session = options.session;
    this.dbName = options.dbName ?? DEFAULT_OUTBOX_DB;
    this.now = options.now ?? Date.now;
    this.locks = options.locks === undefined ? defaultLocks() : options.locks;
    this.random = options.random ?? Math.random;
    this.keepFinishedMs = options.keepFinishedMs ?? DEFAULT_KEEP_FINISHED_MS;
    this.onError = options.onError ?? ((error) => console.error('Outbox:', error));
    this.eventTarget = options.eventTarget === undefined ? defaultEventTarget() : options.eventTarget;
    this.lastScope = signedInScopeOf(this.session.store.getState());
    this.detachSession = this.session.store.subscribe((state) => {
      const scope = signedInScopeOf(state);
      if (scope) this.lastScope = scope;
    });
    this.signal = joinChangeSignal(this.dbName, () => void this.reload().catch(this.onError), {
      storage: options.signalStorage === undefined ? defaultSignalStorage() : options.signalStorage,
      eventTarget: this.eventTarget,
    });
  }

  // ---------------------------------------------------------------- public API

  /**
   * Stores a write for the signed-in user (or the user whose session just ended) and starts sending it.
   * Resolves once the item is in IndexedDB; rejects (OutboxError) if it could not be stored.
   */
  async enqueue(op: OutboxOperation, meta: OutboxMeta): Promise<OutboxItem> {
    this.assertOpen();
    const checked = readOperation(op);
    if (!checked.ok) throw new OutboxError('INVALID_OPERATION', `Not a valid outbox operation: ${checked.reason}`);
    if (typeof meta.label !== 'string' || meta.label.trim() === '')
      throw new OutboxError('INVALID_OPERATION', 'An outbox item needs a label');
    const scope = signedInScopeOf(this.session.store.getState()) ?? this.lastScope;
    if (!scope) throw new OutboxError('NOT_SIGNED_IN', 'Sign in to Salesforce to save this');
    const now = this.now();
    let item: OutboxItem;
    try {
      const db = await this.database();
      item = await insertItem(db, (seq) => ({
        id: crypto.randomUUID(),
        scope,
        op: checked.value,
        label: meta.label,
        ...(meta.group === undefined ? {} : { group: meta.group }),
        ...(meta.formKey === undefined ? {} : { formKey: meta.formKey }),
        state: 'pending',
        attempts: 0,
        nextAttemptAt: now,
        seq,
        createdAt: now,
        updatedAt: now,
      }));
    } catch (cause) {
      throw new OutboxError(
        'STORAGE',
        `This device could not store the write (${cause instanceof Error ? cause.message : String(cause)})`,
        { cause },
      );
    }
    this.changed(item);
    this.kick();
    return item;
  }

  /** Sends a failed item again (the same operation), or a pending one now rather than after its backoff. */
  async retry(id: string): Promise<void> {
    this.assertOpen();
    const now = this.now();
    const change = await changeItem(await this.database(), id, (item) =>
      item.state === 'failed' || item.state === 'pending'
        ? { ...withoutError(item), state: 'pending', nextAttemptAt: now, updatedAt: now }
        : null,
    );
    if (!change.after) throw this.refusal(change.before, id, 'retried');
    this.changed(change.after);
    this.kick();
  }

  /** Gives up on a pending or failed item. An item being sent cannot be discarded (its fate is not known yet). */
  async discard(id: string): Promise<void> {
    this.assertOpen();
    const now = this.now();
    const change = await changeItem(await this.database(), id, (item) =>
      item.state === 'failed' || item.state === 'pending' ? { ...item, state: 'discarded', updatedAt: now } : null,
    );
    if (change.after) {
      this.changed(change.after);
      return;
    }
    if (change.before?.state === 'discarded') return;
    throw this.refusal(change.before, id, 'discarded');
  }

  /** The stored items (every user's), oldest first, read from IndexedDB now. */
  async list(filter: OutboxFilter = {}): Promise<OutboxItem[]> {
    this.assertOpen();
    const { items } = await readAllItems(await this.database());
    return items.filter(
      (item) =>
        (filter.scope === undefined || item.scope === filter.scope) &&
        (filter.group === undefined || item.group === filter.group) &&
        (filter.formKey === undefined || item.formKey === filter.formKey) &&
        (filter.states === undefined || filter.states.includes(item.state)),
    );
  }

  /** Called with every item on each change, in this instance or another one on the same database. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    if (!this.loaded) void this.reload().catch(this.onError);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** The items as last loaded (a new array after each change), for `useSyncExternalStore`. */
  getSnapshot(): OutboxItem[] {
    return this.snapshot;
  }

  /** How many stored records this version could not read (left untouched). */
  get unreadableCount(): number {
    return this.unreadable;
  }

  /** Resolves with the item once it is done, failed or discarded; rejects if there is no such item. */
  waitFor(id: string): Promise<OutboxItem> {
    return new Promise<OutboxItem>((resolve, reject) => {
      let settled = false;
      const check = (items: readonly OutboxItem[]) => {
        if (settled) return;
        const item = items.find((candidate) => candidate.id === id);
        if (item && !TERMINAL.includes(item.state)) return;
        settled = true;
        unsubscribe();
        if (item) resolve(item);
        else reject(new OutboxError('NOT_FOUND', `No outbox item ${id}`));
      };
      const unsubscribe = this.subscribe(check);
      this.reload().then(
        () => check(this.snapshot),
        (error: unknown) => {
          if (settled) return;
          settled = true;
          unsubscribe();
          reject(error instanceof Error ? error : new OutboxError('STORAGE', String(error)));
        },
      );
    });
  }

  /**
   * Sends every due item of the signed-in user, under the outbox lock. Resolves after a pass that began
   * after this call; rejects if that pass failed (IndexedDB), in which case items keep their stored state.
   */
  flush(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.requested += 1;
    const ticket = this.requested;
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ ticket, resolve, reject }));
    this.running ??= this.run();
    return done;
  }

  /** Flushes now, when a backoff ends, when the browser is back online and when a user signs in. Returns stop. */
  start(): () => void {
    this.assertOpen();
    if (this.stopStarted) return this.stopStarted;
    const kick = () => this.kick();
    const online = () => void this.wake().catch(this.onError);
    const detachSession = this.session.store.subscribe((state, previous) => {
      const scope = signedInScopeOf(state);
      if (scope && scope !== signedInScopeOf(previous)) kick();
    });
    this.eventTarget?.addEventListener('online', online);
    const stop = () => {
      detachSession();
      this.eventTarget?.removeEventListener('online', online);
      this.clearTimer();
      if (this.stopStarted === stop) this.stopStarted = null;
    };
    this.stopStarted = stop;
    void this.prune().catch(this.onError);
    kick();
    return stop;
  }

  /** Stops everything and closes the database; other instances stop hearing from this one. Items stay stored. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.stopStarted?.();
    this.closed = true;
    this.detachSession();
    this.signal.leave();
    await this.running;
    const db = this.db;
    this.db = null;
    if (db) (await db.catch(() => null))?.close();
  }

  // ---------------------------------------------------------------- flushing

  private kick(): void {
    if (this.closed) return;
    this.flush().catch(this.onError);
  }

  private async run(): Promise<void> {
    let completed = 0;
    while (completed < this.requested && !this.closed) {
      const target = this.requested;
      let failure: { error: unknown } | null = null;
      try {
        await this.withLock(() => this.drain());
      } catch (error) {
        failure = { error };
        // IndexedDB failed under us: items keep their stored state; a started outbox tries again later.
        this.schedule(this.now() + BACKOFF_CAP_MS);
      }
      completed = target;
      const settled = this.waiters.filter((waiter) => waiter.ticket <= target);
      this.waiters = this.waiters.filter((waiter) => waiter.ticket > target);
      for (const waiter of settled) {
        if (failure) waiter.reject(failure.error);
        else waiter.resolve();
      }
    }
    for (const waiter of this.waiters) waiter.resolve();
    this.waiters = [];
    this.requested = 0;
    this.running = null;
  }

  private withLock(work: () => Promise<void>): Promise<void> {
    if (!this.locks) return work();
    const name = this.dbName === DEFAULT_OUTBOX_DB ? OUTBOX_LOCK : `${OUTBOX_LOCK}:${this.dbName}`;
    return this.locks.request(name, { mode: 'exclusive' }, () => work());
  }

  /** Sends due items one at a time until none is due, the session is gone, or the outbox closes. */
  private async drain(): Promise<void> {
    this.clearTimer();
    for (;;) {
      if (this.closed) return;
      const scope = this.signedInScope();
      if (!scope) return;
      const db = await this.database();
      const { items } = await readAllItems(db);
      const { next, wakeAt } = pickNext(items, scope, this.now());
      if (!next) {
        if (wakeAt !== null) this.schedule(wakeAt);
        return;
      }
      const outcome = await this.process(db, next, scope);
      if (outcome === 'paused') {
        // Still signed in (a 401 the renewal did not cure): try again later rather than spin.
        if (this.signedInScope() === scope) this.schedule(this.now() + BACKOFF_CAP_MS);
        return;
      }
    }
  }

  /** The signed-in scope as storage has it now (another instance may have signed in or out). */
  private signedInScope(): string | null {
    this.session.reload();
    return signedInScopeOf(this.session.store.getState());
  }

  private async process(db: OutboxDatabase, item: OutboxItem, scope: string): Promise<Outcome['kind'] | 'skipped'> {
    const sentAt = this.now();
    // Persisted before anything goes out: a crash from here on leaves `sending`, which means "may have committed".
    const claim = await changeItem(db, item.id, (current) => {
      if (current.scope !== scope || (current.state !== 'pending' && current.state !== 'sending')) return null;
      const recovering = current.state === 'sending';
      const ambiguous = current.ambiguous === true || recovering;
      const ambiguousSince = current.ambiguousSince ?? (recovering ? (current.sentAt ?? current.updatedAt) : undefined);
      return {
        ...current,
        state: 'sending',
        sentAt,
        updatedAt: sentAt,
        ...(ambiguous ? { ambiguous: true } : {}),
        ...(ambiguousSince === undefined ? {} : { ambiguousSince }),
      };
    });
    if (!claim.after) return 'skipped';
    const claimed = claim.after;
    this.changed(claimed);

    const updateWith = claimed.op.kind === 'create' ? claimed.op.dedupe.updateWith : undefined;
    if (claimed.op.kind === 'create' && (claimed.ambiguous === true || updateWith !== undefined)) {
      let found: string | null;
      try {
        found = await this.findExisting(db, claimed, claimed.op, updateWith !== undefined);
      } catch (error) {
        const outcome = classifyError(error);
        const checked: FailureOutcome =
          outcome.kind === 'failed'
            ? {
                kind: 'failed',
                error: {
                  ...outcome.error,
                  message: `Could not check whether an earlier attempt saved it: ${outcome.error.message}`,
                },
              }
            : outcome;
        await this.settle(db, claimed, checked, false);
        return checked.kind;
      }
      if (found !== null && updateWith === undefined) {
        await this.settle(db, claimed, { kind: 'done', resultId: found }, false);
        return 'done';
      }
      if (found !== null && updateWith !== undefined) {
        // The record that stands for this one gets the new values (an update is safe to send again).
        let outcome: Outcome;
        try {
          outcome = await this.send(scope, {
            kind: 'update',
            sobject: claimed.op.sobject,
            id: found,
            fields: updateWith,
          });
        } catch (error) {
          outcome = classifyError(error);
        }
        await this.settle(db, claimed, outcome, false);
        return outcome.kind;
      }
    }

    let outcome: Outcome;
    try {
      outcome = await this.send(scope, claimed.op);
    } catch (error) {
      outcome = classifyError(error);
    }
    await this.settle(db, claimed, outcome, true);
    return outcome.kind;
  }

  /**
   * Writes the outcome of an attempt. `sent`: the write itself went out (not only the dedupe check), so a
   * retry outcome may leave it ambiguous. Every attempt but a paused one counts.
   */
  private async settle(db: OutboxDatabase, claimed: OutboxItem, outcome: Outcome, sent: boolean): Promise<void> {
    const now = this.now();
    const attempts = claimed.attempts + (outcome.kind === 'paused' ? 0 : 1);
    const sentAt = claimed.sentAt ?? now;
    const change = await changeItem(db, claimed.id, (current) => {
      if (current.state !== 'sending') return null;
      const base = { ...current, attempts, updatedAt: now };
      switch (outcome.kind) {
        case 'done':
          return {
            ...settledCopy(base),
            state: 'done',
            ...(outcome.resultId === undefined ? {} : { resultId: outcome.resultId }),
          };
        case 'failed':
          return { ...base, state: 'failed', lastError: outcome.error };
        case 'paused':
          return { ...base, state: 'pending', nextAttemptAt: now, lastError: outcome.error };
        case 'retry': {
          const ambiguous = base.ambiguous === true || (sent && outcome.ambiguous);
          const ambiguousSince = base.ambiguousSince ?? (ambiguous ? sentAt : undefined);
          return {
            ...base,
            state: 'pending',
            nextAttemptAt: now + backoffMs(attempts, this.random()),
            lastError: outcome.error,
            ...(ambiguous ? { ambiguous: true } : {}),
            ...(ambiguousSince === undefined ? {} : { ambiguousSince }),
          };
        }
      }
    });
    if (change.after) this.changed(change.after);
  }

  private async send(scope: string, op: OutboxOperation): Promise<Outcome> {
    switch (op.kind) {
      case 'create': {
        const resultId = await this.request(
          scope,
          `/sobjects/${op.sobject}`,
          { method: 'POST', body: op.fields, ...(op.headers ? { headers: op.headers } : {}) },
          parseCreated,
        );
        return { kind: 'done', resultId };
      }
      case 'update':
        await this.request(
          scope,
          `/sobjects/${op.sobject}/${op.id}`,
          { method: 'PATCH', body: op.fields },
          () => undefined,
        );
        return { kind: 'done', resultId: op.id };
      case 'upsert': {
        const answer = await this.request(
          scope,
          `/sobjects/${op.sobject}/${op.externalIdField}/${encodeURIComponent(op.externalId)}`,
          { method: 'PATCH', body: op.fields },
          parseUpsert,
        );
        if (answer.kind === 'multiple') {
          return {
            kind: 'failed',
            error: {
              errorCode: 'MULTIPLE_CHOICES',
              message: `${String(answer.urls.length)} ${op.sobject} records have ${op.externalIdField} = ${op.externalId}`,
              fields: [op.externalIdField],
              retryable: false,
            },
          };
        }
        return answer.id === undefined ? { kind: 'done' } : { kind: 'done', resultId: answer.id };
      }
      case 'composite': {
        const responses = await this.request(
          scope,
          '/composite',
          { method: 'POST', body: { allOrNone: op.allOrNone, compositeRequest: op.subrequests } },
          parseComposite,
        );
        return compositeOutcome(responses);
      }
    }
  }

  /**
   * The record an earlier attempt of this create may have made, or null (the dedupe query). `anyTime`: any
   * record of this user that matches, whenever and however it was made (`dedupe.updateWith`).
   */
  private async findExisting(
    db: OutboxDatabase,
    item: OutboxItem,
    op: Extract<OutboxOperation, { kind: 'create' }>,
    anyTime = false,
  ): Promise<string | null> {
    const conditions: Soql[] = Object.entries(op.dedupe.match).map(
      ([field, value]) => soql`${ident(field)} = ${value}`,
    );
    conditions.push(soql`CreatedById = ${idLiteral(userIdOf(item.scope))}`);
    if (!anyTime) {
      const since =
        (item.ambiguousSince ?? item.sentAt ?? item.createdAt) -
        (op.dedupe.createdWithinMs ?? DEFAULT_CREATED_WITHIN_MS);
      // Records other items of this outbox created are theirs, even when they match (two tasks alike on purpose).
      const { items } = await readAllItems(db);
      const taken = items
        .filter(
          (other) =>
            other.id !== item.id &&
            other.scope === item.scope &&
            other.state === 'done' &&
            other.op.kind === 'create' &&
            other.op.sobject === op.sobject &&
            other.updatedAt >= since,
        )
        .flatMap((other) => (other.resultId === undefined ? [] : [other.resultId]))
        .slice(-MAX_EXCLUDED_IDS);
      conditions.push(soql`CreatedDate >= ${new Date(since)}`);
      if (taken.length > 0) conditions.push(soql`Id NOT IN ${taken.map(idLiteral)}`);
    }
    const query = soql`SELECT Id FROM ${ident(op.sobject)} WHERE ${and(conditions)} ORDER BY CreatedDate DESC LIMIT 1`;
    const ids = await this.request(item.scope, `/query?q=${encodeURIComponent(query)}`, {}, parseQueryIds);
    return ids[0] ?? null;
  }

  /**
   * Every request of the outbox: the item's user must still be the one signed in when it leaves (another
   * instance may have switched users); the client reads the token from storage synchronously.
   */
  private request<T>(scope: string, path: string, options: RequestOptions, parse: (json: unknown) => T): Promise<T> {
    if (this.signedInScope() !== scope) {
      return Promise.reject(
        new SalesforceError({
          status: 0,
          errorCode: LOCAL_ERROR_CODES.notSignedIn,
          message: 'Waiting for the user who made this to sign in to Salesforce again',
        }),
      );
    }
    return this.client.request(path, options, parse);
  }

  private schedule(wakeAt: number): void {
    if (!this.stopStarted || this.closed) return;
    this.clearTimer();
    this.timer = setTimeout(
      () => {
        this.timer = null;
        this.kick();
      },
      Math.max(0, wakeAt - this.now()),
    );
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Back online: every pending item of the signed-in user is due now, whatever its backoff. */
  private async wake(): Promise<void> {
    const scope = this.signedInScope();
    if (scope) {
      const woken = await wakeItems(await this.database(), scope, this.now());
      if (woken > 0) {
        await this.reload();
        this.broadcast();
      }
    }
    this.kick();
  }

  private async prune(): Promise<void> {
    const removed = await pruneItems(await this.database(), this.now() - this.keepFinishedMs);
    if (removed > 0) {
      await this.reload();
      this.broadcast();
    }
  }

  // ---------------------------------------------------------------- storage and notifications

  private database(): Promise<OutboxDatabase> {
    if (this.closed) return Promise.reject(new OutboxError('CLOSED', 'The outbox is closed'));
    if (!this.db) {
      const opening = openOutboxDb(this.dbName, () => {
        if (this.db === opening) this.db = null;
      });
      this.db = opening;
      opening.catch(() => {
        if (this.db === opening) this.db = null;
      });
    }
    return this.db;
  }

  /** Re-reads every item (after another instance changed something) and tells the listeners. */
  private reload(): Promise<void> {
    this.reloadWanted = true;
    this.reloading ??= (async () => {
      try {
        while (this.reloadWanted) {
          this.reloadWanted = false;
          const { items, unreadable } = await readAllItems(await this.database());
          this.loaded = true;
          this.unreadable = unreadable;
          this.publish(items);
        }
      } finally {
        this.reloading = null;
      }
    })();
    return this.reloading;
  }

  /** An item this instance just stored: update the snapshot, tell the listeners and the other instances. */
  private changed(item: OutboxItem): void {
    this.broadcast();
    if (!this.loaded || this.reloading) {
      // A read in flight may predate this write: read again.
      void this.reload().catch(this.onError);
      return;
    }
    const others = this.snapshot.filter((existing) => existing.id !== item.id);
    this.publish([...others, item].sort((a, b) => a.seq - b.seq));
  }

  private publish(items: OutboxItem[]): void {
    this.snapshot = items;
    for (const listener of [...this.listeners]) {
      try {
        listener(items);
      } catch (error) {
        this.onError(error);
      }
    }
  }

  private broadcast(): void {
    if (!this.closed) this.signal.notify();
  }

  private refusal(item: OutboxItem | null, id: string, verb: string): OutboxError {
    if (!item) return new OutboxError('NOT_FOUND', `No outbox item ${id}`);
    return new OutboxError('INVALID_STATE', `An item that is ${item.state} cannot be ${verb}`);
  }

  private assertOpen(): void {
    if (this.closed) throw new OutboxError('CLOSED', 'The outbox is closed');
  }
}

/**
 * The oldest item of `scope` that is due, skipping items queued behind an unfinished older item of the
 * same group. An item left `sending` (a crash) is due at once. `wakeAt`: when the next one becomes due.
 */
function pickNext(
  items: readonly OutboxItem[],
  scope: string,
  now: number,
): { next: OutboxItem | null; wakeAt: number | null } {
  const busyGroups = new Set<string>();
  let wakeAt: number | null = null;
  for (const item of items) {
    if (item.scope !== scope || (item.state !== 'pending' && item.state !== 'sending')) continue;
    if (item.group !== undefined) {
      if (busyGroups.has(item.group)) continue;
      busyGroups.add(item.group);
    }
    if (item.state === 'sending' || item.nextAttemptAt <= now) return { next: item, wakeAt };
    wakeAt = wakeAt === null ? item.nextAttemptAt : Math.min(wakeAt, item.nextAttemptAt);
  }
  return { next: null, wakeAt };
}
