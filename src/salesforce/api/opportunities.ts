/**
 * The Opportunity tab's Salesforce side (setup guide: "Enable Opportunity tab"): stage values of a record
 * type with their closed/won flags (UI API), the writes that tie a record to a conversation through the
 * unique external id `conversationId__c` (also used by the Case tab), notes (ContentNote linked with a
 * ContentDocumentLink, README "Salesforce API facts") and the record's tasks.
 *
 * Writes are built here as outbox operations and sent by the outbox only. Each is safe to send again after
 * an attempt whose fate is unknown: updates and upserts are idempotent, and the two composites are either
 * idempotent (move a tie) or refuse to run twice (add a note, see `addNoteOperation`).
 */
import type { SalesforceClient } from '../client';
import { readableFields, type DescribeCache, type ObjectInfo } from '../describe';
import type { CompositeSubrequest, FieldValue, OutboxItemError, OutboxOperation } from '../outbox/types';
import { fields as fieldList, id, soql, sub } from '../soql';
import { CONVERSATION_FIELD } from './conversation-work';

/** The Master record type: the stages of an opportunity without a record type of its own. */
export const MASTER_RECORD_TYPE_ID = '012000000000000AAA';
/** How much earlier than the enqueue a note's record may carry its creation time (clock skew between device and org). */
export const NOTE_CLOCK_SLACK_MS = 10 * 60_000;

const RECORD_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

type Row = Record<string, unknown>;

