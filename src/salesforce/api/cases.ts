/**
 * Cases (setup guide: "Enable Cases tab"): a case as the tab shows it, which statuses close a case (the
 * org's CaseStatus values), case comments, and the writes for a case. Tying a case to the conversation is
 * in tie.ts (`tieOperation`, `createTiedOperation`), as for opportunities.
 */
import type { SalesforceClient } from '../client';
import { readableFields, type DescribeCache, type ObjectInfo } from '../describe';
import type { FieldValue, OutboxOperation } from '../outbox/types';
import { fields as fieldList, id, soql } from '../soql';
import {
  checkedId,
  describeOrNull,
  parseRecords,
  queryPath,
  relationName,
  textOf,
  withSignal,
  type Row,
} from './records';
import { CONVERSATION_FIELD } from './tie';

export interface CaseRow {
  id: string;
  caseNumber: string;
  subject: string | null;
  status: string | null;
  priority: string | null;
  origin: string | null;
  description: string | null;
  isClosed: boolean;
  lastModifiedDate: string | null;
  ownerName: string | null;
  conversationId: string | null;
  contactId: string | null;
  accountId: string | null;
}

/** The fields the tab reads (those the user can read: `readableFields`). */
export const CASE_FIELDS = [
  'Id',
  'CaseNumber',
  'Subject',
  'Status',
  'Priority',
  'Origin',
  'Description',
  'IsClosed',
  'LastModifiedDate',
  'OwnerId',
  'Owner.Name',
  'ContactId',
  'AccountId',
  CONVERSATION_FIELD,
];

export function parseCase(row: Row): CaseRow | null {
  const rowId = textOf(row, 'Id');
  if (!rowId) return null;
  return {
    id: rowId,
    caseNumber: textOf(row, 'CaseNumber') ?? rowId,
    subject: textOf(row, 'Subject'),
    status: textOf(row, 'Status'),
    priority: textOf(row, 'Priority'),
    origin: textOf(row, 'Origin'),
    description: textOf(row, 'Description'),
    isClosed: row.IsClosed === true,
    lastModifiedDate: textOf(row, 'LastModifiedDate'),
    ownerName: relationName(row, 'Owner'),
    conversationId: textOf(row, CONVERSATION_FIELD),
    contactId: textOf(row, 'ContactId'),
    accountId: textOf(row, 'AccountId'),
  };
}

export interface CaseStatusValue {
  value: string;
  label: string;
  closed: boolean;
  isDefault: boolean;
}

/** The org's case statuses with the flag that closes a case: `SELECT ApiName, IsClosed FROM CaseStatus`. */
export async function getCaseStatuses(client: SalesforceClient, signal?: AbortSignal): Promise<CaseStatusValue[]> {
  const rows = await client.request(
    queryPath(soql`SELECT ApiName, MasterLabel, IsClosed, IsDefault, SortOrder FROM CaseStatus ORDER BY SortOrder ASC`),
    withSignal(signal),
    parseRecords,
  );
  return rows.flatMap((row) => {
    const value = textOf(row, 'ApiName') ?? textOf(row, 'MasterLabel');
    if (!value) return [];
    return [
      {
        value,
        label: textOf(row, 'MasterLabel') ?? value,
        closed: row.IsClosed === true,
        isDefault: row.IsDefault === true,
      },
    ];
  });
}

export function isClosedStatus(statuses: readonly CaseStatusValue[], value: string | null): boolean {
  return statuses.some((status) => status.value === value && status.closed);
}

/** Active values of a picklist field from the describe, in the org's order. */
export function picklistOptions(
  info: ObjectInfo | null,
  field: string,
): { value: string; label: string; isDefault: boolean }[] {
  return (info?.fields.get(field)?.picklistValues ?? [])
    .filter((entry) => entry.active)
    .map((entry) => ({ value: entry.value, label: entry.label, isDefault: entry.defaultValue }));
}

export interface CaseCommentRow {
  id: string;
  body: string;
  /** Published: visible to the customer (e.g. in a portal); otherwise internal. */
  isPublic: boolean;
  createdDate: string | null;
  createdByName: string | null;
}

const COMMENT_FIELDS = ['Id', 'CommentBody', 'IsPublished', 'CreatedDate', 'CreatedBy.Name'];

/** The case's comments, newest first. */
export async function getCaseComments(
  client: SalesforceClient,
  describes: DescribeCache,
  caseId: string,
  signal?: AbortSignal,
): Promise<CaseCommentRow[]> {
  const info = await describeOrNull(describes, 'CaseComment');
  const wanted = readableFields(info, COMMENT_FIELDS);
  const rows = await client.request(
    queryPath(
      soql`SELECT ${fieldList(wanted)} FROM CaseComment WHERE ParentId = ${id(caseId)} ORDER BY CreatedDate DESC LIMIT ${200}`,
    ),
    withSignal(signal),
    parseRecords,
  );
  return rows.flatMap((row) => {
    const commentId = textOf(row, 'Id');
    if (!commentId) return [];
    return [
      {
        id: commentId,
        body: textOf(row, 'CommentBody') ?? '',
        isPublic: row.IsPublished === true,
        createdDate: textOf(row, 'CreatedDate'),
        createdByName: relationName(row, 'CreatedBy'),
      },
    ];
  });
}

/**
 * A new comment. CommentBody is long text and can't be filtered, so the outbox's check after an attempt of
 * unknown fate looks for this user's latest comment on the case with the same visibility, created since
 * that attempt (comments this outbox made for other items are excluded by the outbox).
 */
export function addCommentOperation(caseId: string, body: string, isPublic: boolean): OutboxOperation {
  return {
    kind: 'create',
    sobject: 'CaseComment',
    fields: { ParentId: checkedId(caseId), CommentBody: body, IsPublished: isPublic },
    dedupe: { match: { ParentId: caseId, IsPublished: isPublic } },
  };
}

export function caseUpdateOperation(caseId: string, fields: Record<string, FieldValue>): OutboxOperation {
  return { kind: 'update', sobject: 'Case', id: checkedId(caseId), fields };
}

export interface NewCase {
  subject: string;
  description: string;
  status: string | null;
  priority: string | null;
  /** Phone for a call, Chat for a chat. */
  origin: 'Phone' | 'Chat';
  accountId: string | null;
  contactId: string | null;
}

/** The fields of a case made from the conversation (the tie is added by `createTiedOperation`). */
export function newCaseFields(input: NewCase): Record<string, FieldValue> {
  const fields: Record<string, FieldValue> = { Subject: input.subject, Origin: input.origin };
  if (input.description.trim() !== '') fields.Description = input.description;
  if (input.status) fields.Status = input.status;
  if (input.priority) fields.Priority = input.priority;
  if (input.accountId) fields.AccountId = checkedId(input.accountId);
  if (input.contactId) fields.ContactId = checkedId(input.contactId);
  return fields;
}
