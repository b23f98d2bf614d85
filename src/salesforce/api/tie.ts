/**
 * Tying a record to the conversation (setup guide: "Enable Opportunity tab", "Enable Cases tab"): the
 * unique external-ID field `conversationId__c` holds the conversation's id on at most one Opportunity and
 * at most one Case. Tying an existing record and untying are updates by record Id; creating a tied record
 * is an upsert by the external id. Built here as outbox operations (the outbox sends them), each safe to
 * send again after an attempt whose fate is unknown: updates and upserts are idempotent, and moving a tie
 * is one all-or-nothing composite that gives the same end state when sent twice.
 */
import type { CompositeSubrequest, FieldValue, OutboxOperation } from '../outbox/types';
import { checkedId } from './records';

/** The external-ID field that ties a record to a conversation (unique: at most one record per object). */
export const CONVERSATION_FIELD = 'conversationId__c';

export type TiedObject = 'Opportunity' | 'Case';

function recordUrl(apiVersion: string, sobject: TiedObject, recordId: string): string {
  return `/services/data/${apiVersion}/sobjects/${sobject}/${checkedId(recordId)}`;
}

/** The upsert resource for the conversation's id, URL-encoded (an id may hold `/`, `%`, `?` or `#`). */
export function externalIdUrl(apiVersion: string, sobject: TiedObject, conversationId: string): string {
  return `/services/data/${apiVersion}/sobjects/${sobject}/${CONVERSATION_FIELD}/${encodeURIComponent(conversationId)}`;
}

function clearTie(apiVersion: string, sobject: TiedObject, recordId: string): CompositeSubrequest {
  return {
    method: 'PATCH',
    url: recordUrl(apiVersion, sobject, recordId),
    referenceId: 'untie',
    body: { [CONVERSATION_FIELD]: null },
  };
}

export interface TieInput {
  sobject: TiedObject;
  recordId: string;
  conversationId: string;
  /** The record that holds the tie now (conversationId__c is unique: at most one), or null. */
  tiedId: string | null;
  apiVersion: string;
}

/**
 * Ties a record to the conversation. When another record holds the tie, the tie moves in one all-or-nothing
 * composite: clear the old one, then set the new one. Sending it again gives the same end state.
 */
export function tieOperation(input: TieInput): OutboxOperation {
  const set = { [CONVERSATION_FIELD]: input.conversationId };
  if (input.tiedId === null || input.tiedId === input.recordId) {
    return { kind: 'update', sobject: input.sobject, id: checkedId(input.recordId), fields: set };
  }
  return {
    kind: 'composite',
    allOrNone: true,
    subrequests: [
      clearTie(input.apiVersion, input.sobject, input.tiedId),
      {
        method: 'PATCH',
        url: recordUrl(input.apiVersion, input.sobject, input.recordId),
        referenceId: 'tie',
        body: set,
      },
    ],
  };
}

export function untieOperation(sobject: TiedObject, recordId: string): OutboxOperation {
  return { kind: 'update', sobject, id: checkedId(recordId), fields: { [CONVERSATION_FIELD]: null } };
}

/**
 * Creates a record tied to the conversation with an upsert by the external id: a second send finds the
 * record the first one made and writes the same values again. When another record holds the tie, it is
 * cleared first in the same all-or-nothing composite (the new record takes it over).
 */
export function createTiedOperation(input: {
  sobject: TiedObject;
  conversationId: string;
  fields: Record<string, FieldValue>;
  tiedId: string | null;
  apiVersion: string;
}): OutboxOperation {
  const fields = Object.fromEntries(Object.entries(input.fields).filter(([name]) => name !== CONVERSATION_FIELD));
  if (input.tiedId === null)
    return {
      kind: 'upsert',
      sobject: input.sobject,
      externalIdField: CONVERSATION_FIELD,
      externalId: input.conversationId,
      fields,
    };
  return {
    kind: 'composite',
    allOrNone: true,
    subrequests: [
      clearTie(input.apiVersion, input.sobject, input.tiedId),
      {
        method: 'PATCH',
        url: externalIdUrl(input.apiVersion, input.sobject, input.conversationId),
        referenceId: 'created',
        body: fields,
      },
    ],
  };
}
