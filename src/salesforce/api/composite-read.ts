/**
 * Several reads in one `POST /composite` (allOrNone false: each subrequest answers on its own). The answer
 * is always HTTP 200; each part carries its own status (README "Salesforce API facts").
 */
import type { SalesforceClient } from '../client';

export interface ReadSubrequest {
  method: 'GET';
  url: string;
  referenceId: string;
}

export type CompositeAnswers = ReadonlyMap<string, { status: number; body: unknown }>;

function parseParts(json: unknown): { referenceId?: unknown; httpStatusCode?: unknown; body?: unknown }[] {
  const list =
    typeof json === 'object' && json !== null ? (json as { compositeResponse?: unknown }).compositeResponse : undefined;
  if (!Array.isArray(list)) throw new Error('composite answer has no compositeResponse');
  return list as { referenceId?: unknown; httpStatusCode?: unknown; body?: unknown }[];
}

/** Each subrequest's status and body by its referenceId; no request at all when there is nothing to read. */
export async function readComposite(
  client: SalesforceClient,
  subrequests: readonly ReadSubrequest[],
  signal?: AbortSignal,
): Promise<CompositeAnswers> {
  const answers = new Map<string, { status: number; body: unknown }>();
  if (subrequests.length === 0) return answers;
  const parts = await client.request(
    '/composite',
    { method: 'POST', body: { allOrNone: false, compositeRequest: subrequests }, ...(signal ? { signal } : {}) },
    parseParts,
  );
  for (const part of parts) {
    if (typeof part.referenceId === 'string')
      answers.set(part.referenceId, {
        status: typeof part.httpStatusCode === 'number' ? part.httpStatusCode : 500,
        body: part.body,
      });
  }
  return answers;
}

/** The records of a query answer's body, or none. */
export function recordsOf(body: unknown): Record<string, unknown>[] {
  const list = typeof body === 'object' && body !== null ? (body as { records?: unknown }).records : undefined;
  return Array.isArray(list)
    ? (list.filter((r) => typeof r === 'object' && r !== null) as Record<string, unknown>[])
    : [];
}
