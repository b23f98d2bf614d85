/**
 * What every object's module reads and writes with: record ids checked before they go into a URL or a
 * query, the text of a row's field, the rows of a query answer, and the describe of an object when there is one.
 */
import { isRecord, type Guard } from '@/lib/guards';
import type { DescribeCache, ObjectInfo } from '../describe';

/** A row of a query answer, as Salesforce sent it. */
export type Row = Record<string, unknown>;

const RECORD_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

export function isRecordId(value: string): boolean {
  return RECORD_ID.test(value);
}

/** The id itself, once checked: it goes into URLs and queries. */
export function checkedId(value: string): string {
  if (!isRecordId(value)) throw new Error(`Not a Salesforce record id: ${JSON.stringify(value)}`);
  return value;
}

/** A row (a plain object) of an answer; its fields are read as unknown. */
export const isRow: Guard<Row> = isRecord;

/** A field's text, null when absent or empty. */
export const textOf = (row: Row, key: string): string | null =>
  typeof row[key] === 'string' && row[key] !== '' ? row[key] : null;

/** The Name of a related record (`Owner.Name`, `Who.Name`), null when absent. */
export const relationName = (row: Row, key: string): string | null => {
  const related = row[key];
  return isRow(related) ? textOf(related, 'Name') : null;
};

/** The rows of a query answer (`{ records: [...] }`); anything else is refused. */
export function parseRecords(json: unknown): Row[] {
  if (!isRow(json) || !Array.isArray(json.records)) throw new Error('the answer has no records');
  return json.records.filter(isRow);
}

export function queryPath(query: string): string {
  return `/query?q=${encodeURIComponent(query)}`;
}

export const withSignal = (signal: AbortSignal | undefined) => (signal ? { signal } : {});

/** An object's describe, or null when the user can't describe it (the object is then treated as absent). */
export const describeOrNull = (describes: DescribeCache, name: string): Promise<ObjectInfo | null> =>
  describes.get(name).catch(() => null);
