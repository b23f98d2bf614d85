/**
 * Every failed Salesforce call becomes one SalesforceError. Salesforce's own failures keep their
 * errorCode (salesforce-api.md §2.3); failures that never reached Salesforce get codes of ours.
 */
import { z } from 'zod';

/** Codes this app assigns when Salesforce gave no error body. */
export const LOCAL_ERROR_CODES = {
  /** The request never got an answer (offline, DNS, connection dropped). */
  network: 'NETWORK_ERROR',
  /** The org answered but the browser blocked the response: the app's origin is not on the CORS allowlist. */
  corsBlocked: 'CORS_NOT_ALLOWLISTED',
  /** The session ended and could not be renewed: the user must sign in again. */
  sessionEnded: 'SESSION_ENDED',
  /** Salesforce answered something this app could not read. */
  unexpected: 'UNEXPECTED_RESPONSE',
  /** Not signed in. */
  notSignedIn: 'NOT_SIGNED_IN',
} as const;

export interface DuplicateMatch {
  id: string;
  type: string;
}

export interface SalesforceErrorInit {
  status: number;
  errorCode: string;
  message: string;
  fields?: readonly string[];
  duplicates?: readonly DuplicateMatch[];
  /** All error items, when Salesforce sent several. */
  all?: readonly { errorCode: string; message: string; fields: readonly string[] }[];
}

export class SalesforceError extends Error {
  override readonly name = 'SalesforceError';
  readonly status: number;
  readonly errorCode: string;
  readonly fields: readonly string[];
  readonly duplicates: readonly DuplicateMatch[] | undefined;
  readonly all: readonly { errorCode: string; message: string; fields: readonly string[] }[];

  constructor(init: SalesforceErrorInit) {
    super(init.message);
    this.status = init.status;
    this.errorCode = init.errorCode;
    this.fields = init.fields ?? [];
    this.duplicates = init.duplicates;
    this.all = init.all ?? [{ errorCode: init.errorCode, message: init.message, fields: this.fields }];
  }
}

export function isSalesforceError(error: unknown, errorCode?: string): error is SalesforceError {
  return error instanceof SalesforceError && (errorCode === undefined || error.errorCode === errorCode);
}

const errorItem = z.looseObject({
  message: z.string().default(''),
  errorCode: z.string().optional(),
  statusCode: z.string().optional(),
  fields: z.array(z.string()).optional(),
  duplicateResult: z
    .looseObject({
      matchResults: z
        .array(
          z.looseObject({
            entityType: z.string().optional(),
            matchRecords: z
              .array(z.looseObject({ record: z.looseObject({ Id: z.string(), attributes: z.looseObject({ type: z.string() }).optional() }) }))
              .default([]),
          }),
        )
        .default([]),
    })
    .optional(),
});

/** Turns an error response body (array, single object, or text) into a SalesforceError. */
export function errorFromBody(status: number, body: unknown, fallbackText = ''): SalesforceError {
  const items = Array.isArray(body) ? body : body && typeof body === 'object' ? [body] : [];
  const parsed = items.flatMap((item) => {
    const result = errorItem.safeParse(item);
    return result.success ? [result.data] : [];
  });
  const first = parsed[0];
  if (!first) {
    return new SalesforceError({
      status,
      errorCode: LOCAL_ERROR_CODES.unexpected,
      message: fallbackText.trim() !== '' ? fallbackText.trim().slice(0, 300) : `Salesforce answered HTTP ${String(status)}`,
    });
  }
  const all = parsed.map((item) => ({
    errorCode: item.errorCode ?? item.statusCode ?? LOCAL_ERROR_CODES.unexpected,
    message: item.message,
    fields: item.fields ?? [],
  }));
  // With allOrNone, the other subrequests say PROCESSING_HALTED: the root cause is the first other code.
  const root = all.find((item) => item.errorCode !== 'PROCESSING_HALTED') ?? all[0] ?? { errorCode: LOCAL_ERROR_CODES.unexpected, message: '', fields: [] };
  const duplicates = first.duplicateResult?.matchResults.flatMap((result) =>
    result.matchRecords.map((match) => ({ id: match.record.Id, type: match.record.attributes?.type ?? result.entityType ?? '' })),
  );
  return new SalesforceError({ status, errorCode: root.errorCode, message: root.message, fields: root.fields, all, ...(duplicates ? { duplicates } : {}) });
}
