/**
 * What went wrong with a write, in the agent's terms: no access to the object or a field (found from the
 * describe before anything is sent, or from Salesforce's refusal), the conversation's tie held elsewhere,
 * several records tied, or Salesforce's own message. Every tab's writes are explained with these.
 */
import type { ObjectInfo } from '../describe';
import type { OutboxItemError } from '../outbox/types';
import { CONVERSATION_FIELD } from './tie';

export type WriteProblem =
  /** No create/edit access to the object (or to this record). */
  | { kind: 'object-access'; sobject: string }
  /** A field the user can't set (field-level security, or missing from the org). */
  | { kind: 'field-access'; sobject: string; field: string; label: string }
  /** Another record already carries this conversation (conversationId__c is unique). */
  | { kind: 'tie-taken'; sobject: string }
  /** Several records carry this conversation (the field is not unique in this org). */
  | { kind: 'several-tied'; sobject: string }
  | { kind: 'other'; message: string };

function fieldProblem(sobject: string, info: ObjectInfo | null, field: string): WriteProblem {
  const label = field === CONVERSATION_FIELD ? 'conversationId' : (info?.fields.get(field)?.label ?? field);
  return { kind: 'field-access', sobject, field, label };
}

/** Fields of a write the user can't set, known from the describe before anything is sent; null when all is writable. */
export function blockedWrite(
  info: ObjectInfo | null,
  sobject: string,
  fieldNames: readonly string[],
  mode: 'create' | 'update',
): WriteProblem | null {
  if (!info) return null;
  if (!info.accessible || (mode === 'create' ? !info.createable : !info.updateable))
    return { kind: 'object-access', sobject };
  for (const name of fieldNames) {
    const field = info.fields.get(name);
    if (!field || !(mode === 'create' ? field.createable : field.updateable)) return fieldProblem(sobject, info, name);
  }
  return null;
}

/** What a refused write means for the agent: access (object, field), the conversation's tie, or Salesforce's own message. */
export function writeProblem(
  error: Pick<OutboxItemError, 'errorCode' | 'message' | 'fields'>,
  sobject: string,
  info: ObjectInfo | null,
): WriteProblem {
  const field = error.fields[0];
  switch (error.errorCode) {
    case 'INSUFFICIENT_ACCESS_OR_READONLY':
    case 'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY':
    case 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY':
      return field ? fieldProblem(sobject, info, field) : { kind: 'object-access', sobject };
    case 'INVALID_FIELD_FOR_INSERT_UPDATE':
      return fieldProblem(sobject, info, field ?? CONVERSATION_FIELD);
    case 'DUPLICATE_VALUE':
      return error.fields.includes(CONVERSATION_FIELD) || error.message.includes(CONVERSATION_FIELD)
        ? { kind: 'tie-taken', sobject }
        : { kind: 'other', message: error.message };
    case 'MULTIPLE_CHOICES':
      return { kind: 'several-tied', sobject };
    case 'NOT_FOUND':
      if (/external ID field/i.test(error.message)) return fieldProblem(sobject, info, CONVERSATION_FIELD);
      return { kind: 'other', message: error.message };
    default:
      return { kind: 'other', message: error.message };
  }
}
