/**
 * The REST API under `/services/data/vNN.0`: query (with paging), search, sObject CRUD and upsert,
 * describe, composite (references, allOrNone), sObject Collections, UI API picklists and limits.
 * Requests are authenticated by the Bearer token; every non-2xx is the JSON error array Salesforce sends.
 */
import {
  allPicklistValues,
  describeGlobal,
  describeSObject,
  objectInfo,
  picklistValues,
  sobjectBasicInfo,
} from './describe';
import type { LogEntry, SalesforceEmulator } from './emulator';
import { SUPPORTED_API_VERSIONS, errorResponse, jsonResponse } from './emulator';
import { SfApiError, errors, sfError } from './errors';
import { isId } from './ids';
import { accessTokenOf } from './oauth';
import { runSoql } from './soql';
import { runParameterizedSearch, runSosl } from './sosl';
import type { WriteContext } from './store';

export interface RestContext {
  emulator: SalesforceEmulator;
  method: string;
  /** The path after the version, e.g. `/sobjects/Lead/00Q...`. */
  path: string;
  query: URLSearchParams;
  body: unknown;
  headers: Headers;
  apiVersion: string;
  userId: string;
}

export interface RestResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** A binary answer (a blob field's bytes) instead of JSON. */
  raw?: { bytes: Uint8Array<ArrayBuffer>; contentType: string };
}

const ok = (body: unknown, status = 200, headers?: Record<string, string>): RestResult =>
  headers ? { status, body, headers } : { status, body };

function versionNumber(apiVersion: string): number {
  return Number(apiVersion.replace(/^v/, ''));
}

function duplicateRuleAllowsSave(headers: Headers): boolean {
  const header = headers.get('sforce-duplicate-rule-header');
  if (!header) return false;
  return header
    .split(/[,;]/)
    .map((part) => part.trim().toLowerCase().replace(/\s+/g, ''))
    .includes('allowsave=true');
}

function writeContext(ctx: RestContext): WriteContext {
  return { userId: ctx.userId, allowSave: duplicateRuleAllowsSave(ctx.headers), apiVersion: ctx.apiVersion };
}

function requireObjectBody(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw errors.jsonParser(
      'Cannot deserialize instance of sObject from START_ARRAY value or request may be missing a required field',
    );
  }
  return body as Record<string, unknown>;
}

function recordUrl(apiVersion: string, type: string, id: string): string {
  return `/services/data/${apiVersion}/sobjects/${type}/${id}`;
}

// ---------------------------------------------------------------- query and search

function runQuery(ctx: RestContext, includeDeleted: boolean): RestResult {
  const soql = ctx.query.get('q');
  if (soql === null || soql.trim() === '') throw errors.malformedQuery('A query string has to be specified');
  const result = runSoql(ctx.emulator.store, soql, { apiVersion: ctx.apiVersion, includeDeleted });
  return ok(page(ctx, null, result.records, result.totalSize, 0, batchSizeFor(ctx), includeDeleted));
}

/**
 * Rows per page: `Sforce-Query-Options: batchSize=` asks for 200..2000 (§2.2), 2000 by default; the org's
 * `queryBatchSize` setting caps it so tests can page through a few rows.
 */
function batchSizeFor(ctx: RestContext): number {
  const header = /batchSize=(\d+)/i.exec(ctx.headers.get('sforce-query-options') ?? '');
  const requested = header ? Math.max(200, Math.min(2000, Number(header[1]))) : 2000;
  return Math.max(1, Math.min(requested, ctx.emulator.settings.queryBatchSize));
}

