/** Salesforce REST error bodies, shaped as the API sends them (README "Salesforce API facts"). */

export interface SfErrorItem {
  message: string;
  errorCode: string;
  fields?: string[];
  duplicateResult?: unknown;
}

/** Thrown anywhere inside the emulator; the router turns it into the HTTP response. */
export class SfApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body === 'string' ? body : JSON.stringify(body));
  }

  /** The first error item, when the body is the usual error array. */
  get first(): SfErrorItem | undefined {
    return Array.isArray(this.body) ? (this.body[0] as SfErrorItem | undefined) : undefined;
  }
}

export function sfError(status: number, errorCode: string, message: string, fields?: string[]): SfApiError {
  const item: SfErrorItem = fields ? { message, errorCode, fields } : { message, errorCode };
  return new SfApiError(status, [item]);
}

export const errors = {
  invalidSession: () =>
    new SfApiError(401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }], {
      'WWW-Authenticate': 'Token',
    }),
  sessionNotValidForRest: () =>
    new SfApiError(
      401,
      [{ message: 'This session is not valid for use with the REST API', errorCode: 'INVALID_SESSION_ID' }],
      {
        'WWW-Authenticate': 'Token',
      },
    ),
  notFound: () => sfError(404, 'NOT_FOUND', 'The requested resource does not exist'),
  entityIsDeleted: () => sfError(404, 'ENTITY_IS_DELETED', 'entity is deleted'),
  apiDisabled: () => sfError(403, 'API_DISABLED_FOR_ORG', 'The REST API is not enabled for this Organization.'),
  requestLimit: () => sfError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'),
  malformedQuery: (message: string) => sfError(400, 'MALFORMED_QUERY', message),
  invalidField: (message: string, fields?: string[]) => sfError(400, 'INVALID_FIELD', message, fields),
  invalidType: (name: string) =>
    sfError(
      400,
      'INVALID_TYPE',
      `sObject type '${name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
    ),
  malformedSearch: (message: string) => sfError(400, 'MALFORMED_SEARCH', message),
  malformedId: (label: string, value: string, field: string) =>
    sfError(400, 'MALFORMED_ID', `${label}: id value of incorrect type: ${value}`, [field]),
  methodNotAllowed: (method: string) =>
    sfError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${method}' not allowed. Allowed are GET,HEAD,PATCH,POST,DELETE`),
  jsonParser: (message: string) => sfError(400, 'JSON_PARSER_ERROR', message),
};
