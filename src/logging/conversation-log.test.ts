import { describe, expect, it } from 'vitest';
import type { OutboxItem } from '@/salesforce/outbox/types';
import { callDuration, callTypeOf, savedLog, logKey, subjectKind, type LoggedCall } from './conversation-log';

const call = (overrides: Partial<LoggedCall> & { info?: LoggedCall['info'] } = {}): LoggedCall => ({
  status: 'ended',
  info: {},
  startedAt: null,
  endedAt: null,
  ...overrides,
});

const landed = (op: OutboxItem['op'], resultId: string, state: OutboxItem['state'] = 'done'): OutboxItem => ({
  id: `item-${resultId}`,
  scope: '00D000000000001AAA:005000000000001AAA',
  op,
  label: 'Log',
  state,
  attempts: 1,
  nextAttemptAt: 0,
  resultId,
  seq: 1,
  createdAt: 0,
  updatedAt: 0,
});

describe('the key of a conversation’s log', () => {
  it('is the call’s id, else the conversation’s; a chat’s is marked as a chat', () => {
    expect(logKey('call', 'conv-1', call({ info: { callId: 'call-9' } }))).toBe('call-9');
    expect(logKey('call', 'conv-1', call())).toBe('conv-1');
    expect(logKey('call', 'conv-1', null)).toBe('conv-1');
    expect(logKey('chat', 'conv-1', call({ info: { callId: 'call-9' } }))).toBe('chat:conv-1');
  });
});

describe('what x-bees said about the call', () => {
  it('takes the duration x-bees gives, else the time between the start and end events', () => {
    expect(callDuration(call({ info: { durationSeconds: 61.6 }, startedAt: 0, endedAt: 5_000 }))).toBe(62);
    expect(callDuration(call({ startedAt: 1_000, endedAt: 43_400 }))).toBe(42);
    expect(callDuration(call({ startedAt: 5_000, endedAt: 1_000 }))).toBe(0);
    expect(callDuration(call({ status: 'active', startedAt: 1_000, endedAt: 2_000 }))).toBeNull();
    expect(callDuration(call({ startedAt: null, endedAt: 2_000 }))).toBeNull();
    expect(callDuration(null)).toBeNull();
  });

  it('knows the call type from the direction only', () => {
    expect(callTypeOf(call({ info: { direction: 'inbound' } }))).toBe('Inbound');
    expect(callTypeOf(call({ info: { direction: 'outbound' } }))).toBe('Outbound');
    expect(callTypeOf(call())).toBeNull();
    expect(callTypeOf(null)).toBeNull();
  });

  it('gives a chat, a typed call or an untyped call its default subject', () => {
    expect(subjectKind('chat', call({ info: { direction: 'inbound' } }))).toBe('chat');
    expect(subjectKind('call', call({ info: { direction: 'outbound' } }))).toBe('Outbound');
    expect(subjectKind('call', null)).toBe('unknown');
  });
});

describe('whether the conversation was logged already', () => {
  const create = (callObject: string): OutboxItem['op'] => ({
    kind: 'create',
    sobject: 'Task',
    fields: { CallObject: callObject },
    dedupe: { match: {} },
  });

  it('finds the latest landed log of this key in the outbox: a create’s new id, an update’s task, what it wrote', () => {
    const items = [
      landed(create('call-1'), '00T000000000001AAA'),
      landed(
        {
          kind: 'update',
          sobject: 'Task',
          id: '00T000000000002AAA',
          fields: {
            CallObject: 'call-1',
            Subject: 'Call with Ada',
            Description: 'Quote sent.',
            CallDisposition: 'Sold',
          },
        },
        'x',
      ),
      landed(create('call-2'), '00T000000000003AAA'),
    ];
    expect(savedLog(items, null, 'call-1')).toEqual({
      id: '00T000000000002AAA',
      subject: 'Call with Ada',
      notes: 'Quote sent.',
      callResult: 'Sold',
      whatId: undefined,
      whatName: null,
    });
    // A create that left out WhatId related the log to nothing (not to the default account).
    expect(savedLog(items, null, 'call-2')).toEqual({
      id: '00T000000000003AAA',
      subject: null,
      notes: null,
      callResult: null,
      whatId: null,
      whatName: null,
    });
  });

  it('prefers Salesforce’s copy from the history; skips items not landed; nothing known is null', () => {
    const pending = landed(create('call-1'), '00T000000000001AAA', 'pending');
    const history = new Map([
      [
        'call-1',
        {
          id: '00T000000000009AAA',
          subject: 'Inbound call with Ada',
          description: 'Wants a quote.',
          whatId: '006000000000001AAA',
          whatName: 'Globex renewal',
        },
      ],
    ]);
    expect(savedLog([pending], history, 'call-1')).toEqual({
      id: '00T000000000009AAA',
      subject: 'Inbound call with Ada',
      notes: 'Wants a quote.',
      callResult: null,
      whatId: '006000000000001AAA',
      whatName: 'Globex renewal',
    });
    const done = landed(
      { kind: 'update', sobject: 'Task', id: '00T000000000009AAA', fields: { CallObject: 'call-1', Description: 'x' } },
      'x',
    );
    expect(savedLog([done], history, 'call-1')?.notes).toBe('Wants a quote.');
    expect(savedLog([pending], null, 'call-1')).toBeNull();
    expect(savedLog([], history, 'call-3')).toBeNull();
  });

  it('a write that landed after the history was read wins; one the history already reflects does not', () => {
    const row = {
      id: '00T000000000009AAA',
      subject: 'Inbound call with Ada',
      description: 'Wants a quote.',
      callDisposition: 'Callback',
      whatId: '006000000000001AAA',
      lastModifiedDate: '2026-12-04T10:00:00.000Z',
    };
    const history = new Map([['call-1', row]]);
    const update = (updatedAt: number): OutboxItem => ({
      ...landed(
        { kind: 'update', sobject: 'Task', id: row.id, fields: { CallObject: 'call-1', Description: null } },
        'x',
      ),
      updatedAt,
    });
    const newer = savedLog([update(Date.parse('2026-12-04T10:05:00.000Z'))], history, 'call-1');
    // The cleared notes stay cleared; what the update left out is as Salesforce has it.
    expect(newer).toMatchObject({ notes: null, callResult: 'Callback', whatId: '006000000000001AAA' });
    const older = savedLog([update(Date.parse('2026-12-04T09:55:00.000Z'))], history, 'call-1');
    expect(older?.notes).toBe('Wants a quote.');
  });
});