/** One page of a result; later pages keep the first page's locator and count the offset up (`-2000`, `-4000`). */
function page(
  ctx: RestContext,
  locator: string | null,
  rows: unknown[],
  totalSize: number,
  offset: number,
  batchSize: number,
  includeDeleted: boolean,
) {
  const slice = rows.slice(offset, offset + batchSize);
  const next = offset + batchSize;
  if (next >= rows.length) return { totalSize, done: true, records: slice };
  const emulator = ctx.emulator;
  let id = locator;
  if (id === null) {
    emulator.cursorSeq += 1;
    id = `01g5g00000${String(emulator.cursorSeq).padStart(5, '0')}ABC`;
    emulator.cursors.set(id, { rows, totalSize, batchSize });
  }
  const resource = includeDeleted ? 'queryAll' : 'query';
  return {
    totalSize,
    done: false,
    nextRecordsUrl: `/services/data/${ctx.apiVersion}/${resource}/${id}-${String(next)}`,
    records: slice,
  };
}

function nextPage(ctx: RestContext, locatorWithOffset: string, includeDeleted: boolean): RestResult {
  const match = /^(.+)-(\d+)$/.exec(locatorWithOffset);
  const locator = match?.[1] ?? '';
  const cursor = ctx.emulator.cursors.get(locator);
  if (!match || !cursor) throw sfError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
  return ok(page(ctx, locator, cursor.rows, cursor.totalSize, Number(match[2]), cursor.batchSize, includeDeleted));
}

// ---------------------------------------------------------------- sObjects

function createRecord(ctx: RestContext, objectName: string, body: unknown): RestResult {
  const input = requireObjectBody(body);
  const id = ctx.emulator.store.create(objectName, input, writeContext(ctx));
  const type = ctx.emulator.store.get(id)?.type ?? objectName;
  return ok({ id, success: true, errors: [] }, 201, { Location: recordUrl(ctx.apiVersion, type, id) });
}

function readRecord(ctx: RestContext, objectName: string, id: string): RestResult {
  const store = ctx.emulator.store;
  const def = store.visibleObject(objectName);
  if (!def) throw errors.notFound();
  if (!isId(id)) throw errors.notFound();
  const record = store.get(id);
  if (record?.type !== def.name) throw errors.notFound();
  const fieldsParam = ctx.query.get('fields');
  let names: string[] | undefined;
  if (fieldsParam !== null) {
    names = fieldsParam
      .split(',')
      .map((f) => f.trim())
      .filter(Boolean);
    const unknown = names.find((name) => !store.visibleField(def.name, name));
    if (unknown)
      throw errors.invalidField(
        `No such column '${unknown}' on entity '${def.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
      );
  }
  const values = store.project(record, names);
  return ok({
    attributes: { type: def.name, url: recordUrl(ctx.apiVersion, def.name, String(record.values.Id)) },
    ...values,
  });
}

/** `value` is the URL segment, already percent-decoded once by the router. */
function upsert(ctx: RestContext, objectName: string, fieldName: string, value: string, body: unknown): RestResult {
  const store = ctx.emulator.store;
  const input = requireObjectBody(body);
  const matches = store.findByExternalId(objectName, fieldName, value);
  const def = store.visibleObject(objectName);
  if (!def) throw errors.notFound();
  const field = store.visibleField(def.name, fieldName);
  const fieldKey = field?.name ?? fieldName;
  const bodyValue = Object.entries(input).find(([key]) => key.toLowerCase() === fieldKey.toLowerCase())?.[1];
  if (bodyValue !== undefined && bodyValue !== value) {
    throw sfError(
      400,
      'INVALID_FIELD',
      `The value of the external ID field ${fieldKey} in the body doesn't match the value in the URL`,
      [fieldKey],
    );
  }
  if (matches.length > 1) {
    return ok(
      matches.map((m) => recordUrl(ctx.apiVersion, def.name, String(m.values.Id))),
      300,
    );
  }
  const existing = matches[0];
  if (existing) {
    const id = String(existing.values.Id);
    const updates = Object.fromEntries(
      Object.entries(input).filter(([key]) => key.toLowerCase() !== fieldKey.toLowerCase()),
    );
    store.update(def.name, id, updates, writeContext(ctx));
    if (versionNumber(ctx.apiVersion) <= 45) return { status: 204 };
    return ok({ id, success: true, errors: [], created: false }, 200);
  }
  if (ctx.query.get('updateOnly') === 'true') throw errors.notFound();
  if (fieldKey === 'Id') throw errors.notFound();
  const id = store.create(def.name, { ...input, [fieldKey]: value }, writeContext(ctx));
  return ok({ id, success: true, errors: [], created: true }, 201, {
    Location: recordUrl(ctx.apiVersion, def.name, id),
  });
}

