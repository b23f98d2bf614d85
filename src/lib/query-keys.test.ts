import { describe, expect, it } from 'vitest';
import { connectionKeys, historyKeys, metadataKeys, peopleKeys, relatedKeys, tabKeys } from './query-keys';

/** Every key a family makes, for a given user scope. */
const everyKey = (scope: string) => ({
  conversation: tabKeys.conversation(scope, { type: 'Contact', id: '003A', accountId: '001A' }, 'conv-1'),
  notes: tabKeys.notes(scope, '006A'),
  noteText: tabKeys.noteText(scope, '069A'),
  savedNote: tabKeys.savedNote(scope, 'item-1', '006A', 'Call notes', '005A', 1_000),
  recordTasks: tabKeys.recordTasks(scope, '006A'),
  caseComments: tabKeys.caseComments(scope, '500A'),
  stages: metadataKeys.stages(scope, null),
  caseStatuses: metadataKeys.caseStatuses(scope),
  history: historyKeys.of(scope, { sobject: 'Contact', id: '003A' }),
  related: relatedKeys.of(scope, { id: '001A', name: 'Globex' }),
  lookup: peopleKeys.lookup(scope, 'byPhone:US', '+1 415 555 0100'),
  duplicates: peopleKeys.duplicates(scope, ['00QA', '003A']),
  limits: connectionKeys.limits(scope),
});

describe('query keys', () => {
  it('every key carries the user’s scope: two users never share a cache entry', () => {
    const jane = everyKey('00DA:005JANE');
    const marco = everyKey('00DA:005MARCO');
    for (const [family, key] of Object.entries(jane)) {
      expect(key, family).toContain('00DA:005JANE');
      expect(marco[family as keyof typeof marco], family).not.toEqual(key);
    }
  });

  it('the tabs’ data and the org’s metadata have separate roots, so a write that refreshes one spares the other', () => {
    const keys = everyKey('00DA:005JANE');
    const startsWith = (key: readonly unknown[], root: readonly unknown[]) =>
      root.every((part, index) => key[index] === part);
    expect(startsWith(keys.stages, tabKeys.all)).toBe(false);
    expect(startsWith(keys.caseStatuses, tabKeys.all)).toBe(false);
    for (const key of [keys.conversation, keys.notes, keys.noteText, keys.recordTasks, keys.caseComments])
      expect(startsWith(key, tabKeys.all)).toBe(true);
    expect(startsWith(keys.recordTasks, tabKeys.allRecordTasks)).toBe(true);
    expect(startsWith(keys.notes, tabKeys.allRecordTasks)).toBe(false);
  });
});
