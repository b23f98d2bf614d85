import { describe, expect, it } from 'vitest';
import { SalesforceError } from '../errors';
import { SoqlError } from '../soql';
import { backoffMs, classifyError, compositeOutcome, retriesRead } from './retry-policy';

const sf = (status: number, errorCode: string, fields: string[] = []) =>
  new SalesforceError({ status, errorCode, message: `${errorCode} happened`, fields });

describe('classifyError', () => {
  const table: [string, unknown, { kind: string; ambiguous?: boolean; retryable: boolean }][] = [
    [
      'no answer (offline, dropped, timeout)',
      sf(0, 'NETWORK_ERROR'),
      { kind: 'retry', ambiguous: true, retryable: true },
    ],
    [
      'CORS diagnosis (may be a glitch)',
      sf(0, 'CORS_NOT_ALLOWLISTED'),
      { kind: 'retry', ambiguous: true, retryable: true },
    ],
    ['500', sf(500, 'UNKNOWN_EXCEPTION'), { kind: 'retry', ambiguous: true, retryable: true }],
    ['503', sf(503, 'SERVER_UNAVAILABLE'), { kind: 'retry', ambiguous: true, retryable: true }],
    ['UNABLE_TO_LOCK_ROW', sf(400, 'UNABLE_TO_LOCK_ROW'), { kind: 'retry', ambiguous: false, retryable: true }],
    ['REQUEST_LIMIT_EXCEEDED', sf(403, 'REQUEST_LIMIT_EXCEEDED'), { kind: 'retry', ambiguous: false, retryable: true }],
    ['429', sf(429, 'UNEXPECTED_RESPONSE'), { kind: 'retry', ambiguous: false, retryable: true }],
    ['an unreadable 201', sf(201, 'UNEXPECTED_RESPONSE'), { kind: 'retry', ambiguous: true, retryable: true }],
    ['SESSION_ENDED', sf(401, 'SESSION_ENDED'), { kind: 'paused', retryable: true }],
    ['NOT_SIGNED_IN', sf(0, 'NOT_SIGNED_IN'), { kind: 'paused', retryable: true }],
    ['REST refused (401)', sf(401, 'INVALID_SESSION_ID'), { kind: 'paused', retryable: true }],
    ['REQUIRED_FIELD_MISSING', sf(400, 'REQUIRED_FIELD_MISSING', ['LastName']), { kind: 'failed', retryable: false }],
    ['INVALID_FIELD', sf(400, 'INVALID_FIELD'), { kind: 'failed', retryable: false }],
    [
      'FIELD_CUSTOM_VALIDATION_EXCEPTION',
      sf(400, 'FIELD_CUSTOM_VALIDATION_EXCEPTION'),
      { kind: 'failed', retryable: false },
    ],
    ['STRING_TOO_LONG', sf(400, 'STRING_TOO_LONG', ['Subject']), { kind: 'failed', retryable: false }],
    ['INVALID_EMAIL_ADDRESS', sf(400, 'INVALID_EMAIL_ADDRESS', ['Email']), { kind: 'failed', retryable: false }],
    ['DUPLICATES_DETECTED', sf(400, 'DUPLICATES_DETECTED'), { kind: 'failed', retryable: false }],
    [
      'INSUFFICIENT_ACCESS_OR_READONLY',
      sf(400, 'INSUFFICIENT_ACCESS_OR_READONLY'),
      { kind: 'failed', retryable: false },
    ],
    ['DUPLICATE_VALUE', sf(400, 'DUPLICATE_VALUE'), { kind: 'failed', retryable: false }],
    ['MALFORMED_ID', sf(400, 'MALFORMED_ID', ['Id']), { kind: 'failed', retryable: false }],
    ['NOT_FOUND', sf(404, 'NOT_FOUND'), { kind: 'failed', retryable: false }],
    ['ENTITY_IS_DELETED', sf(404, 'ENTITY_IS_DELETED'), { kind: 'failed', retryable: false }],
    ['API_DISABLED_FOR_ORG', sf(403, 'API_DISABLED_FOR_ORG'), { kind: 'failed', retryable: false }],
    ['an unreadable 400', sf(400, 'UNEXPECTED_RESPONSE'), { kind: 'failed', retryable: false }],
    [
      'a query that cannot be built',
      new SoqlError('INVALID_IDENTIFIER', 'bad name'),
      { kind: 'failed', retryable: false },
    ],
    [
      'anything else (an abort)',
      new DOMException('aborted', 'AbortError'),
      { kind: 'retry', ambiguous: true, retryable: true },
    ],
  ];

  it.each(table)('%s', (_name, error, expected) => {
    const outcome = classifyError(error);
    expect(outcome.kind).toBe(expected.kind);
    expect(outcome.error.retryable).toBe(expected.retryable);
    if (outcome.kind === 'retry') expect(outcome.ambiguous).toBe(expected.ambiguous);
  });

  it('keeps the fields and the duplicate matches', () => {
    const error = new SalesforceError({
      status: 400,
      errorCode: 'DUPLICATES_DETECTED',
      message: 'Use one of these records?',
      fields: [],
      duplicates: [{ id: '003000000000001AAA', type: 'Contact' }],
    });
    expect(classifyError(error).error).toEqual({
      errorCode: 'DUPLICATES_DETECTED',
      message: 'Use one of these records?',
      fields: [],
      retryable: false,
      duplicates: [{ id: '003000000000001AAA', type: 'Contact' }],
    });
    expect(classifyError(sf(400, 'REQUIRED_FIELD_MISSING', ['LastName', 'Company'])).error.fields).toEqual([
      'LastName',
      'Company',
    ]);
  });
});