/** A base64 field's content as bytes, or null when `fieldName` is not a base64 field of the object. */
function blobField(ctx: RestContext, objectName: string, id: string, fieldName: string): RestResult | null {
  const store = ctx.emulator.store;
  const def = store.visibleObject(objectName);
  const field = def ? store.visibleField(def.name, fieldName) : undefined;
  if (!def || field?.type !== 'base64') return null;
  const record = store.get(id);
  if (record?.type !== def.name) throw errors.notFound();
  const value = store.value(record, field.name);
  if (typeof value !== 'string') throw errors.notFound();
  return {
    status: 200,
    raw: { bytes: Uint8Array.from(atob(value), (c) => c.charCodeAt(0)), contentType: 'application/octet-stream' },
  };
}

function sobjects(ctx: RestContext, segments: string[]): RestResult {
  const store = ctx.emulator.store;
  const [objectName, second, third, fourth] = segments;
  if (objectName === undefined) {
    if (ctx.method !== 'GET') throw errors.methodNotAllowed(ctx.method);
    return ok(describeGlobal(store, ctx.apiVersion));
  }
  if (fourth !== undefined) throw errors.notFound();
  if (second === undefined) {
    if (ctx.method === 'GET') return ok(sobjectBasicInfo(store, objectName, ctx.apiVersion));
    if (ctx.method === 'POST') return createRecord(ctx, objectName, ctx.body);
    throw errors.methodNotAllowed(ctx.method);
  }
  if (third === undefined) {
    if (second === 'describe') {
      if (ctx.method !== 'GET') throw errors.methodNotAllowed(ctx.method);
      return ok(describeSObject(store, objectName, ctx.apiVersion));
    }
    const id = second;
    switch (ctx.method) {
      case 'GET':
        return readRecord(ctx, objectName, id);
      case 'PATCH':
        store.update(objectName, id, requireObjectBody(ctx.body), writeContext(ctx));
        return { status: 204 };
      case 'DELETE':
        if (!isId(id)) throw errors.notFound();
        store.delete(objectName, id);
        return { status: 204 };
      default:
        throw errors.methodNotAllowed(ctx.method);
    }
  }
  // /sobjects/{object}/{id}/{blobField}: the bytes of a base64 field (SOQL and reads give its URL on a real org).
  if (ctx.method === 'GET' && isId(second)) {
    const blob = blobField(ctx, objectName, second, third);
    if (blob) return blob;
  }
  // /sobjects/{object}/{externalIdField}/{value}
  switch (ctx.method) {
    case 'PATCH':
      return upsert(ctx, objectName, second, third, ctx.body);
    case 'GET': {
      const matches = store.findByExternalId(objectName, second, third);
      if (matches.length > 1)
        return ok(
          matches.map((m) => recordUrl(ctx.apiVersion, m.type, String(m.values.Id))),
          300,
        );
      const record = matches[0];
      if (!record) throw errors.notFound();
      return readRecord(ctx, objectName, String(record.values.Id));
    }
    case 'DELETE': {
      const matches = store.findByExternalId(objectName, second, third);
      if (matches.length > 1)
        return ok(
          matches.map((m) => recordUrl(ctx.apiVersion, m.type, String(m.values.Id))),
          300,
        );
      const record = matches[0];
      if (!record) throw errors.notFound();
      store.delete(objectName, String(record.values.Id));
      return { status: 204 };
    }
    default:
      throw errors.methodNotAllowed(ctx.method);
  }
}

// ---------------------------------------------------------------- composite

type Json = unknown;

