/**
 * Reads operations and items that come from outside this module's memory: what a caller passes to
 * `enqueue`, and what IndexedDB gives back (which may have been written by an older version of the app,
 * or be corrupt). Nothing is trusted; anything that does not parse is refused rather than guessed.
 */
import { isFiniteNumber, isRecord } from '@/lib/guards';
import type {
  CompositeSubrequest,
  DedupeRule,
  FieldValue,
  OutboxItem,
  OutboxItemError,
  OutboxOperation,
  OutboxState,
} from './types';

/** The version of the stored item format. */
export const ITEM_FORMAT = 1;

export type StoredItem = OutboxItem & { v: typeof ITEM_FORMAT };

const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const RELATIONSHIP_PATH = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/;
const RECORD_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;
const STATES: readonly OutboxState[] = ['pending', 'sending', 'failed', 'done', 'discarded'];
const METHODS: readonly CompositeSubrequest['method'][] = ['GET', 'POST', 'PATCH', 'DELETE'];
/** Salesforce's limit of subrequests in one composite request. */
export const COMPOSITE_MAX_SUBREQUESTS = 25;

type Result<T> = { ok: true; value: T } | { ok: false; reason: string };

const fail = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

function isFieldValue(value: unknown): value is FieldValue {
  return value === null || typeof value === 'string' || typeof value === 'boolean' || isFiniteNumber(value);
}

function readFields(value: unknown, what: string, names: RegExp = NAME): Result<Record<string, FieldValue>> {
  if (!isRecord(value)) return fail(`${what} must be an object`);
  const out: Record<string, FieldValue> = {};
  for (const [key, item] of Object.entries(value)) {
    if (!names.test(key)) return fail(`${what}: ${JSON.stringify(key)} is not a field name`);
    if (!isFieldValue(item)) return fail(`${what}.${key} must be a string, a finite number, a boolean or null`);
    out[key] = item;
  }
  return { ok: true, value: out };
}

function readHeaders(value: unknown): Result<Record<string, string>> {
  if (!isRecord(value)) return fail('headers must be an object');
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) {
    if (!/^[A-Za-z0-9-]+$/.test(key) || typeof item !== 'string')
      return fail(`headers: ${JSON.stringify(key)} must be a header name with a string value`);
    out[key] = item;
  }
  return { ok: true, value: out };
}

function readDedupe(value: unknown): Result<DedupeRule> {
  if (!isRecord(value))
    return fail('a create needs a dedupe rule (how to find the record if an attempt may have saved it)');
  const match = readFields(value.match, 'dedupe.match', RELATIONSHIP_PATH);
  if (!match.ok) return match;
  // An empty match would take any record this user created lately for this one.
  if (Object.keys(match.value).length === 0) return fail('dedupe.match needs at least one field');
  const rule: DedupeRule = { match: match.value };
  if (value.createdWithinMs !== undefined) {
    if (!isFiniteNumber(value.createdWithinMs) || value.createdWithinMs < 0)
      return fail('dedupe.createdWithinMs must be a number ≥ 0');
    rule.createdWithinMs = value.createdWithinMs;
  }
  if (value.updateWith !== undefined) {
    const updateWith = readFields(value.updateWith, 'dedupe.updateWith');
    if (!updateWith.ok) return updateWith;
    rule.updateWith = updateWith.value;
  }
  return { ok: true, value: rule };
}

function readSubrequest(value: unknown, index: number): Result<CompositeSubrequest> {
  if (!isRecord(value)) return fail(`subrequests[${index}] must be an object`);
  const method = METHODS.find((m) => m === value.method);
  if (!method) return fail(`subrequests[${index}].method must be one of ${METHODS.join(', ')}`);
  if (typeof value.url !== 'string' || !value.url.startsWith('/services/data/'))
    return fail(`subrequests[${index}].url must start with /services/data/`);
  if (typeof value.referenceId !== 'string' || !NAME.test(value.referenceId))
    return fail(`subrequests[${index}].referenceId must be a name`);
  const sub: CompositeSubrequest = { method, url: value.url, referenceId: value.referenceId };
  if (value.body !== undefined) sub.body = value.body;
  return { ok: true, value: sub };
}

