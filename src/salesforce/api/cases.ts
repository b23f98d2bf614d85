/**
 * The Case tab's Salesforce side (setup guide: "Enable Cases tab"): which statuses close a case (the
 * org's CaseStatus values), case comments, and the writes for a case. Tying a case to the conversation
 * works as for opportunities (`tieOperation`, `createTiedOperation` in opportunities.ts).
 */
import type { SalesforceClient } from '../client';
import { readableFields, type DescribeCache, type ObjectInfo } from '../describe';
import type { FieldValue, OutboxOperation } from '../outbox/types';
import { fields as fieldList, id, soql } from '../soql';
import { parseRecords } from './opportunities';

const RECORD_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

type Row = Record<string, unknown>;

const str = (row: Row, key: string): string | null =>
  typeof row[key] === 'string' && row[key] !== '' ? row[key] : null;
const withSignal = (signal: AbortSignal | undefined) => (signal ? { signal } : {});

function checkedId(value: string): string {
  if (!RECORD_ID.test(value)) throw new Error(`Not a Salesforce record id: ${JSON.stringify(value)}`);
  return value;
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
    `/query?q=${encodeURIComponent(soql`SELECT ApiName, MasterLabel, IsClosed, IsDefault, SortOrder FROM CaseStatus ORDER BY SortOrder ASC`)}`,
    withSignal(signal),
    parseRecords,
  );
  return rows.flatMap((row) => {
    const value = str(row, 'ApiName') ?? str(row, 'MasterLabel');
    if (!value) return [];
    return [
      {
        value,
        label: str(row, 'MasterLabel') ?? value,
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
  const info = await describes.get('CaseComment').catch(() => null);
  const wanted = readableFields(info, COMMENT_FIELDS);
  const rows = await client.request(
    `/query?q=${encodeURIComponent(soql`SELECT ${fieldList(wanted)} FROM CaseComment WHERE ParentId = ${id(caseId)} ORDER BY CreatedDate DESC LIMIT ${200}`)}`,
    withSignal(signal),
    parseRecords,
  );
  return rows.flatMap((row) => {
    const commentId = str(row, 'Id');
    if (!commentId) return [];
    const createdBy =
      typeof row.CreatedBy === 'object' && row.CreatedBy !== null ? str(row.CreatedBy as Row, 'Name') : null;
    return [
      {
        id: commentId,
        body: str(row, 'CommentBody') ?? '',
        isPublic: row.IsPublished === true,
        createdDate: str(row, 'CreatedDate'),
        createdByName: createdBy,
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