/** Resolves `@{ref.path}` against earlier subresponse bodies (`@{lead.id}`, `@{q.records[0].Id}`). */
function resolveReferences(value: Json, results: Map<string, Json>): Json {
  if (typeof value === 'string') {
    const whole = /^@\{([^}]+)\}$/.exec(value);
    if (whole) return lookupReference(whole[1] ?? '', results);
    return value.replace(/@\{([^}]+)\}/g, (_match, expression: string) => {
      const resolved = lookupReference(expression, results);
      return typeof resolved === 'string' ? resolved : JSON.stringify(resolved);
    });
  }
  if (Array.isArray(value)) return value.map((item) => resolveReferences(item, results));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, resolveReferences(inner, results)]));
  }
  return value;
}

class UnresolvedReference extends Error {}

function lookupReference(expression: string, results: Map<string, Json>): Json {
  const parts = expression.split('.');
  const referenceId = parts.shift() ?? '';
  if (!results.has(referenceId)) throw new UnresolvedReference(expression);
  let current: Json = results.get(referenceId);
  for (const part of parts) {
    const indexed = /^([^[\]]+)((?:\[\d+\])*)$/.exec(part);
    if (!indexed) throw new UnresolvedReference(expression);
    current =
      typeof current === 'object' && current !== null ? (current as Record<string, Json>)[indexed[1] ?? ''] : undefined;
    for (const index of (indexed[2] ?? '').matchAll(/\[(\d+)\]/g)) {
      current = Array.isArray(current) ? (current as Json[])[Number(index[1])] : undefined;
    }
    if (current === undefined || current === null) throw new UnresolvedReference(expression);
  }
  return current;
}

interface SubRequest {
  method: string;
  url: string;
  referenceId: string;
  body?: unknown;
  httpHeaders?: Record<string, string>;
}

function parseSubRequests(body: unknown): { allOrNone: boolean; requests: SubRequest[] } {
  const input = requireObjectBody(body);
  const list = input.compositeRequest;
  if (!Array.isArray(list) || list.length === 0) {
    throw sfError(400, 'JSON_PARSER_ERROR', 'compositeRequest is required and must contain at least one subrequest');
  }
  if (list.length > 25) throw sfError(400, 'LIMIT_EXCEEDED', 'Maximum number of subrequests (25) exceeded');
  const requests = list.map((item: unknown, index): SubRequest => {
    if (typeof item !== 'object' || item === null)
      throw sfError(400, 'JSON_PARSER_ERROR', `Subrequest ${String(index)} is not an object`);
    const r = item as Record<string, unknown>;
    if (typeof r.method !== 'string' || typeof r.url !== 'string' || typeof r.referenceId !== 'string') {
      throw sfError(400, 'INVALID_INPUT', 'Each subrequest requires method, url and referenceId');
    }
    const sub: SubRequest = { method: r.method.toUpperCase(), url: r.url, referenceId: r.referenceId };
    if (r.body !== undefined) sub.body = r.body;
    if (typeof r.httpHeaders === 'object' && r.httpHeaders !== null) {
      sub.httpHeaders = Object.fromEntries(
        Object.entries(r.httpHeaders).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
      );
    }
    return sub;
  });
  const ids = new Set<string>();
  for (const r of requests) {
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(r.referenceId))
      throw sfError(400, 'INVALID_INPUT', `Invalid referenceId: ${r.referenceId}`);
    if (ids.has(r.referenceId))
      throw sfError(400, 'DUPLICATE_VALUE', `Duplicate referenceId provided in the request: ${r.referenceId}`);
    ids.add(r.referenceId);
  }
  const heavy = requests.filter((r) => /\/(query|queryAll)(\/|\?|$)|\/composite\/sobjects/.test(r.url)).length;
  if (heavy > 5)
    throw sfError(400, 'LIMIT_EXCEEDED', 'Maximum number of query or sObject Collection subrequests (5) exceeded');
  return { allOrNone: input.allOrNone === true, requests };
}

const HALTED = 'The transaction was rolled back since another operation in the same transaction failed.';

