/**
 * Reads of the Opportunity tab. Its records' data is under the tabs' root (read again when a write to them
 * lands), the stage picklist under the org's metadata (which no write of ours changes): src/lib/query-keys.ts.
 */
import { queryOptions } from '@tanstack/react-query';
import { metadataKeys, tabKeys } from '@/lib/query-keys';
import { findSavedNote, getNoteText, getNotes } from '@/salesforce/api/notes';
import { getRecordTasks } from '@/salesforce/api/tasks';
import { getStages } from '@/salesforce/api/opportunities';
import type { SalesforceClient } from '@/salesforce/client';
import type { DescribeCache } from '@/salesforce/describe';

export function stagesQuery(client: SalesforceClient, scope: string, recordTypeId: string | null) {
  return queryOptions({
    queryKey: metadataKeys.stages(scope, recordTypeId),
    queryFn: ({ signal }) => getStages(client, recordTypeId, signal),
    // Stages change in Setup only.
    staleTime: 30 * 60_000,
  });
}

export function notesQuery(client: SalesforceClient, describes: DescribeCache, scope: string, recordId: string) {
  return queryOptions({
    queryKey: tabKeys.notes(scope, recordId),
    queryFn: ({ signal }) => getNotes(client, describes, recordId, signal),
  });
}

export function noteTextQuery(client: SalesforceClient, scope: string, noteId: string) {
  return queryOptions({
    queryKey: tabKeys.noteText(scope, noteId),
    queryFn: ({ signal }) => getNoteText(client, noteId, signal),
  });
}

export function recordTasksQuery(client: SalesforceClient, describes: DescribeCache, scope: string, recordId: string) {
  return queryOptions({
    queryKey: tabKeys.recordTasks(scope, recordId),
    queryFn: ({ signal }) => getRecordTasks(client, describes, recordId, signal),
  });
}

/**
 * The note an add-note item saved on an earlier attempt (the item was refused when sent again), or null.
 * Runs only for a refused item (`itemId`) whose marker title is known.
 */
export function savedNoteQuery(
  client: SalesforceClient,
  scope: string,
  itemId: string | null,
  recordId: string,
  title: string | null,
  userId: string | null,
  createdSinceMs: number,
) {
  return queryOptions({
    queryKey: tabKeys.savedNote(scope, itemId, recordId, title, userId, createdSinceMs),
    queryFn: ({ signal }) =>
      findSavedNote(
        client,
        { recordId, title: title ?? '', userId: userId ?? '', createdSince: new Date(createdSinceMs) },
        signal,
      ),
    enabled: itemId !== null && title !== null && userId !== null,
  });
}