function isRecord(value: unknown): value is Row {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const str = (row: Row, key: string): string | null =>
  typeof row[key] === 'string' && row[key] !== '' ? row[key] : null;

function checkedId(value: string): string {
  if (!RECORD_ID.test(value)) throw new Error(`Not a Salesforce record id: ${JSON.stringify(value)}`);
  return value;
}

/** The rows of a query answer (`{ records: [...] }`); anything else is refused. */
export function parseRecords(json: unknown): Row[] {
  if (!isRecord(json) || !Array.isArray(json.records)) throw new Error('the answer has no records');
  return json.records.filter(isRecord);
}

function queryPath(query: string): string {
  return `/query?q=${encodeURIComponent(query)}`;
}

const withSignal = (signal: AbortSignal | undefined) => (signal ? { signal } : {});

// ------------------------------------------------------------------ stages

export interface StageValue {
  value: string;
  label: string;
  closed: boolean;
  won: boolean;
  /** The probability Salesforce sets for this stage (percent). */
  probability: number | null;
  forecastCategory: string | null;
}

/** `GET /ui-api/object-info/Opportunity/picklist-values/{recordTypeId}/StageName` (README "Salesforce API facts"). */
export function parseStagePicklist(json: unknown): StageValue[] {
  if (!isRecord(json) || !Array.isArray(json.values)) throw new Error('the picklist has no values');
  return json.values.flatMap((entry: unknown) => {
    if (!isRecord(entry) || typeof entry.value !== 'string') return [];
    const attributes = isRecord(entry.attributes) ? entry.attributes : {};
    return [
      {
        value: entry.value,
        label: typeof entry.label === 'string' && entry.label !== '' ? entry.label : entry.value,
        closed: attributes.closed === true,
        won: attributes.won === true,
        probability: typeof attributes.defaultProbability === 'number' ? attributes.defaultProbability : null,
        forecastCategory: typeof attributes.forecastCategoryName === 'string' ? attributes.forecastCategoryName : null,
      },
    ];
  });
}

/** The stage path of a record type (the Master one when the record has none), in the org's order. */
export function getStages(
  client: SalesforceClient,
  recordTypeId: string | null,
  signal?: AbortSignal,
): Promise<StageValue[]> {
  const recordType = checkedId(recordTypeId ?? MASTER_RECORD_TYPE_ID);
  return client.request(
    `/ui-api/object-info/Opportunity/picklist-values/${recordType}/StageName`,
    withSignal(signal),
    parseStagePicklist,
  );
}

/** Whether moving to `value` closes the deal (won or lost), by the picklist's own attributes. */
export function isClosedStage(stages: readonly StageValue[], value: string | null): boolean {
  return stages.some((stage) => stage.value === value && stage.closed);
}

// ------------------------------------------------------------------ tying a record to the conversation

export type TiedObject = 'Opportunity' | 'Case';

export function recordUrl(apiVersion: string, sobject: TiedObject | 'ContentNote', recordId: string): string {
  return `/services/data/${apiVersion}/sobjects/${sobject}/${checkedId(recordId)}`;
}

/** The upsert resource for the conversation's id, URL-encoded (an id may hold `/`, `%`, `?` or `#`). */
export function externalIdUrl(apiVersion: string, sobject: TiedObject, conversationId: string): string {
  return `/services/data/${apiVersion}/sobjects/${sobject}/${CONVERSATION_FIELD}/${encodeURIComponent(conversationId)}`;
}

function clearTie(apiVersion: string, sobject: TiedObject, recordId: string): CompositeSubrequest {
  return {
    method: 'PATCH',
    url: recordUrl(apiVersion, sobject, recordId),
    referenceId: 'untie',
    body: { [CONVERSATION_FIELD]: null },
  };
}

export interface TieInput {
  sobject: TiedObject;
  recordId: string;
  conversationId: string;
  /** The record that holds the tie now (conversationId__c is unique: at most one), or null. */
  tiedId: string | null;
  apiVersion: string;
}

/**
 * Ties a record to the conversation. When another record holds the tie, the tie moves in one all-or-nothing
 * composite: clear the old one, then set the new one. Sending it again gives the same end state.
 */
export function tieOperation(input: TieInput): OutboxOperation {
  const set = { [CONVERSATION_FIELD]: input.conversationId };
  if (input.tiedId === null || input.tiedId === input.recordId) {
    return { kind: 'update', sobject: input.sobject, id: checkedId(input.recordId), fields: set };
  }
  return {
    kind: 'composite',
    allOrNone: true,
    subrequests: [
      clearTie(input.apiVersion, input.sobject, input.tiedId),
      {
        method: 'PATCH',
        url: recordUrl(input.apiVersion, input.sobject, input.recordId),
        referenceId: 'tie',
        body: set,
      },
    ],
  };
}

export function untieOperation(sobject: TiedObject, recordId: string): OutboxOperation {
  return { kind: 'update', sobject, id: checkedId(recordId), fields: { [CONVERSATION_FIELD]: null } };
}

/**
 * Creates a record tied to the conversation with an upsert by the external id: a second send finds the
 * record the first one made and writes the same values again. When another record holds the tie, it is
 * cleared first in the same all-or-nothing composite (the new record takes it over).
 */
export function createTiedOperation(input: {
  sobject: TiedObject;
  conversationId: string;
  fields: Record<string, FieldValue>;
  tiedId: string | null;
  apiVersion: string;
}): OutboxOperation {
  const fields = Object.fromEntries(Object.entries(input.fields).filter(([name]) => name !== CONVERSATION_FIELD));
  if (input.tiedId === null)
    return {
      kind: 'upsert',
      sobject: input.sobject,
      externalIdField: CONVERSATION_FIELD,
      externalId: input.conversationId,
      fields,
    };
  return {
    kind: 'composite',
    allOrNone: true,
    subrequests: [
      clearTie(input.apiVersion, input.sobject, input.tiedId),
      {
        method: 'PATCH',
        url: externalIdUrl(input.apiVersion, input.sobject, input.conversationId),
        referenceId: 'created',
        body: fields,
      },
    ],
  };
}

// ------------------------------------------------------------------ what went wrong with a write

export type WriteProblem =
  /** No create/edit access to the object (or to this record). */
  | { kind: 'object-access'; sobject: string }
  /** A field the user can't set (field-level security, or missing from the org). */
  | { kind: 'field-access'; sobject: string; field: string; label: string }
  /** Another record already carries this conversation (conversationId__c is unique). */
  | { kind: 'tie-taken'; sobject: string }
  /** Several records carry this conversation (the field is not unique in this org). */
  | { kind: 'several-tied'; sobject: string }
  | { kind: 'other'; message: string };

function fieldProblem(sobject: string, info: ObjectInfo | null, field: string): WriteProblem {
  const label = field === CONVERSATION_FIELD ? 'conversationId' : (info?.fields.get(field)?.label ?? field);
  return { kind: 'field-access', sobject, field, label };
}

/** Fields of a write the user can't set, known from the describe before anything is sent; null when all is writable. */
export function blockedWrite(
  info: ObjectInfo | null,
  sobject: string,
  fieldNames: readonly string[],
  mode: 'create' | 'update',
): WriteProblem | null {
  if (!info) return null;
  if (!info.accessible || (mode === 'create' ? !info.createable : !info.updateable))
    return { kind: 'object-access', sobject };
  for (const name of fieldNames) {
    const field = info.fields.get(name);
    if (!field || !(mode === 'create' ? field.createable : field.updateable)) return fieldProblem(sobject, info, name);
  }
  return null;
}

/** What a refused write means for the agent: access (object, field), the conversation's tie, or Salesforce's own message. */
export function writeProblem(
  error: Pick<OutboxItemError, 'errorCode' | 'message' | 'fields'>,
  sobject: string,
  info: ObjectInfo | null,
): WriteProblem {
  const field = error.fields[0];
  switch (error.errorCode) {
    case 'INSUFFICIENT_ACCESS_OR_READONLY':
    case 'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY':
    case 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY':
      return field ? fieldProblem(sobject, info, field) : { kind: 'object-access', sobject };
    case 'INVALID_FIELD_FOR_INSERT_UPDATE':
      return fieldProblem(sobject, info, field ?? CONVERSATION_FIELD);
    case 'DUPLICATE_VALUE':
      return error.fields.includes(CONVERSATION_FIELD) || error.message.includes(CONVERSATION_FIELD)
        ? { kind: 'tie-taken', sobject }
        : { kind: 'other', message: error.message };
    case 'MULTIPLE_CHOICES':
      return { kind: 'several-tied', sobject };
    case 'NOT_FOUND':
      if (/external ID field/i.test(error.message)) return fieldProblem(sobject, info, CONVERSATION_FIELD);
      return { kind: 'other', message: error.message };
    default:
      return { kind: 'other', message: error.message };
  }
}

// ------------------------------------------------------------------ notes

export interface NoteRow {
  id: string;
  title: string;
  /** Salesforce's plain-text preview (the first 255 characters). */
  preview: string;
  lastModified: string | null;
  createdById: string | null;
}

export type NotesAnswer = { kind: 'notes'; notes: NoteRow[] } | { kind: 'classic-only' } | { kind: 'unavailable' };

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

/** Plain text as note HTML: escaped, one `<p>` per line (Salesforce strips newlines from a note). */
export function noteHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join('');
}