async function composite(ctx: RestContext, entry: LogEntry | null): Promise<RestResult> {
  if (ctx.method !== 'POST') throw errors.methodNotAllowed(ctx.method);
  const { allOrNone, requests } = parseSubRequests(ctx.body);
  if (entry) entry.subrequests = requests.map((r) => `${r.method} ${r.url}`);
  const store = ctx.emulator.store;
  const snapshot = allOrNone ? store.snapshot() : null;
  const results = new Map<string, Json>();
  const responses: {
    body: unknown;
    httpHeaders: Record<string, string>;
    httpStatusCode: number;
    referenceId: string;
  }[] = [];
  let failedAt = -1;
  for (const [index, sub] of requests.entries()) {
    if (failedAt >= 0 && allOrNone) {
      responses.push({
        body: [{ errorCode: 'PROCESSING_HALTED', message: HALTED }],
        httpHeaders: {},
        httpStatusCode: 400,
        referenceId: sub.referenceId,
      });
      continue;
    }
    let result: RestResult;
    try {
      const url = resolveReferences(sub.url, results) as string;
      const body = sub.body === undefined ? undefined : resolveReferences(sub.body, results);
      result = await dispatchInternal(ctx, sub.method, url, body, sub.httpHeaders);
    } catch (error) {
      if (error instanceof UnresolvedReference) {
        const ref = error.message.split('.')[0] ?? '';
        result = {
          status: 400,
          body: [
            {
              errorCode: 'PROCESSING_HALTED',
              message: `Invalid reference specified. No value for ${error.message} found in ${ref}. Provided referenceId ('${ref}') must be one of the preceding subrequests' referenceId values.`,
            },
          ],
        };
      } else if (error instanceof SfApiError) {
        result = { status: error.status, body: error.body };
      } else {
        throw error;
      }
    }
    if (result.status >= 400 && failedAt < 0) failedAt = index;
    if (result.status < 300) results.set(sub.referenceId, result.body ?? null);
    responses.push({
      body: result.body ?? null,
      httpHeaders: result.headers ?? {},
      httpStatusCode: result.status,
      referenceId: sub.referenceId,
    });
  }
  if (allOrNone && failedAt >= 0 && snapshot) {
    store.restore(snapshot);
    responses.forEach((response, index) => {
      if (index !== failedAt && response.httpStatusCode < 400) {
        response.body = [{ errorCode: 'PROCESSING_HALTED', message: HALTED }];
        response.httpStatusCode = 400;
        response.httpHeaders = {};
      }
    });
  }
  return ok({ compositeResponse: responses });
}

async function dispatchInternal(
  ctx: RestContext,
  method: string,
  url: string,
  body: unknown,
  headers?: Record<string, string>,
): Promise<RestResult> {
  const parsed = new URL(url, 'https://composite.invalid');
  const match = /^\/services\/data\/v(\d+\.\d)(\/.*)?$/.exec(parsed.pathname.replace(/\/+$/, ''));
  if (!match || !SUPPORTED_API_VERSIONS.includes(match[1] ?? '')) throw errors.notFound();
  const subHeaders = new Headers(ctx.headers);
  for (const [key, value] of Object.entries(headers ?? {})) subHeaders.set(key, value);
  return dispatch(
    {
      ...ctx,
      method,
      path: match[2] ?? '',
      query: parsed.searchParams,
      body,
      headers: subHeaders,
      apiVersion: `v${match[1] ?? ''}`,
    },
    null,
  );
}

