/**
 * What a failed attempt means for the item (README "Salesforce API facts"): try again later (and whether the
 * attempt may have committed), wait for the user to sign in again, or give up and tell the agent.
 */
import { LOCAL_ERROR_CODES, SalesforceError, errorFromBody } from '../errors';
import { SoqlError } from '../soql';
import type { OutboxItemError } from './types';

export type Outcome =
  | { kind: 'done'; resultId?: string }
  /** Send again after a backoff. `ambiguous`: this attempt may have committed. */
  | { kind: 'retry'; ambiguous: boolean; error: OutboxItemError }
  /** No usable session: stay pending, untouched, until the user signs in again. */
  | { kind: 'paused'; error: OutboxItemError }
  /** Salesforce refused the write itself: sending it again would fail the same way. */
  | { kind: 'failed'; error: OutboxItemError };

export type FailureOutcome = Exclude<Outcome, { kind: 'done' }>;

/** Salesforce rolled the transaction back: safe and useful to send again. */
const TRANSIENT_CODES = new Set(['UNABLE_TO_LOCK_ROW', 'REQUEST_LIMIT_EXCEEDED']);
/** No answer, or an answer the browser hid: the request may have reached Salesforce and committed. */
const NO_ANSWER_CODES = new Set<string>([LOCAL_ERROR_CODES.network, LOCAL_ERROR_CODES.corsBlocked]);
const SESSION_CODES = new Set<string>([LOCAL_ERROR_CODES.sessionEnded, LOCAL_ERROR_CODES.notSignedIn]);
/** Request Timeout, Too Early, Too Many Requests: refused before any processing. */
const RETRY_STATUSES = new Set([408, 425, 429]);

function itemError(error: SalesforceError, retryable: boolean): OutboxItemError {
  const described: OutboxItemError = {
    errorCode: error.errorCode,
    message: error.message,
    fields: [...error.fields],
    retryable,
  };
  if (error.duplicates && error.duplicates.length > 0)
    described.duplicates = error.duplicates.map((d) => ({ id: d.id, type: d.type }));
  return described;
}

/** Classifies whatever a send (or the dedupe check before it) threw. */
export function classifyError(error: unknown): FailureOutcome {
  if (error instanceof SoqlError) {
    return { kind: 'failed', error: { errorCode: error.code, message: error.message, fields: [], retryable: false } };
  }
  if (!(error instanceof SalesforceError)) {
    // Not from the client's error handling (an abort, a bug): nothing proves the request did not go out.
    const name = error instanceof Error ? error.name : 'Error';
    const message = error instanceof Error ? error.message : String(error);
    return { kind: 'retry', ambiguous: true, error: { errorCode: name, message, fields: [], retryable: true } };
  }
  if (SESSION_CODES.has(error.errorCode) || error.status === 401)
    return { kind: 'paused', error: itemError(error, true) };
  if (NO_ANSWER_CODES.has(error.errorCode)) return { kind: 'retry', ambiguous: true, error: itemError(error, true) };
  if (TRANSIENT_CODES.has(error.errorCode)) return { kind: 'retry', ambiguous: false, error: itemError(error, true) };
  // A 5xx may come after the commit (a proxy timeout, a failure while answering).
  if (error.status >= 500) return { kind: 'retry', ambiguous: true, error: itemError(error, true) };
  if (RETRY_STATUSES.has(error.status)) return { kind: 'retry', ambiguous: false, error: itemError(error, true) };
  // A success (or no status) whose answer could not be read: the write probably happened.
  if (error.errorCode === LOCAL_ERROR_CODES.unexpected && error.status < 400)
    return { kind: 'retry', ambiguous: true, error: itemError(error, true) };
  return { kind: 'failed', error: itemError(error, false) };
}

export interface SubResponse {
  httpStatusCode: number;
  referenceId: string;
  body: unknown;
}

function firstId(responses: readonly SubResponse[]): string | undefined {
  for (const response of responses) {
    const body = response.body;
    if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
      const id = (body as Record<string, unknown>).id;
      if (typeof id === 'string') return id;
    }
  }
  return undefined;
}

/**
 * A composite answer is HTTP 200 whatever happened: each subrequest has its own status. With allOrNone
 * the subrequests rolled back because of another one say PROCESSING_HALTED; the root cause is the first
 * error with another code.
 */
export function compositeOutcome(responses: readonly SubResponse[]): Outcome {
  const failures = responses.filter((r) => r.httpStatusCode >= 400).map((r) => errorFromBody(r.httpStatusCode, r.body));
  if (failures.length === 0) {
    const resultId = firstId(responses);
    return resultId === undefined ? { kind: 'done' } : { kind: 'done', resultId };
  }
  const root = failures.find((f) => f.errorCode !== 'PROCESSING_HALTED') ?? failures[0];
  return classifyError(root);
}

export const BACKOFF_BASE_MS = 1000;
export const BACKOFF_CAP_MS = 60_000;

/**
 * The wait before attempt `attempts + 1` after `attempts` failed ones: 1 s, 2 s, 4 s … capped at 60 s,
 * spread by ±25 % so instances that failed together do not come back together. `random` is in [0, 1).
 */
export function backoffMs(attempts: number, random: number): number {
  const exponent = Math.max(0, Math.min(attempts - 1, 16));
  const base = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** exponent);
  const jitter = 0.75 + 0.5 * Math.min(Math.max(random, 0), 1);
  return Math.round(Math.min(BACKOFF_CAP_MS, base * jitter));
}

/** How many times a failed read (a screen's query) is sent again before the screen shows the error. */
export const READ_RETRIES = 2;

/**
 * Whether a failed read is worth sending again, by the same kinds as a write: no answer, a 5xx, a locked row
 * or a rate limit may pass. Not a CORS block, which the next attempt meets again after two more diagnosis
 * requests (README "Setup errors and their fixes"), nor an ended session, a refused permission or a bad
 * request, which fail the same way every time.
 */
export function retriesRead(error: unknown): boolean {
  if (error instanceof SalesforceError && error.errorCode === LOCAL_ERROR_CODES.corsBlocked) return false;
  return classifyError(error).kind === 'retry';
}
