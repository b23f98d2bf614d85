/**
 * Opportunities (setup guide: "Enable Opportunity tab"): an opportunity as the tab shows it, and the stage
 * values of a record type with their closed/won flags (UI API). Tying one to the conversation is in
 * tie.ts, its notes in notes.ts, its tasks in tasks.ts.
 */
import type { SalesforceClient } from '../client';
import { checkedId, isRow, relationName, textOf, withSignal, type Row } from './records';
import { CONVERSATION_FIELD } from './tie';

/** The Master record type: the stages of an opportunity without a record type of its own. */
export const MASTER_RECORD_TYPE_ID = '012000000000000AAA';

export interface OpportunityRow {
  id: string;
  name: string;
  stageName: string | null;
  amount: number | null;
  closeDate: string | null;
  ownerName: string | null;
  isClosed: boolean;
  probability: number | null;
  forecastCategory: string | null;
  description: string | null;
  recordTypeId: string | null;
  conversationId: string | null;
  accountId: string | null;
}

/** The fields the tab reads (those the user can read: `readableFields`). */
export const OPPORTUNITY_FIELDS = [
  'Id',
  'Name',
  'StageName',
  'Amount',
  'CloseDate',
  'OwnerId',
  'Owner.Name',
  'IsClosed',
  'Probability',
  'ForecastCategoryName',
  'Description',
  'RecordTypeId',
  'AccountId',
  CONVERSATION_FIELD,
];

const numberOf = (row: Row, key: string) => (typeof row[key] === 'number' ? row[key] : null);

export function parseOpportunity(row: Row): OpportunityRow | null {
  const rowId = textOf(row, 'Id');
  if (!rowId) return null;
  return {
    id: rowId,
    name: textOf(row, 'Name') ?? rowId,
    stageName: textOf(row, 'StageName'),
    amount: numberOf(row, 'Amount'),
    closeDate: textOf(row, 'CloseDate'),
    ownerName: relationName(row, 'Owner'),
    isClosed: row.IsClosed === true,
    probability: numberOf(row, 'Probability'),
    forecastCategory: textOf(row, 'ForecastCategoryName'),
    description: textOf(row, 'Description'),
    recordTypeId: textOf(row, 'RecordTypeId'),
    conversationId: textOf(row, CONVERSATION_FIELD),
    accountId: textOf(row, 'AccountId'),
  };
}

// ------------------------------------------------------------------ stages

export interface StageValue {
  value: string;
  label: string;
  closed: boolean;
  won: boolean;
  /** The probability Salesforce sets for this stage (percent). */
  probability: number | null;
  forecastCategory: string | null;
}

/** `GET /ui-api/object-info/Opportunity/picklist-values/{recordTypeId}/StageName` (README "Salesforce API facts"). */
export function parseStagePicklist(json: unknown): StageValue[] {
  if (!isRow(json) || !Array.isArray(json.values)) throw new Error('the picklist has no values');
  return json.values.flatMap((entry: unknown) => {
    if (!isRow(entry) || typeof entry.value !== 'string') return [];
    const attributes = isRow(entry.attributes) ? entry.attributes : {};
    return [
      {
        value: entry.value,
        label: typeof entry.label === 'string' && entry.label !== '' ? entry.label : entry.value,
        closed: attributes.closed === true,
        won: attributes.won === true,
        probability: typeof attributes.defaultProbability === 'number' ? attributes.defaultProbability : null,
        forecastCategory: typeof attributes.forecastCategoryName === 'string' ? attributes.forecastCategoryName : null,
      },
    ];
  });
}

/** The stage path of a record type (the Master one when the record has none), in the org's order. */
export function getStages(
  client: SalesforceClient,
  recordTypeId: string | null,
  signal?: AbortSignal,
): Promise<StageValue[]> {
  const recordType = checkedId(recordTypeId ?? MASTER_RECORD_TYPE_ID);
  return client.request(
    `/ui-api/object-info/Opportunity/picklist-values/${recordType}/StageName`,
    withSignal(signal),
    parseStagePicklist,
  );
}

/** Whether moving to `value` closes the deal (won or lost), by the picklist's own attributes. */
export function isClosedStage(stages: readonly StageValue[], value: string | null): boolean {
  return stages.some((stage) => stage.value === value && stage.closed);
}