async function compositeBatch(ctx: RestContext): Promise<RestResult> {
  const input = requireObjectBody(ctx.body);
  const list = input.batchRequests;
  if (!Array.isArray(list) || list.length === 0 || list.length > 25)
    throw sfError(400, 'INVALID_BATCH_REQUEST', 'batchRequests must hold 1 to 25 subrequests');
  const haltOnError = input.haltOnError === true;
  const results: { statusCode: number; result: unknown }[] = [];
  let halted = false;
  for (const item of list as unknown[]) {
    if (halted) {
      results.push({
        statusCode: 412,
        result: [{ errorCode: 'BATCH_PROCESSING_HALTED', message: 'Batch processing halted per request' }],
      });
      continue;
    }
    const r = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    const url = typeof r.url === 'string' ? r.url : '';
    let result: RestResult;
    try {
      result = await dispatchInternal(
        ctx,
        typeof r.method === 'string' ? r.method.toUpperCase() : 'GET',
        url.startsWith('/') ? url : `/services/data/${url}`,
        r.richInput,
      );
    } catch (error) {
      if (!(error instanceof SfApiError)) throw error;
      result = { status: error.status, body: error.body };
    }
    if (result.status >= 400 && haltOnError) halted = true;
    results.push({ statusCode: result.status, result: result.body ?? null });
  }
  return ok({ hasErrors: results.some((r) => r.statusCode >= 400), results });
}

// ---------------------------------------------------------------- sObject Collections

function collectionError(error: unknown) {
  if (error instanceof SfApiError && Array.isArray(error.body)) {
    return (error.body as { errorCode?: string; message?: string; fields?: string[] }[]).map((e) => ({
      statusCode: e.errorCode ?? 'UNKNOWN_EXCEPTION',
      message: e.message ?? '',
      fields: e.fields ?? [],
    }));
  }
  throw error;
}

function collections(ctx: RestContext, segments: string[]): RestResult {
  const store = ctx.emulator.store;
  const allOrNone =
    ctx.method === 'DELETE'
      ? ctx.query.get('allOrNone') === 'true'
      : (ctx.body as { allOrNone?: unknown } | null)?.allOrNone === true;
  const snapshot = allOrNone ? store.snapshot() : null;
  const writeCtx = writeContext(ctx);
  let results: { id?: string | null; success: boolean; errors: unknown[]; created?: boolean }[];
  const [objectName, extField] = segments;

  if (ctx.method === 'GET' && objectName) {
    const ids = (ctx.query.get('ids') ?? '').split(',').filter(Boolean);
    const fields = ctx.query.get('fields');
    if (ids.length > 200) throw sfError(400, 'LIMIT_EXCEEDED', 'Maximum of 200 ids');
    return ok(
      ids.map((id) => {
        const record = store.get(id);
        const def = store.visibleObject(objectName);
        if (!def || record?.type !== def.name) return null;
        const names = fields ? fields.split(',').map((f) => f.trim()) : undefined;
        return {
          attributes: { type: def.name, url: recordUrl(ctx.apiVersion, def.name, String(record.values.Id)) },
          ...store.project(record, names),
        };
      }),
    );
  }

  if (ctx.method === 'DELETE') {
    const ids = (ctx.query.get('ids') ?? '').split(',').filter(Boolean);
    results = ids.map((id) => {
      try {
        const record = store.get(id, { includeDeleted: true });
        if (!record) throw errors.notFound();
        store.delete(record.type, id);
        return { id, success: true, errors: [] };
      } catch (error) {
        return { id, success: false, errors: collectionError(error) };
      }
    });
  } else {
    const body = requireObjectBody(ctx.body);
    const records = body.records;
    if (!Array.isArray(records)) throw errors.jsonParser('records is required');
    if (records.length > 200)
      throw sfError(
        400,
        'EXCEEDED_ID_LIMIT',
        'record limit reached. cannot submit more than 200 records into this call',
      );
    results = (records as unknown[]).map((item) => {
      try {
        const record = requireObjectBody(item);
        const type = (record.attributes as { type?: unknown } | undefined)?.type;
        const values = { ...record };
        delete values.attributes;
        if (ctx.method === 'POST') {
          if (typeof type !== 'string') throw sfError(400, 'INVALID_FIELD', 'Missing attributes.type', []);
          const id = store.create(type, values, writeCtx);
          return { id, success: true, errors: [] };
        }
        if (ctx.method === 'PATCH' && objectName && extField) {
          const value = values[extField];
          if (typeof value !== 'string')
            throw sfError(400, 'REQUIRED_FIELD_MISSING', `Required fields are missing: [${extField}]`, [extField]);
          const existing = store.findByExternalId(objectName, extField, value);
          if (existing.length > 1)
            throw sfError(300, 'DUPLICATE_EXTERNAL_ID', `Multiple records with external id ${value}`, [extField]);
          const found = existing[0];
          if (found) {
            const id = String(found.values.Id);
            store.update(objectName, id, values, writeCtx);
            return { id, success: true, errors: [], created: false };
          }
          const id = store.create(objectName, values, writeCtx);
          return { id, success: true, errors: [], created: true };
        }
        if (ctx.method === 'PATCH') {
          const id = values.Id;
          if (typeof id !== 'string')
            throw sfError(400, 'MISSING_ARGUMENT', 'Id not specified in an update call', ['Id']);
          const found = store.get(id);
          if (!found) throw store.get(id, { includeDeleted: true }) ? errors.entityIsDeleted() : errors.notFound();
          store.update(typeof type === 'string' ? type : found.type, id, values, writeCtx);
          return { id, success: true, errors: [] };
        }
        throw errors.methodNotAllowed(ctx.method);
      } catch (error) {
        return { id: null, success: false, errors: collectionError(error) };
      }
    });
  }
  if (allOrNone && snapshot && results.some((r) => !r.success)) {
    store.restore(snapshot);
    results = results.map((r) =>
      r.success
        ? {
            id: null,
            success: false,
            errors: [
              {
                statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
                message:
                  'Record rolled back because not all records were valid and the request was using AllOrNone header',
                fields: [],
              },
            ],
          }
        : r,
    );
  }
  return ok(results);
}

