/**
 * Opportunities and Cases of the conversation's person: the account's open ones and the ones tied to this
 * conversation through the `conversationId__c` external-ID field (setup guide: "Enable Opportunity tab",
 * "Enable Cases tab"), read in one composite request. Which tabs show follows exactly the guide's rules,
 * checked against the org (describe), not assumed.
 */
import { readComposite, recordsOf, type ReadSubrequest } from './composite-read';
import type { SalesforceClient } from '../client';
import { readableFields, type DescribeCache, type ObjectInfo } from '../describe';
import { errorFromBody } from '../errors';
import type { Person } from '../people';
import { fields as fieldList, id, ident, soql } from '../soql';
import { CASE_FIELDS, parseCase, type CaseRow } from './cases';
import { OPPORTUNITY_FIELDS, parseOpportunity, type OpportunityRow } from './opportunities';
import type { Row } from './records';
import { CONVERSATION_FIELD } from './tie';

/** Why a tab is absent; null when it shows. */
export type TabReason = 'no-access' | 'no-field' | 'not-for-person' | 'nothing-open' | 'failed';

export interface TabState<Row> {
  visible: boolean;
  reason: TabReason | null;
  /** Tied to this conversation first, then the open ones. */
  rows: Row[];
  /** Errors reading the tab's data (the tab is then absent with reason 'failed'). */
  error?: string;
}

export interface ConversationWork {
  opportunities: TabState<OpportunityRow>;
  cases: TabState<CaseRow>;
}

export interface VisibilityInput {
  canRead: boolean;
  hasField: boolean;
  personType: Person['type'] | null;
  /** Open records related to the account (a Contact goes through its Account). */
  openCount: number;
  /** Records already tied to this conversation. */
  tiedCount: number;
}

/** The guide's rule for one tab, as data: the first unmet condition is the reason it is absent. */
export function tabVisibility(input: VisibilityInput): { visible: boolean; reason: TabReason | null } {
  if (!input.canRead) return { visible: false, reason: 'no-access' };
  if (!input.hasField) return { visible: false, reason: 'no-field' };
  if (input.personType !== 'Account' && input.personType !== 'Contact' && input.personType !== 'PersonAccount')
    return { visible: false, reason: 'not-for-person' };
  if (input.openCount === 0 && input.tiedCount === 0) return { visible: false, reason: 'nothing-open' };
  return { visible: true, reason: null };
}

/** The account whose open deals and cases count: the Account itself, or a Contact's Account. */
export function accountOf(person: Pick<Person, 'type' | 'id' | 'accountId'>): string | null {
  if (person.type === 'Account' || person.type === 'PersonAccount') return person.id;
  if (person.type === 'Contact') return person.accountId;
  return null;
}

function usable(info: ObjectInfo | null): { canRead: boolean; hasField: boolean } {
  return {
    canRead: info?.accessible === true && info.queryable,
    hasField: info?.fields.has(CONVERSATION_FIELD) === true,
  };
}

function subquery(
  objectName: 'Opportunity' | 'Case',
  info: ObjectInfo,
  wanted: readonly string[],
  accountId: string | null,
  conversationId: string,
  apiVersion: string,
) {
  const select = fieldList(readableFields(info, wanted));
  const field = ident(CONVERSATION_FIELD);
  const query = accountId
    ? objectName === 'Opportunity'
      ? soql`SELECT ${select} FROM Opportunity WHERE (AccountId = ${id(accountId)} AND IsClosed = ${false}) OR ${field} = ${conversationId} ORDER BY CloseDate ASC NULLS LAST LIMIT 50`
      : soql`SELECT ${select} FROM Case WHERE (AccountId = ${id(accountId)} AND IsClosed = ${false}) OR ${field} = ${conversationId} ORDER BY LastModifiedDate DESC LIMIT 50`
    : objectName === 'Opportunity'
      ? soql`SELECT ${select} FROM Opportunity WHERE ${field} = ${conversationId} LIMIT 50`
      : soql`SELECT ${select} FROM Case WHERE ${field} = ${conversationId} LIMIT 50`;
  return {
    method: 'GET' as const,
    referenceId: objectName === 'Opportunity' ? 'opportunities' : 'cases',
    url: `/services/data/${apiVersion}/query?q=${encodeURIComponent(query)}`,
  };
}

function tiedFirst<T extends { conversationId: string | null }>(rows: T[], conversationId: string): T[] {
  return [
    ...rows.filter((r) => r.conversationId === conversationId),
    ...rows.filter((r) => r.conversationId !== conversationId),
  ];
}

/**
 * Both tabs' data and visibility in one composite request. Describes (cached per session) decide which
 * objects are queried at all; objects the user can't read, or without the field, aren't queried.
 */
export async function getConversationWork(
  client: SalesforceClient,
  describes: DescribeCache,
  person: Pick<Person, 'type' | 'id' | 'accountId'>,
  conversationId: string,
  signal?: AbortSignal,
): Promise<ConversationWork> {
  const describe = async (name: string): Promise<ObjectInfo | null> =>
    describes.peek(name) ?? (await describes.get(name).catch(() => null));
  const [opportunityInfo, caseInfo] = await Promise.all([describe('Opportunity'), describe('Case')]);
  const opp = usable(opportunityInfo ?? null);
  const kase = usable(caseInfo ?? null);
  const personal = person.type === 'Account' || person.type === 'Contact' || person.type === 'PersonAccount';
  const accountId = accountOf(person);
  const subrequests: ReadSubrequest[] = [];
  if (personal && opp.canRead && opp.hasField && opportunityInfo)
    subrequests.push(
      subquery('Opportunity', opportunityInfo, OPPORTUNITY_FIELDS, accountId, conversationId, client.apiVersion),
    );
  if (personal && kase.canRead && kase.hasField && caseInfo)
    subrequests.push(subquery('Case', caseInfo, CASE_FIELDS, accountId, conversationId, client.apiVersion));

  const answers = await readComposite(client, subrequests, signal);

  const tab = <T extends { conversationId: string | null; isClosed: boolean }>(
    key: string,
    access: { canRead: boolean; hasField: boolean },
    parse: (row: Row) => T | null,
  ): TabState<T> => {
    const answer = answers.get(key);
    if (answer && answer.status >= 300) {
      return { visible: false, reason: 'failed', rows: [], error: errorFromBody(answer.status, answer.body).message };
    }
    const rows = answer ? recordsOf(answer.body).flatMap((row) => parse(row) ?? []) : [];
    const tiedCount = rows.filter((r) => r.conversationId === conversationId).length;
    const openCount = rows.filter((r) => !r.isClosed).length;
    const verdict = tabVisibility({ ...access, personType: person.type, openCount, tiedCount });
    return { ...verdict, rows: verdict.visible ? tiedFirst(rows, conversationId) : [] };
  };
  return { opportunities: tab('opportunities', opp, parseOpportunity), cases: tab('cases', kase, parseCase) };
}
