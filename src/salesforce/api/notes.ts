/**
 * Notes of a record (the Opportunity tab's notes): Lightning notes are ContentNote records linked to the
 * record with a ContentDocumentLink (README "Salesforce API facts"); their Content is HTML, written here
 * from the agent's plain text and read back as plain text. Adding a note is one all-or-nothing composite
 * that refuses to run twice (see `addNoteOperation`); editing one is an update, safe to send again.
 */
import type { SalesforceClient } from '../client';
import { readableFields, type DescribeCache } from '../describe';
import type { OutboxOperation } from '../outbox/types';
import { fields as fieldList, id, soql, sub } from '../soql';
import {
  checkedId,
  describeOrNull,
  isRecordId,
  isRow,
  parseRecords,
  queryPath,
  textOf,
  withSignal,
  type Row,
} from './records';

/** How much earlier than the enqueue a note's record may carry its creation time (clock skew between device and org). */
export const NOTE_CLOCK_SLACK_MS = 10 * 60_000;

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
  const noteId = textOf(row, 'Id');
  if (!noteId) return null;
  return {
    id: noteId,
    title: textOf(row, 'Title') ?? '',
    preview: textOf(row, 'TextPreview') ?? '',
    lastModified: textOf(row, 'LastModifiedDate'),
    createdById: textOf(row, 'CreatedById'),
  };
}

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
  const documentIds = [...new Set(links.flatMap((row) => textOf(row, 'ContentDocumentId') ?? []))].filter((value) =>
    isRecordId(value),
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
  return isRow(body) && typeof body.Title === 'string' ? body.Title : null;
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
  return rows.flatMap((row) => textOf(row, 'ContentDocumentId') ?? [])[0] ?? null;
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