// ---------------------------------------------------------------- dispatch

function limits(ctx: RestContext): RestResult {
  const { dailyApiMax } = ctx.emulator.settings;
  const limit = (max: number, remaining: number) => ({ Max: max, Remaining: remaining });
  return ok({
    DailyApiRequests: limit(dailyApiMax, Math.max(0, dailyApiMax - ctx.emulator.apiUsed)),
    DailyAsyncApexExecutions: limit(250000, 250000),
    DailyBulkApiBatches: limit(15000, 15000),
    DataStorageMB: limit(5, 4),
    FileStorageMB: limit(20, 20),
    SingleEmail: limit(15, 15),
  });
}

function resources(ctx: RestContext): RestResult {
  const base = `/services/data/${ctx.apiVersion}`;
  return ok(
    Object.fromEntries(
      ['sobjects', 'query', 'queryAll', 'search', 'parameterizedSearch', 'composite', 'limits', 'ui-api'].map(
        (name) => [name, `${base}/${name}`],
      ),
    ),
  );
}

/** A path segment, percent-decoded once (`%2F` stays inside its segment); a broken escape is not a resource. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw errors.notFound();
  }
}

export async function dispatch(ctx: RestContext, entry: LogEntry | null): Promise<RestResult> {
  const segments = ctx.path.split('/').filter(Boolean).map(decodeSegment);
  const [head, ...rest] = segments;
  switch (head) {
    case undefined:
      return resources(ctx);
    case 'limits':
      return limits(ctx);
    case 'query':
    case 'queryAll': {
      if (ctx.method !== 'GET') throw errors.methodNotAllowed(ctx.method);
      const includeDeleted = head === 'queryAll';
      if (rest[0] !== undefined) return nextPage(ctx, rest[0], includeDeleted);
      return runQuery(ctx, includeDeleted);
    }
    case 'search': {
      if (ctx.method !== 'GET') throw errors.methodNotAllowed(ctx.method);
      const q = ctx.query.get('q');
      if (q === null || q.trim() === '')
        throw errors.malformedSearch('No search term found. The search term must be enclosed in braces.');
      return ok(runSosl(ctx.emulator.store, q, { apiVersion: ctx.apiVersion }));
    }
    case 'parameterizedSearch': {
      if (ctx.method === 'POST')
        return ok(runParameterizedSearch(ctx.emulator.store, ctx.body, { apiVersion: ctx.apiVersion }));
      if (ctx.method === 'GET') {
        const q = ctx.query.get('q');
        const sobject = ctx.query.get('sobject');
        const body: Record<string, unknown> = { q };
        if (sobject) {
          const fields = ctx.query.get(`${sobject}.fields`);
          const limit = ctx.query.get(`${sobject}.limit`);
          body.sobjects = [
            {
              name: sobject,
              ...(fields ? { fields: fields.split(',') } : {}),
              ...(limit ? { limit: Number(limit) } : {}),
            },
          ];
        }
        const inParam = ctx.query.get('in');
        if (inParam) body.in = inParam;
        return ok(runParameterizedSearch(ctx.emulator.store, body, { apiVersion: ctx.apiVersion }));
      }
      throw errors.methodNotAllowed(ctx.method);
    }
    case 'sobjects':
      return sobjects(ctx, rest);
    case 'composite': {
      if (rest[0] === undefined) return composite(ctx, entry);
      if (rest[0] === 'batch' && rest.length === 1) return compositeBatch(ctx);
      if (rest[0] === 'sobjects') return collections(ctx, rest.slice(1));
      throw errors.notFound();
    }
    case 'ui-api': {
      const [kind, objectName, sub, recordTypeId, fieldName, extra] = rest;
      if (ctx.method !== 'GET' || kind !== 'object-info' || objectName === undefined || extra !== undefined)
        throw errors.notFound();
      const store = ctx.emulator.store;
      if (sub === undefined) return ok(objectInfo(store, objectName, ctx.apiVersion));
      if (sub !== 'picklist-values' || recordTypeId === undefined) throw errors.notFound();
      if (fieldName === undefined) return ok(allPicklistValues(store, objectName, recordTypeId, ctx.apiVersion));
      return ok(picklistValues(store, objectName, recordTypeId, fieldName, ctx.apiVersion));
    }
    default:
      throw errors.notFound();
  }
}

async function readJsonBody(request: Request): Promise<unknown> {
  if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'DELETE') return undefined;
  const text = await request.text();
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const first = text.trim().charAt(0);
    throw errors.jsonParser(
      `Unexpected character ('${first}' (code ${String(first.charCodeAt(0))})): expected a valid value (number, String, array, object, 'true', 'false' or 'null') at [line:1, column:1]`,
    );
  }
}

export async function handleRest(
  emulator: SalesforceEmulator,
  request: Request,
  url: URL,
  apiVersion: string,
  path: string,
  entry: LogEntry,
): Promise<Response> {
  const token = accessTokenOf(emulator, request);
  if (!token) return errorResponse(errors.invalidSession());
  const hasApiScope = token.scopes.some((scope) => scope === 'api' || scope === 'full' || scope === 'web');
  if (!hasApiScope || !emulator.settings.restSessionValid) return errorResponse(errors.sessionNotValidForRest());
  if (!emulator.settings.apiEnabled) return errorResponse(errors.apiDisabled());
  if (emulator.apiUsed >= emulator.settings.dailyApiMax) return errorResponse(errors.requestLimit());
  emulator.apiUsed += 1;
  const limitHeader = {
    'Sforce-Limit-Info': `api-usage=${String(emulator.apiUsed)}/${String(emulator.settings.dailyApiMax)}`,
  };
  try {
    const body = await readJsonBody(request);
    const result = await dispatch(
      {
        emulator,
        method: request.method.toUpperCase(),
        path,
        query: url.searchParams,
        body,
        headers: request.headers,
        apiVersion,
        userId: token.userId,
      },
      entry,
    );
    if (result.raw)
      return new Response(result.raw.bytes, {
        status: result.status,
        headers: { 'Content-Type': result.raw.contentType, ...limitHeader, ...(result.headers ?? {}) },
      });
    return jsonResponse(result.status, result.body, { ...limitHeader, ...(result.headers ?? {}) });
  } catch (error) {
    const response = errorResponse(error);
    response.headers.set('Sforce-Limit-Info', limitHeader['Sforce-Limit-Info']);
    return response;
  }
}
