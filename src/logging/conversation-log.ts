/**
 * How a conversation becomes one logged Task (README "Salesforce API facts"): its key (the CallObject a
 * second log finds again), whether it was logged already, what x-bees said about the call (type, duration)
 * and which subject a log gets by default. Plain data in, plain data out: the log form and, later, the
 * daemon apply these rules the same way.
 */
import { CHAT_MARKER } from '@/salesforce/api/history';
import type { OutboxItem } from '@/salesforce/outbox/types';

/** What the rules need to know about a call (the x-bees session's call state has this shape). */
export interface LoggedCall {
  readonly status: 'active' | 'ended';
  readonly info: {
    readonly callId?: string;
    readonly direction?: 'inbound' | 'outbound';
    readonly durationSeconds?: number;
  };
  /** Local clock (ms) when the call started and ended; null when that was not seen. */
  readonly startedAt: number | null;
  readonly endedAt: number | null;
}

export type ConversationKind = 'call' | 'chat';

/** Task.CallType values an agent can choose. */
export const CALL_TYPES = ['Inbound', 'Outbound', 'Internal'] as const;
export type CallType = (typeof CALL_TYPES)[number];

/** The idempotency key of a log: the call's id, else the conversation's; chats are marked as chats. */
export function logKey(kind: ConversationKind, conversationId: string, call: LoggedCall | null): string {
  if (kind === 'chat') return `${CHAT_MARKER}${conversationId}`;
  return call?.info.callId ?? conversationId;
}

/** The call's duration in whole seconds: what x-bees said, else the time between its start and end events. */
export function callDuration(call: LoggedCall | null): number | null {
  if (!call) return null;
  if (typeof call.info.durationSeconds === 'number') return Math.round(call.info.durationSeconds);
  if (call.status === 'ended' && call.startedAt !== null && call.endedAt !== null)
    return Math.max(0, Math.round((call.endedAt - call.startedAt) / 1000));
  return null;
}

/** The call type x-bees tells (its direction); null when it doesn't say (the agent may choose, e.g. Internal). */
export function callTypeOf(call: LoggedCall | null): CallType | null {
  if (call?.info.direction === 'inbound') return 'Inbound';
  if (call?.info.direction === 'outbound') return 'Outbound';
  return null;
}

/** Which default subject a log gets: a chat, a call of a known type, or a call of unknown type. */
export function subjectKind(kind: ConversationKind, call: LoggedCall | null): 'chat' | CallType | 'unknown' {
  if (kind === 'chat') return 'chat';
  return callTypeOf(call) ?? 'unknown';
}

/** A log as the history read it back from Salesforce (a Task of the person, with its CallObject). */
export interface HistoryLog {
  readonly id: string;
  readonly subject: string;
  readonly description: string | null;
  readonly callDisposition?: string | null;
  readonly whatId?: string | null;
  readonly whatName?: string | null;
  /** When Salesforce last changed the Task (ISO), to tell which of the history and the outbox is newer. */
  readonly lastModifiedDate?: string | null;
}

/** The Task this conversation was already logged as, with what it holds in Salesforce now. */
export interface SavedLog {
  readonly id: string;
  /** The saved subject; null when it is not known (a log found only by its id). */
  readonly subject: string | null;
  readonly notes: string | null;
  readonly callResult: string | null;
  /** What it relates to (WhatId); undefined when not known (the agent's default applies). */
  readonly whatId: string | null | undefined;
  readonly whatName: string | null;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * The task this conversation was already logged as: as the history read it (Salesforce's copy, refreshed
 * after each write), or as this app last wrote it (the outbox) when that write landed after the history's
 * read. A second log edits what was saved: never an empty form over saved notes.
 */
export function savedLog(
  items: readonly OutboxItem[],
  historyLogs: ReadonlyMap<string, HistoryLog> | null,
  key: string,
): SavedLog | null {
  const row = historyLogs?.get(key);
  const fromHistory: SavedLog | null = row
    ? {
        id: row.id,
        subject: row.subject === '' ? null : row.subject,
        notes: row.description,
        callResult: row.callDisposition ?? null,
        whatId: row.whatId,
        whatName: row.whatName ?? null,
      }
    : null;
  const item = [...items]
    .reverse()
    .find(
      (candidate) =>
        candidate.state === 'done' &&
        candidate.resultId &&
        (candidate.op.kind === 'create' || candidate.op.kind === 'update') &&
        candidate.op.fields.CallObject === key,
    );
  if (!item || (item.op.kind !== 'create' && item.op.kind !== 'update')) return fromHistory;
  // The history read before this write landed is older than what the write sent: the write wins.
  const readAt = row?.lastModifiedDate ? Date.parse(row.lastModifiedDate) : Number.NaN;
  if (fromHistory && !(item.updatedAt > readAt)) return fromHistory;
  const fields = item.op.fields;
  // A field the write sent is what Salesforce has (null: cleared); one a create left out is empty; one an
  // update left out is as it was.
  const pick = <F>(name: string, kept: F): string | null | F =>
    name in fields ? text(fields[name]) : item.op.kind === 'create' ? null : kept;
  return {
    id: item.op.kind === 'update' ? item.op.id : (item.resultId ?? ''),
    subject: text(fields.Subject) ?? fromHistory?.subject ?? null,
    notes: pick('Description', fromHistory?.notes ?? null),
    callResult: pick('CallDisposition', fromHistory?.callResult ?? null),
    whatId: pick('WhatId', fromHistory?.whatId),
    whatName: fromHistory?.whatName ?? null,
  };
}
