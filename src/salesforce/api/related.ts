/**
 * What a task or a log can be related to (WhatId): the person's account and its open opportunities and
 * cases, in one composite request. Objects the user can't read are left out, never queried.
 */
import type { SalesforceClient } from '../client';
import type { DescribeCache } from '../describe';
import { id, soql } from '../soql';

export interface RelatedRecord {
  id: string;
  sobject: 'Account' | 'Opportunity' | 'Case';
  name: string;
}

interface CompositeAnswer {
  compositeResponse: { body: unknown; httpStatusCode: number; referenceId: string }[];
}

function parseComposite(json: unknown): CompositeAnswer {
  const list = typeof json === 'object' && json !== null ? (json as { compositeResponse?: unknown }).compositeResponse : undefined;
  if (!Array.isArray(list)) throw new Error('composite answer has no compositeResponse');
  return { compositeResponse: list as CompositeAnswer['compositeResponse'] };
}

function records(body: unknown): Record<string, unknown>[] {
  const list = typeof body === 'object' && body !== null ? (body as { records?: unknown }).records : undefined;
  return Array.isArray(list) ? (list.filter((r) => typeof r === 'object' && r !== null) as Record<string, unknown>[]) : [];
}

export async function getRelatedRecords(client: SalesforceClient, describes: DescribeCache, account: { id: string; name: string }, signal?: AbortSignal): Promise<RelatedRecord[]> {
  const [opportunity, kase] = await Promise.all([describes.get('Opportunity').catch(() => null), describes.get('Case').catch(() => null)]);
  const subrequests: { method: 'GET'; url: string; referenceId: string }[] = [];
  const base = `/services/data/${client.apiVersion}/query?q=`;
  if (opportunity?.accessible) {
    subrequests.push({ method: 'GET', referenceId: 'opportunities', url: base + encodeURIComponent(soql`SELECT Id, Name FROM Opportunity WHERE AccountId = ${id(account.id)} AND IsClosed = ${false} ORDER BY CloseDate ASC LIMIT ${50}`) });
  }
  if (kase?.accessible) {
    subrequests.push({ method: 'GET', referenceId: 'cases', url: base + encodeURIComponent(soql`SELECT Id, CaseNumber, Subject FROM Case WHERE AccountId = ${id(account.id)} AND IsClosed = ${false} ORDER BY LastModifiedDate DESC LIMIT ${50}`) });
  }
  const result: RelatedRecord[] = [{ id: account.id, sobject: 'Account', name: account.name }];
  if (subrequests.length === 0) return result;
  const answer = await client.request('/composite', { method: 'POST', body: { allOrNone: false, compositeRequest: subrequests }, ...(signal ? { signal } : {}) }, parseComposite);
  for (const part of answer.compositeResponse) {
    if (part.httpStatusCode !== 200) continue;
    for (const row of records(part.body)) {
      if (typeof row.Id !== 'string') continue;
      if (part.referenceId === 'opportunities') result.push({ id: row.Id, sobject: 'Opportunity', name: typeof row.Name === 'string' ? row.Name : row.Id });
      else result.push({ id: row.Id, sobject: 'Case', name: [row.CaseNumber, row.Subject].filter((v) => typeof v === 'string').join(' · ') || row.Id });
    }
  }
  return result;
}
