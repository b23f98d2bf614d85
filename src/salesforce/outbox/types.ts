/**
 * The durable outbox's data: what a write is (an operation that can be replayed), and the item that
 * carries it through pending → sending → done | failed | discarded. Items are persisted as they are
 * written here; `item-codec.ts` reads them back.
 */

export type FieldValue = string | number | boolean | null;

/**
 * How to find a record an earlier, ambiguous attempt of a create may already have made:
 * `SELECT Id FROM {sobject} WHERE {match…} AND CreatedById = {user} AND CreatedDate >= {first ambiguous
 * attempt − createdWithinMs} ORDER BY CreatedDate DESC LIMIT 1`. The match values are SOQL literals (a string
 * is quoted): pick a unique marker such as `{ CallObject: 'conv-123' }`, not a date or long-text field.
 */
export interface DedupeRule {
  match: Record<string, FieldValue>;
  /** Slack for the clock difference between this device and Salesforce (default 10 minutes). */
  createdWithinMs?: number;
  /**
   * A record of this user that matches already stands for this one (a second log of the same conversation):
   * before every attempt the outbox looks for it, whenever it was made, and updates it with these fields
   * instead of creating another.
   */
  updateWith?: Record<string, FieldValue>;
}

export type CompositeMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface CompositeSubrequest {
  method: CompositeMethod;
  /** Full resource path, e.g. `/services/data/v66.0/sobjects/Opportunity/006…`. */
  url: string;
  referenceId: string;
  body?: unknown;
}

export type OutboxOperation =
  | {
      kind: 'create';
      sobject: string;
      fields: Record<string, FieldValue>;
      headers?: Record<string, string>;
      dedupe: DedupeRule;
    }
  /** Idempotent: replayed as is. */
  | { kind: 'update'; sobject: string; id: string; fields: Record<string, FieldValue> }
  /** Idempotent: replayed as is. */
  | { kind: 'upsert'; sobject: string; externalIdField: string; externalId: string; fields: Record<string, FieldValue> }
  /** All or nothing; the caller guarantees that replaying it is safe (idempotent subrequests). */
  | { kind: 'composite'; allOrNone: true; subrequests: CompositeSubrequest[] };

export type OutboxState = 'pending' | 'sending' | 'failed' | 'done' | 'discarded';

export interface OutboxItemError {
  errorCode: string;
  message: string;
  /** The fields Salesforce named (for the form to mark). */
  fields: string[];
  /** true: the outbox keeps retrying (the item is still pending); false: the item failed for good. */
  retryable: boolean;
  /** DUPLICATES_DETECTED: the records Salesforce matched. */
  duplicates?: { id: string; type: string }[];
}

export interface OutboxItem {
  id: string;
  /** `${orgId}:${userId}`: an item is only ever sent for the user who made it. */
  scope: string;
  op: OutboxOperation;
  /** What the agent sees ("Log call with Ada Lovelace"). */
  label: string;
  /** Related items (e.g. a conversation id): sent first in, first out. */
  group?: string;
  /** The form this came from, so a failed validation goes back to it. */
  formKey?: string;
  state: OutboxState;
  /** Attempts made (a send, or the dedupe check before a resend); waiting for a sign-in does not count. */
  attempts: number;
  nextAttemptAt: number;
  /** Persisted right before each attempt; an item left `sending` by a crash is treated as ambiguous. */
  sentAt?: number;
  /** The last attempt may have committed: a create is checked (dedupe) before it is sent again. */
  ambiguous?: boolean;
  /** When the first attempt that may have committed was sent: the dedupe window starts here. */
  ambiguousSince?: number;
  lastError?: OutboxItemError;
  /** The Salesforce id once done (for a composite: the first id in its answers). */
  resultId?: string;
  /** First in, first out: assigned at enqueue, increasing across every instance sharing the database. */
  seq: number;
  createdAt: number;
  updatedAt: number;
}

export interface OutboxMeta {
  label: string;
  group?: string;
  formKey?: string;
}

export interface OutboxFilter {
  scope?: string;
  group?: string;
  formKey?: string;
  states?: readonly OutboxState[];
}
