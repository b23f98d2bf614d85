/**
 * Interaction history of a person: past activities (`ActivityHistories`) and upcoming or overdue ones
 * (`OpenActivities`), read as subqueries of the one parent record — the only way Salesforce allows, with
 * its fixed ordering and LIMIT ≤ 500 (README "Salesforce API facts").
 */
import { toLocalDate } from '@/lib/format';
import { isBoolean, isFiniteNumber, isString, nullable, oneOf, shape, type Guard } from '@/lib/guards';
import type { SalesforceClient } from '../client';
import { readableFields, type ObjectInfo } from '../describe';
import { fields as fieldList, id, ident, soql } from '../soql';

export type ActivityKind = 'call' | 'chat' | 'task' | 'email' | 'meeting';

export interface ActivityRow {
  id: string;
  sobject: 'Task' | 'Event';
  kind: ActivityKind;
  subject: string;
  /** `2026-01-15` (date-only) or a datetime for events. */
  date: string | null;
  status: string | null;
  open: boolean;
  overdue: boolean;
  priority: string | null;
  ownerName: string | null;
  /** What the activity relates to (WhatId) and its name. */
  whatId: string | null;
  whatName: string | null;
  callType: 'Inbound' | 'Outbound' | 'Internal' | null;
  durationSeconds: number | null;
  callObject: string | null;
  /** Task.CallDisposition: the call's result as the agent logged it. */
  callDisposition: string | null;
  description: string | null;
  lastModifiedDate: string | null;
}

export interface History {
  past: ActivityRow[];
  open: ActivityRow[];
  /** Where the next page of past activities is, when Salesforce has more. */
  pastNextUrl: string | null;
}

/** Activity fields read from the subqueries; Task-only ones only when the Task describe has them. */
const ACTIVITY_FIELDS = [
  'Id',
  'Subject',
  'ActivityDate',
  'ActivitySubtype',
  'IsTask',
  'IsClosed',
  'Status',
  'Priority',
  'OwnerId',
  'Owner.Name',
  'WhatId',
  'What.Name',
  'CallType',
  'CallDurationInSeconds',
  'CallObject',
  'CallDisposition',
  'StartDateTime',
  'Description',
  'LastModifiedDate',
];
const TASK_ONLY = new Set([
  'CallType',
  'CallDurationInSeconds',
  'CallObject',
  'CallDisposition',
  'Status',
  'Priority',
  'Description',
]);

/** Our chat logs carry a CallObject starting with this (see the logging feature). */
export const CHAT_MARKER = 'chat:';

export function historyFields(task: ObjectInfo | null): string[] {
  return ACTIVITY_FIELDS.filter((field) => !TASK_ONLY.has(field) || readableFields(task, [field]).length > 0);
}

const str = (row: Record<string, unknown>, key: string) =>
  typeof row[key] === 'string' && row[key] !== '' ? row[key] : null;

/**
 * What an activity was. A Task with TaskSubtype Call (ActivitySubtype Call here) or a CallType is a call,
 * whatever its subject says; a chat is one we logged as a chat (its CallObject), or a plain task whose subject
 * says so (logged by hand or by another tool).
 */
export function activityKind(row: Record<string, unknown>): ActivityKind {
  const subtype = str(row, 'ActivitySubtype');
  const callObject = str(row, 'CallObject');
  if (subtype === 'Call' || str(row, 'CallType')) return 'call';
  if (callObject?.startsWith(CHAT_MARKER) || /^chat\b/i.test(str(row, 'Subject') ?? '')) return 'chat';
  if (subtype === 'Email' || subtype === 'ListEmail') return 'email';
  if (row.IsTask === false || subtype === 'Event') return 'meeting';
  return 'task';
}

export function parseActivity(value: unknown, now: Date): ActivityRow | null {
  if (typeof value !== 'object' || value === null) return null;
  const row = value as Record<string, unknown>;
  const rowId = str(row, 'Id');
  if (!rowId) return null;
  const isTask = row.IsTask !== false;
  const open = row.IsClosed !== true;
  const date = str(row, 'ActivityDate') ?? str(row, 'StartDateTime');
  const callType = str(row, 'CallType');
  const owner = row.Owner;
  const what = row.What;
  return {
    id: rowId,
    sobject: isTask ? 'Task' : 'Event',
    kind: activityKind(row),
    subject: str(row, 'Subject') ?? '',
    date,
    status: str(row, 'Status'),
    open,
    overdue: open && isTask && date !== null && date.slice(0, 10) < toLocalDate(now),
    priority: str(row, 'Priority'),
    ownerName: typeof owner === 'object' && owner !== null ? str(owner as Record<string, unknown>, 'Name') : null,
    whatId: str(row, 'WhatId'),
    whatName: typeof what === 'object' && what !== null ? str(what as Record<string, unknown>, 'Name') : null,
    callType: callType === 'Inbound' || callType === 'Outbound' || callType === 'Internal' ? callType : null,
    durationSeconds: typeof row.CallDurationInSeconds === 'number' ? row.CallDurationInSeconds : null,
    callObject: str(row, 'CallObject'),
    callDisposition: str(row, 'CallDisposition'),
    description: str(row, 'Description'),
    lastModifiedDate: str(row, 'LastModifiedDate'),
  };
}