/** Checks an operation (from a caller or from storage) and copies it, dropping anything unknown. */
export function readOperation(value: unknown): Result<OutboxOperation> {
  if (!isRecord(value)) return fail('the operation must be an object');
  const sobject = value.sobject;
  if (value.kind !== 'composite' && (typeof sobject !== 'string' || !NAME.test(sobject)))
    return fail('sobject must be an object name');
  const objectName = typeof sobject === 'string' ? sobject : '';
  switch (value.kind) {
    case 'create': {
      const fields = readFields(value.fields, 'fields');
      if (!fields.ok) return fields;
      const dedupe = readDedupe(value.dedupe);
      if (!dedupe.ok) return dedupe;
      if (value.headers === undefined)
        return { ok: true, value: { kind: 'create', sobject: objectName, fields: fields.value, dedupe: dedupe.value } };
      const headers = readHeaders(value.headers);
      if (!headers.ok) return headers;
      return {
        ok: true,
        value: {
          kind: 'create',
          sobject: objectName,
          fields: fields.value,
          headers: headers.value,
          dedupe: dedupe.value,
        },
      };
    }
    case 'update': {
      if (typeof value.id !== 'string' || !RECORD_ID.test(value.id)) return fail('id must be a record id');
      const fields = readFields(value.fields, 'fields');
      if (!fields.ok) return fields;
      return { ok: true, value: { kind: 'update', sobject: objectName, id: value.id, fields: fields.value } };
    }
    case 'upsert': {
      if (typeof value.externalIdField !== 'string' || !NAME.test(value.externalIdField))
        return fail('externalIdField must be a field name');
      if (typeof value.externalId !== 'string' || value.externalId === '')
        return fail('externalId must be a non-empty string');
      const fields = readFields(value.fields, 'fields');
      if (!fields.ok) return fields;
      return {
        ok: true,
        value: {
          kind: 'upsert',
          sobject: objectName,
          externalIdField: value.externalIdField,
          externalId: value.externalId,
          fields: fields.value,
        },
      };
    }
    case 'composite': {
      if (value.allOrNone !== true) return fail('a composite write must be allOrNone');
      const list = value.subrequests;
      if (!Array.isArray(list) || list.length === 0 || list.length > COMPOSITE_MAX_SUBREQUESTS) {
        return fail(`subrequests must hold 1 to ${COMPOSITE_MAX_SUBREQUESTS} subrequests`);
      }
      const subrequests: CompositeSubrequest[] = [];
      const references = new Set<string>();
      for (const [index, item] of (list as unknown[]).entries()) {
        const sub = readSubrequest(item, index);
        if (!sub.ok) return sub;
        if (references.has(sub.value.referenceId)) return fail(`referenceId ${sub.value.referenceId} is used twice`);
        references.add(sub.value.referenceId);
        subrequests.push(sub.value);
      }
      return { ok: true, value: { kind: 'composite', allOrNone: true, subrequests } };
    }
    default:
      return fail('kind must be create, update, upsert or composite');
  }
}

function readItemError(value: unknown): OutboxItemError | null {
  if (!isRecord(value)) return null;
  if (typeof value.errorCode !== 'string' || typeof value.message !== 'string' || typeof value.retryable !== 'boolean')
    return null;
  const fields = Array.isArray(value.fields) ? value.fields.filter((f): f is string => typeof f === 'string') : [];
  const error: OutboxItemError = {
    errorCode: value.errorCode,
    message: value.message,
    fields,
    retryable: value.retryable,
  };
  if (Array.isArray(value.duplicates)) {
    error.duplicates = value.duplicates.flatMap((d: unknown) =>
      isRecord(d) && typeof d.id === 'string' && typeof d.type === 'string' ? [{ id: d.id, type: d.type }] : [],
    );
  }
  return error;
}

/** An item read back from IndexedDB, or null when it is not one this version can handle. */
export function readStoredItem(value: unknown): OutboxItem | null {
  if (!isRecord(value) || value.v !== ITEM_FORMAT) return null;
  const { id, scope, label, state, attempts, nextAttemptAt, seq, createdAt, updatedAt } = value;
  if (typeof id !== 'string' || id === '' || typeof scope !== 'string' || typeof label !== 'string') return null;
  const knownState = STATES.find((s) => s === state);
  if (!knownState) return null;
  if (
    !isFiniteNumber(attempts) ||
    !isFiniteNumber(nextAttemptAt) ||
    !isFiniteNumber(seq) ||
    !isFiniteNumber(createdAt) ||
    !isFiniteNumber(updatedAt)
  )
    return null;
  const op = readOperation(value.op);
  if (!op.ok) return null;
  const item: OutboxItem = {
    id,
    scope,
    op: op.value,
    label,
    state: knownState,
    attempts,
    nextAttemptAt,
    seq,
    createdAt,
    updatedAt,
  };
  if (typeof value.group === 'string') item.group = value.group;
  if (typeof value.formKey === 'string') item.formKey = value.formKey;
  if (isFiniteNumber(value.sentAt)) item.sentAt = value.sentAt;
  if (value.ambiguous === true) item.ambiguous = true;
  if (isFiniteNumber(value.ambiguousSince)) item.ambiguousSince = value.ambiguousSince;
  if (typeof value.resultId === 'string') item.resultId = value.resultId;
  const lastError = readItemError(value.lastError);
  if (lastError) item.lastError = lastError;
  // A stored `sending` without sentAt cannot be told from a fresh one: keep it, as ambiguous.
  if (item.state === 'sending' && item.sentAt === undefined) item.ambiguous = true;
  return item;
}

export function toStored(item: OutboxItem): StoredItem {
  return { ...item, v: ITEM_FORMAT };
}
