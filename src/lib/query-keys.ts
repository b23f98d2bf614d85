/**
 * Every TanStack Query key of the panel, one factory per family. A key is its family's root, then what
 * names the data, and always the user's scope (`scopeOf`: `${orgId}:${userId}`), so that one user's cached
 * answers never show for another user signed in later in the same frame.
 *
 * The roots say what a write of ours that lands reads again (src/app/refresh-after-writes.ts, the only code
 * that invalidates; README "Opportunity and Case tabs"):
 * - `tabs`: the Opportunity and Case tabs' data (the list with the ties, notes, an opportunity's tasks, case
 *   comments) — read again after a write to a tab's object; an opportunity's tasks after a task or event.
 * - `history`: the person's activities — after a task or event.
 * - `related`: what a new task can relate to (the account's open opportunities and cases).
 * - `metadata`: the org's setup (stage picklists, case statuses), which only Setup changes: no write of ours
 *   reads it again.
 * - `people`: lookups and duplicate records; the forms that create a person update them.
 * - `connection`: the org's API usage, read when the agent asks.
 */

/** What names a conversation's tabs: the person and their account. */
interface TabsPerson {
  type: string;
  id: string;
  accountId: string | null;
}

export const tabKeys = {
  all: ['tabs'] as const,
  conversation: (scope: string, person: TabsPerson, conversationId: string) =>
    [...tabKeys.all, 'conversation', scope, person.type, person.id, person.accountId, conversationId] as const,
  notes: (scope: string, recordId: string) => [...tabKeys.all, 'notes', scope, recordId] as const,
  noteText: (scope: string, noteId: string) => [...tabKeys.all, 'note-text', scope, noteId] as const,
  /** An add-note item's note, looked for after Salesforce refused to send it again. */
  savedNote: (
    scope: string,
    itemId: string | null,
    recordId: string,
    title: string | null,
    userId: string | null,
    createdSinceMs: number,
  ) => [...tabKeys.all, 'note-saved', scope, itemId, recordId, title, userId, createdSinceMs] as const,
  /** Every record's tasks: what a task or event that lands reads again. */
  allRecordTasks: ['tabs', 'record-tasks'] as const,
  recordTasks: (scope: string, recordId: string) => [...tabKeys.allRecordTasks, scope, recordId] as const,
  caseComments: (scope: string, caseId: string) => [...tabKeys.all, 'case-comments', scope, caseId] as const,
};

export const metadataKeys = {
  all: ['metadata'] as const,
  stages: (scope: string, recordTypeId: string | null) =>
    [...metadataKeys.all, 'opportunity-stages', scope, recordTypeId ?? 'master'] as const,
  caseStatuses: (scope: string) => [...metadataKeys.all, 'case-statuses', scope] as const,
};

export const historyKeys = {
  all: ['history'] as const,
  of: (scope: string, target: { sobject: string; id: string }) =>
    [...historyKeys.all, scope, target.sobject, target.id] as const,
};

export const relatedKeys = {
  all: ['related'] as const,
  of: (scope: string, account: { id: string | null; name: string }) =>
    [...relatedKeys.all, scope, account.id ?? 'none', account.name] as const,
};

export const peopleKeys = {
  all: ['people'] as const,
  /** `by`: `byPhone:<region>` or `byEmail`; `value`: the number or address as x-bees gave it. */
  lookup: (scope: string, by: string, value: string) => [...peopleKeys.all, scope, by, value] as const,
  /** Nothing to look up (signed out, or a conversation without a usable number or address). */
  idle: ['people', 'nobody', 'none', ''] as const,
  duplicates: (scope: string, ids: readonly string[]) => [...peopleKeys.all, scope, 'duplicates', ...ids] as const,
};

export const connectionKeys = {
  all: ['connection'] as const,
  limits: (scope: string) => [...connectionKeys.all, 'limits', scope] as const,
};