describe('compositeOutcome', () => {
  const halted = {
    httpStatusCode: 400,
    referenceId: 'a',
    body: [{ errorCode: 'PROCESSING_HALTED', message: 'rolled back' }],
  };

  it('is done when every subrequest succeeded, with the first id', () => {
    expect(
      compositeOutcome([
        { httpStatusCode: 204, referenceId: 'edit', body: null },
        { httpStatusCode: 201, referenceId: 'note', body: { id: '0695g00000XyZ12AAB', success: true, errors: [] } },
      ]),
    ).toEqual({ kind: 'done', resultId: '0695g00000XyZ12AAB' });
    expect(compositeOutcome([{ httpStatusCode: 204, referenceId: 'edit', body: null }])).toEqual({ kind: 'done' });
  });

  it('reports the root cause, not PROCESSING_HALTED, whatever its position', () => {
    const outcome = compositeOutcome([
      halted,
      {
        httpStatusCode: 400,
        referenceId: 'b',
        body: [
          { errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', message: 'Rating: bad value', fields: ['Rating'] },
        ],
      },
      { ...halted, referenceId: 'c' },
    ]);
    expect(outcome).toMatchObject({
      kind: 'failed',
      error: { errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', fields: ['Rating'] },
    });
  });

  it('retries a subrequest that hit a lock or a server error', () => {
    expect(
      compositeOutcome([
        halted,
        { httpStatusCode: 400, referenceId: 'b', body: [{ errorCode: 'UNABLE_TO_LOCK_ROW', message: 'locked' }] },
      ]),
    ).toMatchObject({ kind: 'retry', ambiguous: false });
    expect(
      compositeOutcome([
        { httpStatusCode: 500, referenceId: 'b', body: [{ errorCode: 'UNKNOWN_EXCEPTION', message: 'oops' }] },
      ]),
    ).toMatchObject({ kind: 'retry', ambiguous: true });
  });

  it('falls back to PROCESSING_HALTED when nothing else is named (a bad reference)', () => {
    expect(compositeOutcome([halted])).toMatchObject({ kind: 'failed', error: { errorCode: 'PROCESSING_HALTED' } });
  });
});

describe('backoffMs', () => {
  it('doubles from 1 s up to 60 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 50, 5000].map((attempts) => backoffMs(attempts, 0.5))).toEqual([
      1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000, 60_000, 60_000,
    ]);
  });

  it('spreads by ±25 % without passing the cap', () => {
    expect(backoffMs(1, 0)).toBe(750);
    expect(backoffMs(1, 0.999999)).toBe(1250);
    expect(backoffMs(3, 0)).toBe(3000);
    expect(backoffMs(7, 0)).toBe(45_000);
    expect(backoffMs(7, 0.999999)).toBe(60_000);
    expect(backoffMs(0, 0.5)).toBe(1000);
  });
});

describe('retriesRead', () => {
  const table: [string, unknown, boolean][] = [
    ['no answer', sf(0, 'NETWORK_ERROR'), true],
    ['503', sf(503, 'SERVER_UNAVAILABLE'), true],
    ['UNABLE_TO_LOCK_ROW', sf(400, 'UNABLE_TO_LOCK_ROW'), true],
    ['429', sf(429, 'UNEXPECTED_RESPONSE'), true],
    ['a CORS block: the same on every attempt', sf(0, 'CORS_NOT_ALLOWLISTED'), false],
    ['SESSION_ENDED', sf(401, 'SESSION_ENDED'), false],
    ['REST refused (401)', sf(401, 'INVALID_SESSION_ID'), false],
    ['no permission', sf(403, 'INSUFFICIENT_ACCESS'), false],
    ['API_DISABLED_FOR_ORG', sf(403, 'API_DISABLED_FOR_ORG'), false],
    ['a bad request', sf(400, 'MALFORMED_QUERY'), false],
    ['not found', sf(404, 'NOT_FOUND'), false],
    ['a SOQL literal refused', new SoqlError('INVALID_ID', 'not an id'), false],
  ];

  it.each(table)('%s', (_name, error, expected) => {
    expect(retriesRead(error)).toBe(expected);
  });
});