/** Base64 of the UTF-8 bytes (plain `btoa` only takes Latin-1). */
export function base64Utf8(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let start = 0; start < bytes.length; start += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  return btoa(binary);
}

/** ContentNote.Content for plain text. */
export function noteContent(text: string): string {
  return base64Utf8(noteHtml(text));
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]+);/gi, (match, name: string) => {
    if (name.startsWith('#')) {
      const code =
        name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)
        ? String.fromCodePoint(code)
        : match;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? match;
  });
}

/** A note's HTML as plain text: paragraphs and line breaks become lines, other markup goes, entities are decoded. */
export function noteText(html: string): string {
  const lines = html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|h[1-6])\s*>/gi, '\n')
    .replace(/<[^>]*>/g, '');
  return decodeEntities(lines).replace(/\n$/, '');
}

function parseNote(row: Row): NoteRow | null {
  const noteId = str(row, 'Id');
  if (!noteId) return null;
  return {
    id: noteId,
    title: str(row, 'Title') ?? '',
    preview: str(row, 'TextPreview') ?? '',
    lastModified: str(row, 'LastModifiedDate'),
    createdById: str(row, 'CreatedById'),
  };
}

const describeOrNull = (describes: DescribeCache, name: string): Promise<ObjectInfo | null> =>
  describes.get(name).catch(() => null);

