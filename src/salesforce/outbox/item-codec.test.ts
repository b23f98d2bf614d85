import { describe, expect, it } from 'vitest';
import { ITEM_FORMAT, readOperation, readStoredItem, toStored } from './item-codec';
import type { OutboxItem } from './types';

const item: OutboxItem = {
  id: 'a1',
  scope: '00D5g000004XYZAEA2:0055g00000ABCDeAAF',
  op: {
    kind: 'create',
    sobject: 'Task',
    fields: { Subject: 'Call', CallDurationInSeconds: 12, IsReminderSet: false, WhatId: null },
    headers: { 'Sforce-Auto-Assign': 'FALSE' },
    dedupe: { match: { CallObject: 'conv-1' }, createdWithinMs: 60_000 },
  },
  label: 'Log call',
  group: 'conv-1',
  formKey: 'log:conv-1',
  state: 'pending',
  attempts: 2,
  nextAttemptAt: 10,
  sentAt: 5,
  ambiguous: true,
  ambiguousSince: 4,
  lastError: { errorCode: 'NETWORK_ERROR', message: 'offline', fields: [], retryable: true },
  seq: 3,
  createdAt: 1,
  updatedAt: 6,
};

describe('readStoredItem', () => {
  it('reads back what was stored', () => {
    expect(readStoredItem(structuredClone(toStored(item)))).toEqual(item);
    const done: OutboxItem = {
      ...item,
      state: 'done',
      resultId: '00T5g00000AbCdEEAV',
      lastError: {
        errorCode: 'DUPLICATES_DETECTED',
        message: 'm',
        fields: ['Email'],
        retryable: false,
        duplicates: [{ id: '003', type: 'Contact' }],
      },
    };
    expect(readStoredItem(toStored(done))).toEqual(done);
  });

  it('refuses what it cannot trust', () => {
    const stored = toStored(item);
    const broken: unknown[] = [
      null,
      'text',
      { ...stored, v: ITEM_FORMAT + 1 },
      { ...stored, v: undefined },
      { ...stored, id: '' },
      { ...stored, scope: 7 },
      { ...stored, state: 'queued' },
      { ...stored, attempts: Number.NaN },
      { ...stored, seq: '3' },
      { ...stored, op: { ...item.op, sobject: 'Task/../x' } },
      { ...stored, op: { kind: 'create', sobject: 'Task', fields: {}, dedupe: { match: {} } } },
    ];
    for (const value of broken) expect(readStoredItem(value)).toBeNull();
  });

  it('drops unreadable optional parts and treats a sending item without sentAt as ambiguous', () => {
    const stored = {
      ...toStored(item),
      group: 5,
      lastError: { errorCode: 1 },
      ambiguous: 'yes',
      ambiguousSince: 'then',
    };
    const read = readStoredItem(stored);
    expect(read?.group).toBeUndefined();
    expect(read?.lastError).toBeUndefined();
    expect(read?.ambiguous).toBeUndefined();
    expect(read?.ambiguousSince).toBeUndefined();
    const sending: Record<string, unknown> = { ...toStored(item), state: 'sending', ambiguous: false };
    delete sending.sentAt;
    expect(readStoredItem(sending)?.ambiguous).toBe(true);
  });
});

describe('readOperation', () => {
  it('copies only what it knows', () => {
    const read = readOperation({
      kind: 'update',
      sobject: 'Task',
      id: '00T5g00000AbCdEEAV',
      fields: { Status: 'Completed' },
      extra: 'dropped',
    });
    expect(read).toEqual({
      ok: true,
      value: { kind: 'update', sobject: 'Task', id: '00T5g00000AbCdEEAV', fields: { Status: 'Completed' } },
    });
  });

  it('accepts relationship paths in a dedupe match but not SOQL', () => {
    expect(
      readOperation({
        kind: 'create',
        sobject: 'Task',
        fields: {},
        dedupe: { match: { 'Who.Email': 'ada@example.com' } },
      }).ok,
    ).toBe(true);
    expect(
      readOperation({ kind: 'create', sobject: 'Task', fields: {}, dedupe: { match: { 'Subject OR Id': 'x' } } }),
    ).toMatchObject({ ok: false });
    expect(
      readOperation({
        kind: 'create',
        sobject: 'Task',
        fields: { Subject: Number.POSITIVE_INFINITY },
        dedupe: { match: { Subject: 'x' } },
      }),
    ).toMatchObject({ ok: false });
    expect(
      readOperation({
        kind: 'create',
        sobject: 'Task',
        fields: {},
        headers: { 'Bad Header': 'x' },
        dedupe: { match: { Subject: 'x' } },
      }),
    ).toMatchObject({ ok: false });
  });

  it('checks composite subrequests', () => {
    const sub = {
      method: 'PATCH',
      url: '/services/data/v66.0/sobjects/Case/5005g00000AbCdEAAV',
      referenceId: 'move',
      body: { Status: 'Escalated' },
    };
    expect(readOperation({ kind: 'composite', allOrNone: true, subrequests: [sub] }).ok).toBe(true);
    expect(readOperation({ kind: 'composite', allOrNone: true, subrequests: [sub, sub] })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('twice') as string,
    });
    expect(
      readOperation({ kind: 'composite', allOrNone: true, subrequests: [{ ...sub, url: 'https://evil.example/x' }] }),
    ).toMatchObject({ ok: false });
    expect(
      readOperation({ kind: 'composite', allOrNone: true, subrequests: [{ ...sub, method: 'PUT' }] }),
    ).toMatchObject({ ok: false });
    expect(
      readOperation({
        kind: 'composite',
        allOrNone: true,
        subrequests: Array.from({ length: 26 }, (_, n) => ({ ...sub, referenceId: `r${String(n)}` })),
      }),
    ).toMatchObject({ ok: false });
  });
});
