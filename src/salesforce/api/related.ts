/**
 * What a task or a log can be related to (WhatId): the person's account and its open opportunities and
 * cases, in one composite request. Objects the user can't read are left out, never queried.
 */
import type { SalesforceClient } from '../client';
import type { DescribeCache } from '../describe';
import { id, soql } from '../soql';
import { readComposite, recordsOf, type ReadSubrequest } from './composite-read';

export interface RelatedRecord {
  id: string;
  sobject: 'Account' | 'Opportunity' | 'Case';
  name: string;
}

export async function getRelatedRecords(
  client: SalesforceClient,
  describes: DescribeCache,
  account: { id: string; name: string },
  signal?: AbortSignal,
): Promise<RelatedRecord[]> {
  const [opportunity, kase] = await Promise.all([
    describes.get('Opportunity').catch(() => null),
    describes.get('Case').catch(() => null),
  ]);
  const subrequests: ReadSubrequest[] = [];
  const base = `/services/data/${client.apiVersion}/query?q=`;
  if (opportunity?.accessible) {
    subrequests.push({
      method: 'GET',
      referenceId: 'opportunities',
      url:
        base +
        encodeURIComponent(
          soql`SELECT Id, Name FROM Opportunity WHERE AccountId = ${id(account.id)} AND IsClosed = ${false} ORDER BY CloseDate ASC LIMIT ${50}`,
        ),
    });
  }
  if (kase?.accessible) {
    subrequests.push({
      method: 'GET',
      referenceId: 'cases',
      url:
        base +
        encodeURIComponent(
          soql`SELECT Id, CaseNumber, Subject FROM Case WHERE AccountId = ${id(account.id)} AND IsClosed = ${false} ORDER BY LastModifiedDate DESC LIMIT ${50}`,
        ),
    });
  }
  const result: RelatedRecord[] = [{ id: account.id, sobject: 'Account', name: account.name }];
  if (subrequests.length === 0) return result;
  const answers = await readComposite(client, subrequests, signal);
  for (const [referenceId, part] of answers) {
    if (part.status !== 200) continue;
    for (const row of recordsOf(part.body)) {
      if (typeof row.Id !== 'string') continue;
      if (referenceId === 'opportunities')
        result.push({ id: row.Id, sobject: 'Opportunity', name: typeof row.Name === 'string' ? row.Name : row.Id });
      else
        result.push({
          id: row.Id,
          sobject: 'Case',
          name: [row.CaseNumber, row.Subject].filter((v) => typeof v === 'string').join(' · ') || row.Id,
        });
    }
  }
  return result;
}
