/**
 * Tasks (README "Salesforce API facts"): who and what a task is about (WhoId, WhatId), the writes that
 * create, edit and complete a task (built as outbox operations: the outbox sends them), and the tasks of a
 * record (the Opportunity tab's tasks section).
 */
import type { SalesforceClient } from '../client';
import { readableFields, type DescribeCache } from '../describe';
import type { FieldValue, OutboxOperation } from '../outbox/types';
import type { Person } from '../people';
import { fields as fieldList, id, soql } from '../soql';
import { describeOrNull, parseRecords, queryPath, relationName, textOf, withSignal, type Row } from './records';

export interface RecordTask {
  id: string;
  subject: string;
  status: string | null;
  priority: string | null;
  /** ActivityDate (YYYY-MM-DD). */
  date: string | null;
  isClosed: boolean;
  whoName: string | null;
  ownerName: string | null;
  lastModified: string | null;
}

const TASK_FIELDS = [
  'Id',
  'Subject',
  'Status',
  'Priority',
  'ActivityDate',
  'IsClosed',
  'Who.Name',
  'Owner.Name',
  'LastModifiedDate',
];
/** Closed tasks shown as "recent". */
export const RECENT_TASKS = 5;

function parseTask(row: Row): RecordTask | null {
  const taskId = textOf(row, 'Id');
  if (!taskId) return null;
  return {
    id: taskId,
    subject: textOf(row, 'Subject') ?? '',
    status: textOf(row, 'Status'),
    priority: textOf(row, 'Priority'),
    date: textOf(row, 'ActivityDate'),
    isClosed: row.IsClosed === true,
    whoName: relationName(row, 'Who'),
    ownerName: relationName(row, 'Owner'),
    lastModified: textOf(row, 'LastModifiedDate'),
  };
}

/** A record's open tasks (soonest first) and its most recently closed ones. */
export async function getRecordTasks(
  client: SalesforceClient,
  describes: DescribeCache,
  whatId: string,
  signal?: AbortSignal,
): Promise<{ open: RecordTask[]; recent: RecordTask[] }> {
  const info = await describeOrNull(describes, 'Task');
  const wanted = readableFields(info, TASK_FIELDS);
  const rows = await client.request(
    queryPath(
      soql`SELECT ${fieldList(wanted)} FROM Task WHERE WhatId = ${id(whatId)} ORDER BY LastModifiedDate DESC LIMIT ${200}`,
    ),
    withSignal(signal),
    parseRecords,
  );
  const tasks = rows.flatMap((row) => parseTask(row) ?? []);
  const open = tasks
    .filter((task) => !task.isClosed)
    .sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999'));
  const recent = tasks.filter((task) => task.isClosed).slice(0, RECENT_TASKS);
  return { open, recent };
}

// ------------------------------------------------------------------ who and what a task is about

type TaskPerson = Pick<Person, 'type' | 'id' | 'personContactId'>;

/** The Contact behind a person: the Contact itself or a Person Account's person contact; null for a Lead or a business Account. */
export function contactIdOf(person: TaskPerson): string | null {
  if (person.type === 'Contact') return person.id;
  if (person.type === 'PersonAccount') return person.personContactId;
  return null;
}

/** The WhoId of a task about a person: a Lead itself, else the Contact behind the person (none for a business Account). */
export function whoIdOf(person: TaskPerson): string | null {
  return person.type === 'Lead' ? person.id : contactIdOf(person);
}

/** The WhatId of a task about a person: a business Account itself; for a Lead nothing; else the record chosen, if any. */
export function whatIdOf(person: Pick<Person, 'type' | 'id'>, chosen: string | null): string | null {
  if (person.type === 'Account') return person.id;
  return person.type === 'Lead' ? null : chosen;
}

// ------------------------------------------------------------------ writes

/** The fields a resend compares to find a task whose creation may have committed (SOQL compares them as text). */
const NEW_TASK_MATCH = ['Subject', 'WhoId', 'WhatId', 'Priority', 'Status', 'Type', 'IsReminderSet'];

/**
 * A new task. After a lost answer, the task is recognised by every value the agent chose that SOQL can
 * compare as text (dates need unquoted literals and Description is a long text area, so they stay out).
 */
export function newTaskOperation(fields: Record<string, FieldValue>): OutboxOperation {
  const match: Record<string, string | boolean> = {};
  for (const name of NEW_TASK_MATCH) {
    const value = fields[name];
    if (typeof value === 'string' || typeof value === 'boolean') match[name] = value;
  }
  return { kind: 'create', sobject: 'Task', fields, dedupe: { match } };
}

/**
 * The task that logs a conversation, found again by its CallObject (the conversation's key) after a lost
 * answer. With `updateWith`, a task of this user that already logs it (another device, an older panel)
 * gets those values instead of a second task being made.
 */
export function logTaskOperation(
  fields: Record<string, FieldValue>,
  callObject: string,
  updateWith: Record<string, FieldValue> | null,
): OutboxOperation {
  const dedupe = updateWith ? { match: { CallObject: callObject }, updateWith } : { match: { CallObject: callObject } };
  return { kind: 'create', sobject: 'Task', fields, dedupe };
}

export function taskUpdateOperation(taskId: string, fields: Record<string, FieldValue>): OutboxOperation {
  return { kind: 'update', sobject: 'Task', id: taskId, fields };
}

export function completeTaskOperation(taskId: string): OutboxOperation {
  return taskUpdateOperation(taskId, { Status: 'Completed' });
}