function rowsOf(subquery: unknown, now: Date): { rows: ActivityRow[]; next: string | null } {
  // An empty child relationship is null, not an empty list.
  if (typeof subquery !== 'object' || subquery === null) return { rows: [], next: null };
  const sub = subquery as { records?: unknown; nextRecordsUrl?: unknown };
  const records = Array.isArray(sub.records) ? sub.records : [];
  return {
    rows: records.flatMap((record: unknown) => {
      const row = parseActivity(record, now);
      return row ? [row] : [];
    }),
    next: typeof sub.nextRecordsUrl === 'string' ? sub.nextRecordsUrl : null,
  };
}

export interface HistoryTarget {
  sobject: 'Lead' | 'Contact' | 'Account';
  id: string;
}

/** How many activities of each list the first read takes. */
export const HISTORY_FIRST_LIMIT = 100;
/** Salesforce's ceiling for ActivityHistories / OpenActivities subqueries. */
export const HISTORY_MAX_LIMIT = 500;

/** Both lists in one query on the parent record. */
export function getHistory(
  client: SalesforceClient,
  target: HistoryTarget,
  task: ObjectInfo | null,
  options: { limit?: number; signal?: AbortSignal; now?: Date } = {},
): Promise<History> {
  const limit = Math.min(HISTORY_MAX_LIMIT, options.limit ?? HISTORY_FIRST_LIMIT);
  const select = fieldList(historyFields(task));
  const query = soql`SELECT Id, (SELECT ${select} FROM ActivityHistories ORDER BY ActivityDate DESC, LastModifiedDate DESC LIMIT ${limit}), (SELECT ${select} FROM OpenActivities ORDER BY ActivityDate ASC NULLS LAST, LastModifiedDate DESC LIMIT ${limit}) FROM ${ident(target.sobject)} WHERE Id = ${id(target.id)}`;
  const now = options.now ?? new Date();
  return client.request(
    `/query?q=${encodeURIComponent(query)}`,
    options.signal ? { signal: options.signal } : {},
    (json) => {
      const records = typeof json === 'object' && json !== null ? (json as { records?: unknown }).records : undefined;
      if (!Array.isArray(records)) throw new Error('history answer has no records');
      const parent = records[0] as Record<string, unknown> | undefined;
      const past = rowsOf(parent?.ActivityHistories, now);
      const open = rowsOf(parent?.OpenActivities, now);
      return { past: past.rows, open: open.rows, pastNextUrl: past.next };
    },
  );
}

/** The next page of a child relationship (`nextRecordsUrl` of a subquery). */
export function getMoreActivities(
  client: SalesforceClient,
  nextUrl: string,
  options: { signal?: AbortSignal; now?: Date } = {},
): Promise<{ rows: ActivityRow[]; next: string | null }> {
  const now = options.now ?? new Date();
  return client.request(nextUrl, options.signal ? { signal: options.signal } : {}, (json) => rowsOf(json, now));
}

/** An activity row as this module made it, read back from the frame storage (a cache, an open form). */
export const isActivityRow: Guard<ActivityRow> = shape({
  id: isString,
  sobject: oneOf(['Task', 'Event']),
  kind: oneOf(['call', 'chat', 'task', 'email', 'meeting']),
  subject: isString,
  date: nullable(isString),
  status: nullable(isString),
  open: isBoolean,
  overdue: isBoolean,
  priority: nullable(isString),
  ownerName: nullable(isString),
  whatId: nullable(isString),
  whatName: nullable(isString),
  callType: nullable(oneOf(['Inbound', 'Outbound', 'Internal'])),
  durationSeconds: nullable(isFiniteNumber),
  callObject: nullable(isString),
  callDisposition: nullable(isString),
  description: nullable(isString),
  lastModifiedDate: nullable(isString),
});
