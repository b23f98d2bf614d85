/**
 * Every failed Salesforce call becomes one SalesforceError. Salesforce's own failures keep their
 * errorCode (README "Salesforce API facts"); failures that never reached Salesforce get codes of ours.
 */
import { isRecord } from '@/lib/guards';

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

interface ErrorItem {
  message: string;
  errorCode?: string;
  statusCode?: string;
  fields?: string[];
  duplicates?: DuplicateMatch[];
}

const strings = (value: unknown): string[] | undefined =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;

/** One error item (README "Salesforce API facts"); null when it is not one. */
function parseErrorItem(value: unknown): ErrorItem | null {
  if (!isRecord(value)) return null;
  const item: ErrorItem = { message: typeof value.message === 'string' ? value.message : '' };
  if (typeof value.errorCode === 'string') item.errorCode = value.errorCode;
  if (typeof value.statusCode === 'string') item.statusCode = value.statusCode;
  const fields = strings(value.fields);
  if (fields) item.fields = fields;
  const duplicateResult = value.duplicateResult;
  if (isRecord(duplicateResult) && Array.isArray(duplicateResult.matchResults)) {
    item.duplicates = duplicateResult.matchResults.flatMap((result: unknown) => {
      if (!isRecord(result) || !Array.isArray(result.matchRecords)) return [];
      const entityType = typeof result.entityType === 'string' ? result.entityType : '';
      return result.matchRecords.flatMap((match: unknown) => {
        const record = isRecord(match) ? match.record : null;
        if (!isRecord(record) || typeof record.Id !== 'string') return [];
        const type =
          isRecord(record.attributes) && typeof record.attributes.type === 'string'
            ? record.attributes.type
            : entityType;
        return [{ id: record.Id, type }];
      });
    });
  }
  if (item.errorCode === undefined && item.statusCode === undefined && item.message === '') return null;
  return item;
}

/** Turns an error response body (array, single object, or text) into a SalesforceError. */
export function errorFromBody(status: number, body: unknown, fallbackText = ''): SalesforceError {
  const items = Array.isArray(body) ? body : body && typeof body === 'object' ? [body] : [];
  const parsed = items.flatMap((item: unknown) => {
    const result = parseErrorItem(item);
    return result ? [result] : [];
  });
  const first = parsed[0];
  if (!first) {
    return new SalesforceError({
      status,
      errorCode: LOCAL_ERROR_CODES.unexpected,
      message:
        fallbackText.trim() !== '' ? fallbackText.trim().slice(0, 300) : `Salesforce answered HTTP ${String(status)}`,
    });
  }
  const all = parsed.map((item) => ({
    errorCode: item.errorCode ?? item.statusCode ?? LOCAL_ERROR_CODES.unexpected,
    message: item.message,
    fields: item.fields ?? [],
  }));
  // With allOrNone, the other subrequests say PROCESSING_HALTED: the root cause is the first other code.
  const root = all.find((item) => item.errorCode !== 'PROCESSING_HALTED') ??
    all[0] ?? { errorCode: LOCAL_ERROR_CODES.unexpected, message: '', fields: [] };
  const duplicates = first.duplicates;
  return new SalesforceError({
    status,
    errorCode: root.errorCode,
    message: root.message,
    fields: root.fields,
    all,
    ...(duplicates ? { duplicates } : {}),
  });
}