/**
 * The notes linked to a record, newest first. An org that has only classic Notes (no ContentNote for this
 * user) says so instead: those notes are not Lightning notes and are not shown here.
 */
export async function getNotes(
  client: SalesforceClient,
  describes: DescribeCache,
  recordId: string,
  signal?: AbortSignal,
): Promise<NotesAnswer> {
  const [content, link, classic] = await Promise.all([
    describeOrNull(describes, 'ContentNote'),
    describeOrNull(describes, 'ContentDocumentLink'),
    describeOrNull(describes, 'Note'),
  ]);
  if (!content?.accessible || !content.queryable || !link?.accessible)
    return classic?.accessible === true ? { kind: 'classic-only' } : { kind: 'unavailable' };
  // A ContentDocumentLink query must filter on LinkedEntityId or ContentDocumentId (README "Salesforce API facts").
  const links = await client.request(
    queryPath(
      soql`SELECT ContentDocumentId FROM ContentDocumentLink WHERE LinkedEntityId = ${id(recordId)} LIMIT ${500}`,
    ),
    withSignal(signal),
    parseRecords,
  );
  const documentIds = [...new Set(links.flatMap((row) => str(row, 'ContentDocumentId') ?? []))].filter((value) =>
    RECORD_ID.test(value),
  );
  if (documentIds.length === 0) return { kind: 'notes', notes: [] };
  const wanted = readableFields(content, ['Id', 'Title', 'TextPreview', 'LastModifiedDate', 'CreatedById']);
  const rows = await client.request(
    queryPath(
      soql`SELECT ${fieldList(wanted)} FROM ContentNote WHERE Id IN ${documentIds.map(id)} ORDER BY LastModifiedDate DESC`,
    ),
    withSignal(signal),
    parseRecords,
  );
  return { kind: 'notes', notes: rows.flatMap((row) => parseNote(row) ?? []) };
}

/** A note's whole text (`GET /sobjects/ContentNote/{id}/Content` answers the HTML bytes; SOQL only gives its URL). */
export function getNoteText(client: SalesforceClient, noteId: string, signal?: AbortSignal): Promise<string> {
  return client.request(
    `/sobjects/ContentNote/${checkedId(noteId)}/Content`,
    { responseType: 'text', headers: { Accept: '*/*' }, ...withSignal(signal) },
    (text) => {
      if (typeof text !== 'string') throw new Error('the note has no content');
      return noteText(text);
    },
  );
}

export interface NewNote {
  apiVersion: string;
  recordId: string;
  title: string;
  text: string;
  userId: string;
  /** The enqueue time minus the clock slack: a note of this user with this title created since then is this one. */
  createdSince: Date;
}

/**
 * Adds a note to a record in one all-or-nothing composite: the ContentNote, then its ContentDocumentLink
 * (`@{note.id}`). The Title is the note's marker: the composite begins with a guard that finds the user only
 * when no note of theirs with this Title was created since `createdSince`, and the next subrequest reads
 * that result. Sent again after an attempt that committed, the guard finds nothing, the reference fails and
 * nothing is written: the note exists once. (`findSavedNote` then tells the form it was saved.)
 */
export function addNoteOperation(note: NewNote): OutboxOperation {
  const base = `/services/data/${note.apiVersion}`;
  const earlier = soql`SELECT CreatedById FROM ContentNote WHERE Title = ${note.title} AND CreatedDate >= ${note.createdSince}`;
  const guard = soql`SELECT Id FROM User WHERE Id = ${id(note.userId)} AND Id NOT IN ${sub(earlier)}`;
  return {
    kind: 'composite',
    allOrNone: true,
    subrequests: [
      { method: 'GET', url: `${base}${queryPath(guard)}`, referenceId: 'unsaved' },
      { method: 'GET', url: `${base}/sobjects/User/@{unsaved.records[0].Id}?fields=Id`, referenceId: 'firstTime' },
      {
        method: 'POST',
        url: `${base}/sobjects/ContentNote`,
        referenceId: 'note',
        body: { Title: note.title, Content: noteContent(note.text) },
      },
      {
        method: 'POST',
        url: `${base}/sobjects/ContentDocumentLink`,
        referenceId: 'link',
        body: {
          ContentDocumentId: '@{note.id}',
          LinkedEntityId: checkedId(note.recordId),
          ShareType: 'V',
          Visibility: 'AllUsers',
        },
      },
    ],
  };
}

/** The Title an add-note operation carries (its marker), or null for another operation. */
export function noteTitleOf(op: OutboxOperation): string | null {
  if (op.kind !== 'composite') return null;
  const body = op.subrequests.find((subrequest) => subrequest.referenceId === 'note')?.body;
  return isRecord(body) && typeof body.Title === 'string' ? body.Title : null;
}

/** The note of this user with this Title, linked to the record and created since `createdSince`, or null. */
export async function findSavedNote(
  client: SalesforceClient,
  input: { recordId: string; title: string; userId: string; createdSince: Date },
  signal?: AbortSignal,
): Promise<string | null> {
  const rows = await client.request(
    queryPath(
      soql`SELECT ContentDocumentId FROM ContentDocumentLink WHERE LinkedEntityId = ${id(input.recordId)} AND ContentDocument.Title = ${input.title} AND ContentDocument.CreatedById = ${id(input.userId)} AND ContentDocument.CreatedDate >= ${input.createdSince} LIMIT ${1}`,
    ),
    withSignal(signal),
    parseRecords,
  );
  return rows.flatMap((row) => str(row, 'ContentDocumentId') ?? [])[0] ?? null;
}

/** Whether this user already made a note with this Title since `createdSince` (anywhere): then the title can't mark a new one. */
export async function noteTitleTaken(
  client: SalesforceClient,
  input: { title: string; userId: string; createdSince: Date },
  signal?: AbortSignal,
): Promise<boolean> {
  const rows = await client.request(
    queryPath(
      soql`SELECT Id FROM ContentNote WHERE Title = ${input.title} AND CreatedById = ${id(input.userId)} AND CreatedDate >= ${input.createdSince} LIMIT ${1}`,
    ),
    withSignal(signal),
    parseRecords,
  );
  return rows.length > 0;
}

/** Title and content of an existing note (only those two are updateable); sending it again changes nothing more. */
export function editNoteOperation(noteId: string, title: string, text: string): OutboxOperation {
  return {
    kind: 'update',
    sobject: 'ContentNote',
    id: checkedId(noteId),
    fields: { Title: title, Content: noteContent(text) },
  };
}

// ------------------------------------------------------------------ tasks of a record

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

const relationName = (row: Row, key: string): string | null => (isRecord(row[key]) ? str(row[key], 'Name') : null);

function parseTask(row: Row): RecordTask | null {
  const taskId = str(row, 'Id');
  if (!taskId) return null;
  return {
    id: taskId,
    subject: str(row, 'Subject') ?? '',
    status: str(row, 'Status'),
    priority: str(row, 'Priority'),
    date: str(row, 'ActivityDate'),
    isClosed: row.IsClosed === true,
    whoName: relationName(row, 'Who'),
    ownerName: relationName(row, 'Owner'),
    lastModified: str(row, 'LastModifiedDate'),
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
