import { openDB } from 'idb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TEST_CLIENT_ID, TEST_ORG_ORIGIN } from '../../../mocks/node';
import { expireAccessTokens, revokeRefreshTokens } from '../../../mocks/salesforce/controls';
import { setupSalesforceHarness } from '../../../mocks/testing/salesforce-harness';
import { codeFlow, signIn } from '../../../mocks/testing/sign-in';
import { oidcUserKey } from '../auth/session-manager';
import { SalesforceClient } from '../client';
import { ITEM_FORMAT } from './item-codec';
import { Outbox, OutboxError, type OutboxOptions } from './outbox';
import { FakeLocks } from '../../../mocks/testing/fake-locks';
import type { OutboxItem, OutboxOperation } from './types';

const harness = setupSalesforceHarness();

let dbSeq = 0;
let dbName = '';
let opened: Outbox[] = [];
let backgroundErrors: unknown[] = [];

beforeEach(() => {
  dbSeq += 1;
  dbName = `outbox-test-${String(dbSeq)}`;
  backgroundErrors = [];
});

afterEach(async () => {
  await Promise.all(opened.map((outbox) => outbox.close()));
  opened = [];
  expect(backgroundErrors).toEqual([]);
});

/** A test clock near the real one (the emulated org stamps CreatedDate with the real clock). */
function testClock() {
  const clock = { at: Date.now(), now: () => clock.at };
  return clock;
}

function makeOutbox(options: Partial<OutboxOptions> = {}): Outbox {
  const outbox = new Outbox({
    client: harness.client,
    session: harness.session,
    dbName,
    locks: null,
    random: () => 0.5,
    signalStorage: null,
    eventTarget: null,
    onError: (error) => backgroundErrors.push(error),
    ...options,
  });
  opened.push(outbox);
  return outbox;
}

function logCall(conversation: string, fields: Record<string, string | number> = {}): OutboxOperation {
  return {
    kind: 'create',
    sobject: 'Task',
    fields: {
      Subject: 'Inbound call',
      Status: 'Completed',
      TaskSubtype: 'Call',
      CallType: 'Inbound',
      CallDurationInSeconds: 185,
      CallObject: conversation,
      WhoId: harness.emulator.ids.contacts.ada,
      ...fields,
    },
    dedupe: { match: { CallObject: conversation } },
  };
}

const tasksOf = (conversation: string) =>
  harness.emulator.store.rows('Task').filter((row) => row.values.CallObject === conversation);
const taskPosts = () =>
  harness.emulator.log.filter((entry) => entry.method === 'POST' && entry.path.endsWith('/sobjects/Task'));
const queries = () => harness.emulator.log.filter((entry) => entry.method === 'GET' && entry.path.includes('/query'));

async function item(outbox: Outbox, id: string): Promise<OutboxItem> {
  const found = (await outbox.list()).find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no item ${id}`);
  return found;
}

/** Flushes, moving the clock to each next attempt, until nothing is pending (or `rounds` runs out). */
async function flushUntilSettled(outbox: Outbox, clock: { at: number }, rounds = 40): Promise<void> {
  for (let round = 0; round < rounds; round += 1) {
    await outbox.flush();
    const pending = (await outbox.list()).filter(
      (candidate) => candidate.state === 'pending' || candidate.state === 'sending',
    );
    if (pending.length === 0) return;
    // Items queued behind a group's head are due already; the head's backoff is what the clock waits for.
    const later = pending.map((candidate) => candidate.nextAttemptAt).filter((at) => at > clock.at);
    if (later.length > 0) clock.at = Math.min(...later);
  }
  throw new Error('the outbox did not settle');
}

describe('sending', () => {
  it('creates the record once and keeps its id', async () => {
    const outbox = makeOutbox();
    const enqueued = await outbox.enqueue(logCall('conv-happy'), {
      label: 'Log call with Ada Lovelace',
      group: 'conv-happy',
    });
    expect(enqueued).toMatchObject({
      state: 'pending',
      attempts: 0,
      label: 'Log call with Ada Lovelace',
      group: 'conv-happy',
    });
    const done = await outbox.waitFor(enqueued.id);
    const rows = tasksOf('conv-happy');
    expect(rows).toHaveLength(1);
    expect(done).toMatchObject({ state: 'done', attempts: 1, resultId: rows[0]?.values.Id });
    expect(done.lastError).toBeUndefined();
    expect(rows[0]?.values).toMatchObject({
      CallType: 'Inbound',
      CallDurationInSeconds: 185,
      WhoId: harness.emulator.ids.contacts.ada,
    });
    expect(queries()).toHaveLength(0);
  });

  it('updates and upserts with the record id as the result', async () => {
    const outbox = makeOutbox();
    const created = await outbox.waitFor((await outbox.enqueue(logCall('conv-edit'), { label: 'Log call' })).id);
    const taskId = created.resultId ?? '';
    const update = await outbox.enqueue(
      { kind: 'update', sobject: 'Task', id: taskId, fields: { Description: 'Asked for a quote' } },
      { label: 'Edit task' },
    );
    expect(await outbox.waitFor(update.id)).toMatchObject({ state: 'done', resultId: taskId });
    expect(tasksOf('conv-edit')[0]?.values.Description).toBe('Asked for a quote');

    const upsert = {
      kind: 'upsert',
      sobject: 'Opportunity',
      externalIdField: 'conversationId__c',
      externalId: 'conv/42 ü',
      fields: { Name: 'Quote for Ada', StageName: 'Prospecting', CloseDate: '2026-12-31' },
    } as const;
    const first = await outbox.waitFor((await outbox.enqueue(upsert, { label: 'Deal' })).id);
    const again = await outbox.waitFor(
      (await outbox.enqueue({ ...upsert, fields: { ...upsert.fields, StageName: 'Qualification' } }, { label: 'Deal' }))
        .id,
    );
    const deals = harness.emulator.store
      .rows('Opportunity')
      .filter((row) => row.values.conversationId__c === 'conv/42 ü');
    expect(deals).toHaveLength(1);
    expect(first.resultId).toBe(deals[0]?.values.Id);
    expect(again).toMatchObject({ state: 'done', resultId: first.resultId });
    expect(deals[0]?.values.StageName).toBe('Qualification');
  });

  it('with dedupe.updateWith, updates the record of this user that stands for it, and creates one only when none does', async () => {
    const outbox = makeOutbox();
    const again = (description: string): OutboxOperation => {
      const op = logCall('conv-twice', { Description: description });
      if (op.kind !== 'create') throw new Error('logCall makes a create');
      return {
        ...op,
        dedupe: {
          match: { CallObject: 'conv-twice' },
          updateWith: { Subject: 'Inbound call', Description: description },
        },
      };
    };
    const first = await outbox.waitFor((await outbox.enqueue(again('First'), { label: 'Log call' })).id);
    expect(tasksOf('conv-twice')).toHaveLength(1);
    const second = await outbox.waitFor((await outbox.enqueue(again('Second'), { label: 'Log call again' })).id);
    expect(second).toMatchObject({ state: 'done', resultId: first.resultId });
    expect(tasksOf('conv-twice')).toHaveLength(1);
    expect(tasksOf('conv-twice')[0]?.values.Description).toBe('Second');
    expect(taskPosts()).toHaveLength(1);
  });

  it('sends a composite all or nothing, and names the root cause when a subrequest fails', async () => {
    const outbox = makeOutbox();
    const base = '/services/data/v66.0';
    const good = await outbox.enqueue(
      {
        kind: 'composite',
        allOrNone: true,
        subrequests: [
          {
            method: 'PATCH',
            url: `${base}/sobjects/Opportunity/conversationId__c/conv-move`,
            referenceId: 'deal',
            body: { Name: 'Moved', StageName: 'Prospecting', CloseDate: '2026-12-31' },
          },
          {
            method: 'POST',
            url: `${base}/sobjects/Task`,
            referenceId: 'note',
            body: { Subject: 'Moved the deal', WhatId: '@{deal.id}' },
          },
        ],
      },
      { label: 'Move the deal' },
    );
    const done = await outbox.waitFor(good.id);
    const deal = harness.emulator.store.rows('Opportunity').find((row) => row.values.conversationId__c === 'conv-move');
    expect(done).toMatchObject({ state: 'done', resultId: deal?.values.Id });

    const opportunities = harness.emulator.store.rows('Opportunity').length;
    const bad = await outbox.enqueue(
      {
        kind: 'composite',
        allOrNone: true,
        subrequests: [
          {
            method: 'PATCH',
            url: `${base}/sobjects/Opportunity/conversationId__c/conv-bad`,
            referenceId: 'deal',
            body: { Name: 'Bad', StageName: 'Prospecting', CloseDate: '2026-12-31' },
          },
          {
            method: 'POST',
            url: `${base}/sobjects/Task`,
            referenceId: 'log',
            body: { Subject: 'x', CallType: 'Sideways' },
          },
        ],
      },
      { label: 'Bad move', formKey: 'move-form' },
    );
    const failed = await outbox.waitFor(bad.id);
    expect(failed).toMatchObject({
      state: 'failed',
      attempts: 1,
      lastError: { errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', fields: ['CallType'], retryable: false },
    });
    expect(harness.emulator.store.rows('Opportunity')).toHaveLength(opportunities);
  });
});

describe('faults on a create', () => {
  const cases = [
    { action: 'drop', status: 500, committed: false },
    { action: 'fail', status: 500, committed: false },
    { action: 'commit-then-fail', status: 500, committed: true },
    { action: 'commit-then-drop', status: 500, committed: true },
    { action: 'fail', status: 503, committed: false },
  ] as const;

  it.each(cases)('$action ($status) → exactly one record', async ({ action, status, committed }) => {
    const clock = testClock();
    const outbox = makeOutbox({ now: clock.now });
    const conversation = `conv-${action}-${String(status)}`;
    harness.emulator.addFault({
      match: { method: 'POST', path: '/sobjects/Task' },
      count: 2,
      action,
      status,
      body: undefined,
    });
    const enqueued = await outbox.enqueue(logCall(conversation), { label: 'Log call' });
    await outbox.flush();
    const afterFirst = await item(outbox, enqueued.id);
    expect(afterFirst).toMatchObject({ state: 'pending', ambiguous: true, lastError: { retryable: true } });
    expect(tasksOf(conversation)).toHaveLength(committed ? 1 : 0);

    await flushUntilSettled(outbox, clock);
    const rows = tasksOf(conversation);
    expect(rows).toHaveLength(1);
    const done = await item(outbox, enqueued.id);
    expect(done).toMatchObject({ state: 'done', resultId: rows[0]?.values.Id });
    // Committed: the check finds the record and nothing is sent again.
    expect(taskPosts()).toHaveLength(committed ? 1 : 3);
    expect(queries().length).toBeGreaterThanOrEqual(1);
  });

  it('retries UNABLE_TO_LOCK_ROW and REQUEST_LIMIT_EXCEEDED without a check', async () => {
    const clock = testClock();
    const outbox = makeOutbox({ now: clock.now });
    harness.emulator.addFault({
      match: { method: 'POST', path: '/sobjects/Task' },
      action: 'fail',
      status: 400,
      body: [{ errorCode: 'UNABLE_TO_LOCK_ROW', message: 'unable to obtain exclusive access to this record' }],
    });
    harness.emulator.addFault({
      match: { method: 'POST', path: '/sobjects/Task' },
      action: 'fail',
      status: 403,
      body: [{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' }],
    });
    const enqueued = await outbox.enqueue(logCall('conv-lock'), { label: 'Log call' });
    await outbox.flush();
    expect(await item(outbox, enqueued.id)).toMatchObject({
      state: 'pending',
      attempts: 1,
      lastError: { errorCode: 'UNABLE_TO_LOCK_ROW', retryable: true },
    });
    expect((await item(outbox, enqueued.id)).ambiguous).toBeUndefined();
    await flushUntilSettled(outbox, clock);
    expect(await item(outbox, enqueued.id)).toMatchObject({ state: 'done', attempts: 3 });
    expect(tasksOf('conv-lock')).toHaveLength(1);
    expect(queries()).toHaveLength(0);
  });

  it('does not mistake an earlier record with the same marker for its own', async () => {
    const clock = testClock();
    const outbox = makeOutbox({ now: clock.now });
    const first = await outbox.waitFor((await outbox.enqueue(logCall('conv-twice'), { label: 'First note' })).id);
    harness.emulator.addFault({
      match: { method: 'POST', path: '/sobjects/Task' },
      action: 'fail',
      status: 500,
      body: undefined,
    });
    const second = await outbox.enqueue(logCall('conv-twice', { Subject: 'Second' }), { label: 'Second note' });
    await flushUntilSettled(outbox, clock);
    const rows = tasksOf('conv-twice');
    expect(rows).toHaveLength(2);
    const done = await item(outbox, second.id);
    expect(done.resultId).not.toBe(first.resultId);
    expect(rows.find((row) => row.values.Id === done.resultId)?.values.Subject).toBe('Second');
  });

  it('backs off 1 s, 2 s, 4 s … up to 60 s, and sends nothing before an item is due', async () => {
    const clock = testClock();
    const start = clock.at;
    const outbox = makeOutbox({ now: clock.now });
    harness.emulator.addFault({
      match: { method: 'POST', path: '/sobjects/Task' },
      count: 9,
      action: 'fail',
      status: 400,
      body: [{ errorCode: 'UNABLE_TO_LOCK_ROW', message: 'locked' }],
    });
    const enqueued = await outbox.enqueue(logCall('conv-backoff'), { label: 'Log call' });
    await outbox.flush();
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 8; attempt += 1) {
      const current = await item(outbox, enqueued.id);
      expect(current.attempts).toBe(attempt);
      waits.push(current.nextAttemptAt - clock.at);
      clock.at = current.nextAttemptAt - 1;
      await outbox.flush();
      expect(taskPosts()).toHaveLength(attempt);
      clock.at += 1;
      await outbox.flush();
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000]);
    const last = await item(outbox, enqueued.id);
    expect(last.attempts).toBe(9);
    clock.at = last.nextAttemptAt;
    await outbox.flush();
    expect(await item(outbox, enqueued.id)).toMatchObject({ state: 'done', attempts: 10 });
    expect(clock.at - start).toBeLessThan(5 * 60_000);
  });

  it('spreads the backoff with jitter', async () => {
    const clock = testClock();
    const outbox = makeOutbox({ now: clock.now, random: () => 0 });
    harness.emulator.addFault({
      match: { method: 'POST', path: '/sobjects/Task' },
      count: 1,
      action: 'fail',
      status: 400,
      body: [{ errorCode: 'UNABLE_TO_LOCK_ROW', message: 'locked' }],
    });
    const enqueued = await outbox.enqueue(logCall('conv-jitter'), { label: 'Log call' });
    await outbox.flush();
    expect((await item(outbox, enqueued.id)).nextAttemptAt - clock.at).toBe(750);
  });
});

describe('the session', () => {
  it('renews an expired access token mid-write and lands once, without a prompt', async () => {
    const outbox = makeOutbox();
    expireAccessTokens(harness.emulator);
    const done = await outbox.waitFor((await outbox.enqueue(logCall('conv-401'), { label: 'Log call' })).id);
    expect(done).toMatchObject({ state: 'done', attempts: 1 });
    expect(tasksOf('conv-401')).toHaveLength(1);
    expect(harness.emulator.oauth.counters.refresh).toBe(1);
    expect(harness.session.store.getState().status).toBe('signed-in');
  });

  it('keeps the item pending while the session is gone, and sends it after a new sign-in', async () => {
    const outbox = makeOutbox();
    const stop = outbox.start();
    revokeRefreshTokens(harness.emulator);
    const enqueued = await outbox.enqueue(logCall('conv-revoked'), { label: 'Log call' });
    await outbox.flush();
    expect(harness.session.store.getState().status).toBe('signed-out');
    expect(await item(outbox, enqueued.id)).toMatchObject({
      state: 'pending',
      attempts: 0,
      lastError: { errorCode: 'SESSION_ENDED', retryable: true },
    });
    // Signed out, the user can still hand over work: it is kept for them.
    const later = await outbox.enqueue(logCall('conv-while-out'), { label: 'Log another call' });
    await outbox.flush();
    expect(await item(outbox, later.id)).toMatchObject({ state: 'pending', attempts: 0 });
    expect(tasksOf('conv-revoked')).toHaveLength(0);

    await signIn(harness.session, localStorage);
    expect(await outbox.waitFor(enqueued.id)).toMatchObject({ state: 'done', attempts: 1 });
    expect(await outbox.waitFor(later.id)).toMatchObject({ state: 'done' });
    expect(tasksOf('conv-revoked')).toHaveLength(1);
    expect(tasksOf('conv-while-out')).toHaveLength(1);
    stop();
  });

  it("sends an item only for the user who made it; another user's items wait for them", async () => {
    const outbox = makeOutbox();
    const jane = harness.emulator.ids.users.jane;
    const enqueued = await outbox.enqueue(logCall('conv-jane'), { label: 'Log call' });
    expect(enqueued.scope.endsWith(`:${jane}`)).toBe(true);
    await outbox.waitFor(enqueued.id);
    const janesPending = await outbox.enqueue(logCall('conv-jane-2'), { label: 'Log call' });
    // Before it goes out, Marco signs in (in another instance: only storage changed).
    await harness.session.signOut();
    const tokens = await codeFlow({ user: harness.emulator.ids.users.marco });
    localStorage.setItem(
      oidcUserKey(TEST_ORG_ORIGIN, TEST_CLIENT_ID),
      JSON.stringify({
        access_token: tokens.access_token,
        refresh_token: tokens.refresh_token,
        token_type: 'Bearer',
        profile: {},
      }),
    );
    await harness.session.completeSignIn(TEST_ORG_ORIGIN, tokens.instance_url ?? TEST_ORG_ORIGIN);
    await outbox.flush();
    expect(await item(outbox, janesPending.id)).toMatchObject({ state: 'pending', scope: enqueued.scope });
    expect(tasksOf('conv-jane-2')).toHaveLength(0);
    const marcos = await outbox.waitFor((await outbox.enqueue(logCall('conv-marco'), { label: 'Log call' })).id);
    expect(tasksOf('conv-marco')[0]?.values.CreatedById).toBe(harness.emulator.ids.users.marco);
    expect(marcos.scope).not.toBe(enqueued.scope);
    expect((await outbox.list()).map((candidate) => candidate.id)).toContain(janesPending.id);

    await harness.session.signOut();
    await signIn(harness.session, localStorage);
    await outbox.flush();
    expect(await item(outbox, janesPending.id)).toMatchObject({ state: 'done' });
    expect(tasksOf('conv-jane-2')[0]?.values.CreatedById).toBe(jane);
  });

  it('refuses an enqueue when nobody was ever signed in', async () => {
    await harness.session.signOut();
    const outbox = makeOutbox();
    await expect(outbox.enqueue(logCall('conv-nobody'), { label: 'Log call' })).rejects.toMatchObject({
      code: 'NOT_SIGNED_IN',
    });
    expect(await outbox.list()).toEqual([]);
  });
});

describe('validation errors', () => {
  it('fails at once with the field named, and is not retried', async () => {
    const clock = testClock();
    const outbox = makeOutbox({ now: clock.now });
    const bad = await outbox.enqueue(logCall('conv-bad', { CallType: 'Sideways' }), {
      label: 'Log call',
      formKey: 'log-form:conv-bad',
    });
    const failed = await outbox.waitFor(bad.id);
    expect(failed).toMatchObject({
      state: 'failed',
      attempts: 1,
      formKey: 'log-form:conv-bad',
      lastError: { errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', fields: ['CallType'], retryable: false },
    });
    expect(failed.lastError?.message).toContain('Sideways');
    clock.at += 10 * 60_000;
    await outbox.flush();
    expect(taskPosts()).toHaveLength(1);
    expect(
      (await outbox.list({ formKey: 'log-form:conv-bad', states: ['failed'] })).map((candidate) => candidate.id),
    ).toEqual([bad.id]);

    // The operation is immutable: a retry sends the same thing and fails the same way.
    await outbox.retry(bad.id);
    expect(await outbox.waitFor(bad.id)).toMatchObject({ state: 'failed', attempts: 2 });
    // The form enqueues a corrected item and discards the old one.
    const fixed = await outbox.enqueue(logCall('conv-bad', { CallType: 'Outbound' }), {
      label: 'Log call',
      formKey: 'log-form:conv-bad',
    });
    await outbox.discard(bad.id);
    expect(await outbox.waitFor(fixed.id)).toMatchObject({ state: 'done' });
    expect(await item(outbox, bad.id)).toMatchObject({ state: 'discarded' });
    expect(tasksOf('conv-bad')).toHaveLength(1);
    expect(tasksOf('conv-bad')[0]?.values.CallType).toBe('Outbound');
  });

  it('names the missing required fields', async () => {
    const outbox = makeOutbox();
    const lead = await outbox.enqueue(
      {
        kind: 'create',
        sobject: 'Lead',
        fields: { FirstName: 'Ada', Phone: '+44 20 7946 0000' },
        dedupe: { match: { Phone: '+44 20 7946 0000' } },
      },
      { label: 'New lead', formKey: 'lead-form' },
    );
    expect(await outbox.waitFor(lead.id)).toMatchObject({
      state: 'failed',
      lastError: {
        errorCode: 'REQUIRED_FIELD_MISSING',
        fields: expect.arrayContaining(['LastName', 'Company']) as string[],
      },
    });
  });

  it('keeps the matches of DUPLICATES_DETECTED for the form', async () => {
    const outbox = makeOutbox();
    const ada = harness.emulator.store.get(harness.emulator.ids.contacts.ada);
    const lead = await outbox.enqueue(
      {
        kind: 'create',
        sobject: 'Contact',
        fields: {
          FirstName: String(ada?.values.FirstName),
          LastName: String(ada?.values.LastName),
          Email: String(ada?.values.Email),
        },
        dedupe: { match: { Email: String(ada?.values.Email) } },
      },
      { label: 'New contact' },
    );
    const failed = await outbox.waitFor(lead.id);
    expect(failed).toMatchObject({
      state: 'failed',
      lastError: { errorCode: 'DUPLICATES_DETECTED', retryable: false },
    });
    expect(failed.lastError?.duplicates?.map((match) => match.id)).toContain(harness.emulator.ids.contacts.ada);
  });

  it('refuses a malformed operation before storing it', async () => {
    const outbox = makeOutbox();
    const bad: unknown[] = [
      { kind: 'create', sobject: 'Task', fields: { Subject: 'x' }, dedupe: { match: {} } },
      { kind: 'create', sobject: 'Task', fields: { Subject: 'x' } },
      { kind: 'create', sobject: 'Task/../Lead', fields: {}, dedupe: { match: { Subject: 'x' } } },
      { kind: 'create', sobject: 'Task', fields: { Subject: { nested: true } }, dedupe: { match: { Subject: 'x' } } },
      { kind: 'create', sobject: 'Task', fields: {}, dedupe: { match: { "Subject = 'x' OR Id": 'x' } } },
      { kind: 'update', sobject: 'Task', id: 'not-an-id', fields: {} },
      { kind: 'upsert', sobject: 'Opportunity', externalIdField: 'conversationId__c', externalId: '', fields: {} },
      {
        kind: 'composite',
        allOrNone: false,
        subrequests: [{ method: 'GET', url: '/services/data/v66.0/limits', referenceId: 'a' }],
      },
      { kind: 'composite', allOrNone: true, subrequests: [] },
      { kind: 'delete', sobject: 'Task', id: '00T000000000001AAA' },
    ];
    for (const op of bad) {
      await expect(outbox.enqueue(op as OutboxOperation, { label: 'x' })).rejects.toMatchObject({
        code: 'INVALID_OPERATION',
      });
    }
    await expect(outbox.enqueue(logCall('conv-nolabel'), { label: ' ' })).rejects.toBeInstanceOf(OutboxError);
    expect(await outbox.list()).toEqual([]);
  });
});

describe('recovery', () => {
  it('after a crash mid-request, finds the record the request made instead of creating a second one', async () => {
    // The first instance sends the request; Salesforce creates the record; the answer never arrives (the tab dies).
    const hungClient = new SalesforceClient(harness.session, 'v66.0', async (input, init) => {
      await fetch(input, init);
      return new Promise<Response>(() => undefined);
    });
    const crashed = makeOutbox({ client: hungClient });
    const enqueued = await crashed.enqueue(logCall('conv-crash'), { label: 'Log call' });
    await vi_waitFor(() => tasksOf('conv-crash').length === 1);
    const stored = await item(crashed, enqueued.id);
    expect(stored).toMatchObject({ state: 'sending', attempts: 0 });
    expect(stored.sentAt).toBeTypeOf('number');
    opened = opened.filter((outbox) => outbox !== crashed);

    const restarted = makeOutbox();
    restarted.start();
    const done = await restarted.waitFor(enqueued.id);
    expect(done).toMatchObject({ state: 'done', resultId: tasksOf('conv-crash')[0]?.values.Id });
    expect(tasksOf('conv-crash')).toHaveLength(1);
    expect(taskPosts()).toHaveLength(1);
    expect(queries()).toHaveLength(1);
  });

  it('resends an item left sending when the request never reached Salesforce', async () => {
    const outbox = makeOutbox();
    const now = Date.now();
    await writeRaw(
      dbName,
      rawItem({ id: 'left-sending', state: 'sending', sentAt: now - 1000, op: logCall('conv-lost') }),
    );
    outbox.start();
    expect(await outbox.waitFor('left-sending')).toMatchObject({ state: 'done', attempts: 1 });
    expect(tasksOf('conv-lost')).toHaveLength(1);
    expect(queries()).toHaveLength(1);
  });

  it('reads back old or corrupt records without touching them', async () => {
    const outbox = makeOutbox();
    await writeRaw(dbName, { id: 'corrupt', v: ITEM_FORMAT, scope: 3 });
    await writeRaw(dbName, {
      ...rawItem({ id: 'future', state: 'pending', op: logCall('conv-future') }),
      v: ITEM_FORMAT + 1,
    });
    await writeRaw(dbName, rawItem({ id: 'fine', state: 'failed', op: logCall('conv-old') }));
    await writeRaw(
      dbName,
      rawItem({
        id: 'bad-op',
        state: 'pending',
        op: { kind: 'create', sobject: 'Task', fields: { Subject: 'x' }, dedupe: { match: {} } },
      }),
    );
    expect((await outbox.list()).map((candidate) => candidate.id)).toEqual(['fine']);
    await outbox.flush();
    expect(taskPosts()).toHaveLength(0);
    const db = await openDB(dbName);
    expect(await db.count('items')).toBe(4);
    db.close();
  });
});

describe('the agent', () => {
  it('retries a failed item and discards pending or failed ones, never one being sent', async () => {
    const outbox = makeOutbox();
    harness.emulator.addFault({
      match: { method: 'POST', path: '/sobjects/Task' },
      action: 'fail',
      status: 400,
      body: [{ errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY', message: 'insufficient access rights on object id' }],
    });
    const first = await outbox.enqueue(logCall('conv-retry'), { label: 'Log call' });
    expect(await outbox.waitFor(first.id)).toMatchObject({ state: 'failed', lastError: { retryable: false } });
    await outbox.retry(first.id);
    const done = await outbox.waitFor(first.id);
    expect(done).toMatchObject({ state: 'done', attempts: 2 });
    expect(done.lastError).toBeUndefined();
    await expect(outbox.retry(first.id)).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await expect(outbox.discard(first.id)).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await expect(outbox.retry('nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });

    await harness.session.signOut();
    const parked = await outbox.enqueue(logCall('conv-discard'), { label: 'Log call' });
    await outbox.discard(parked.id);
    await outbox.discard(parked.id);
    expect(await outbox.waitFor(parked.id)).toMatchObject({ state: 'discarded' });
    await signIn(harness.session, localStorage);
    await outbox.flush();
    expect(tasksOf('conv-discard')).toHaveLength(0);

    await writeRaw(
      dbName,
      rawItem({ id: 'in-flight', state: 'sending', sentAt: Date.now(), op: logCall('conv-in-flight') }),
    );
    await expect(outbox.discard('in-flight')).rejects.toMatchObject({ code: 'INVALID_STATE' });
  });

  it('sends the items of a group first in, first out', async () => {
    const clock = testClock();
    const outbox = makeOutbox({ now: clock.now });
    harness.emulator.addFault({
      match: { method: 'POST', path: '/sobjects/Task' },
      action: 'fail',
      status: 400,
      body: [{ errorCode: 'UNABLE_TO_LOCK_ROW', message: 'locked' }],
    });
    const a = await outbox.enqueue(logCall('conv-fifo-a'), { label: 'A', group: 'conv-fifo' });
    const b = await outbox.enqueue(logCall('conv-fifo-b'), { label: 'B', group: 'conv-fifo' });
    const other = await outbox.enqueue(logCall('conv-other'), { label: 'Other', group: 'conv-other' });
    await outbox.flush();
    // A is backing off: B waits behind it, an item of another group does not.
    expect((await item(outbox, a.id)).state).toBe('pending');
    expect((await item(outbox, b.id)).state).toBe('pending');
    expect((await item(outbox, b.id)).attempts).toBe(0);
    expect((await item(outbox, other.id)).state).toBe('done');
    await flushUntilSettled(outbox, clock);
    const order = harness.emulator.store
      .rows('Task')
      .filter((row) => String(row.values.CallObject).startsWith('conv-fifo'))
      .map((row) => row.values.CallObject);
    expect(order).toEqual(['conv-fifo-a', 'conv-fifo-b']);
  });

  it('tells subscribers of every change, including those of another instance', async () => {
    const first = makeOutbox();
    const second = makeOutbox();
    const seen: string[][] = [];
    first.subscribe((items) => seen.push(items.map((candidate) => `${candidate.label}:${candidate.state}`)));
    await harness.session.signOut();
    const enqueued = await second.enqueue(logCall('conv-seen'), { label: 'Seen' });
    await vi_waitFor(() => seen.some((items) => items.includes('Seen:pending')));
    await second.discard(enqueued.id);
    await vi_waitFor(() => seen.some((items) => items.includes('Seen:discarded')));
    expect(first.getSnapshot().map((candidate) => candidate.state)).toEqual(['discarded']);
  });

  it('hears changes from other documents through storage events', async () => {
    const events = new EventTarget();
    const first = makeOutbox({ eventTarget: events });
    const seen: number[] = [];
    first.subscribe((items) => seen.push(items.length));
    await vi_waitFor(() => seen.length > 0);
    await writeRaw(dbName, rawItem({ id: 'from-the-daemon', state: 'pending', op: logCall('conv-daemon') }));
    events.dispatchEvent(new StorageEvent('storage', { key: `sfx-outbox:changed:${dbName}`, newValue: 'x' }));
    await vi_waitFor(() => seen.includes(1));
  });
});

describe('several instances', () => {
  it('sends each item once when two instances flush at the same time', async () => {
    harness.emulator.settings.latencyMs = 3;
    const locks = new FakeLocks();
    const first = makeOutbox({ locks });
    const second = makeOutbox({ locks });
    await harness.session.signOut();
    const ids: string[] = [];
    for (let n = 0; n < 6; n += 1)
      ids.push(
        (
          await (n % 2 === 0 ? first : second).enqueue(logCall(`conv-pair-${String(n)}`), {
            label: `Call ${String(n)}`,
          })
        ).id,
      );
    await signIn(harness.session, localStorage);
    await Promise.all([first.flush(), second.flush(), first.flush(), second.flush()]);
    for (const id of ids) expect(await first.waitFor(id)).toMatchObject({ state: 'done', attempts: 1 });
    expect(taskPosts()).toHaveLength(6);
    for (let n = 0; n < 6; n += 1) expect(tasksOf(`conv-pair-${String(n)}`)).toHaveLength(1);
    // Neither instance ever found an item the other was sending (it would have had to check for it).
    expect(queries()).toHaveLength(0);
    expect(locks.maxHolders).toBe(1);
  });
});

describe('stress', () => {
  it('20 creates through a mix of faults → 20 records, none twice, none lost', async () => {
    const clock = testClock();
    const outbox = makeOutbox({ now: clock.now, random: () => 0.3 });
    const actions = ['drop', 'fail', 'commit-then-fail', 'commit-then-drop'] as const;
    for (let n = 0; n < 16; n += 1) {
      harness.emulator.addFault({
        match: { method: 'POST', path: '/sobjects/Task' },
        count: 1 + (n % 2),
        action: actions[n % 4] ?? 'fail',
        status: n % 3 === 0 ? 503 : 500,
        body: undefined,
      });
    }
    harness.emulator.addFault({
      match: { method: 'GET', path: '/query' },
      count: 2,
      action: 'drop',
      status: 500,
      body: undefined,
    });
    await harness.session.signOut();
    const ids: string[] = [];
    for (let n = 0; n < 20; n += 1)
      ids.push(
        (
          await outbox.enqueue(logCall(`conv-stress-${String(n)}`), {
            label: `Call ${String(n)}`,
            group: `g${String(n % 3)}`,
          })
        ).id,
      );
    await signIn(harness.session, localStorage);
    await flushUntilSettled(outbox, clock, 200);
    for (let n = 0; n < 20; n += 1) expect(tasksOf(`conv-stress-${String(n)}`)).toHaveLength(1);
    const items = await outbox.list();
    expect(items.every((candidate) => candidate.state === 'done')).toBe(true);
    expect(new Set(items.map((candidate) => candidate.resultId)).size).toBe(20);
    expect(harness.emulator.faults).toEqual([]);
  });
});

describe('guarantees', () => {
  it('never sends an item with the token of a user who signed in meanwhile', async () => {
    const jane = harness.session.store.getState().session;
    const userKey = oidcUserKey(TEST_ORG_ORIGIN, TEST_CLIENT_ID);
    const metaKey = harness.session.metaKey;
    const janesStorage = [localStorage.getItem(userKey), localStorage.getItem(metaKey)] as const;
    const tokens = await codeFlow({ user: harness.emulator.ids.users.marco });
    localStorage.setItem(
      userKey,
      JSON.stringify({
        access_token: tokens.access_token,
        refresh_token: tokens.refresh_token,
        token_type: 'Bearer',
        profile: {},
      }),
    );
    await harness.session.completeSignIn(TEST_ORG_ORIGIN, tokens.instance_url ?? TEST_ORG_ORIGIN);
    const marcosStorage = [localStorage.getItem(userKey), localStorage.getItem(metaKey)] as const;
    localStorage.setItem(userKey, janesStorage[0] ?? '');
    localStorage.setItem(metaKey, janesStorage[1] ?? '');
    harness.session.reload();
    expect(harness.session.store.getState().session?.userId).toBe(jane?.userId);

    // Marco signs in in another instance while this one is between picking Jane's item and sending it.
    let reloads = 0;
    const session = {
      store: harness.session.store,
      reload: () => {
        reloads += 1;
        if (reloads === 2) {
          localStorage.setItem(userKey, marcosStorage[0] ?? '');
          localStorage.setItem(metaKey, marcosStorage[1] ?? '');
        }
        harness.session.reload();
      },
    };
    const outbox = makeOutbox({ session });
    const enqueued = await outbox.enqueue(logCall('conv-switch'), { label: 'Log call' });
    await outbox.flush();
    expect(reloads).toBeGreaterThanOrEqual(2);
    expect(tasksOf('conv-switch')).toHaveLength(0);
    expect(await item(outbox, enqueued.id)).toMatchObject({
      state: 'pending',
      attempts: 0,
      scope: `${jane?.orgId ?? ''}:${jane?.userId ?? ''}`,
    });
  });

  it('rejects an enqueue the device could not store, and keeps nothing half-written', async () => {
    const outbox = makeOutbox();
    await outbox.list();
    const add = vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    await expect(outbox.enqueue(logCall('conv-full'), { label: 'Log call' })).rejects.toMatchObject({
      name: 'OutboxError',
      code: 'STORAGE',
    });
    add.mockRestore();
    expect(await outbox.list()).toEqual([]);
    expect(taskPosts()).toHaveLength(0);
  });

  it('wakes itself when a backoff ends, and at once when the browser is back online', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const clock = testClock();
      const events = new EventTarget();
      const outbox = makeOutbox({ now: clock.now, eventTarget: events });
      harness.emulator.addFault({
        match: { method: 'POST', path: '/sobjects/Task' },
        count: 2,
        action: 'fail',
        status: 400,
        body: [{ errorCode: 'UNABLE_TO_LOCK_ROW', message: 'locked' }],
      });
      outbox.start();
      const enqueued = await outbox.enqueue(logCall('conv-timer'), { label: 'Log call' });
      await until(async () => (await item(outbox, enqueued.id)).attempts === 1);
      await outbox.flush(); // idle again, with the timer set for the end of the 1 s backoff
      clock.at += 1000;
      vi.advanceTimersByTime(999);
      await settleIo();
      expect(taskPosts()).toHaveLength(1);
      vi.advanceTimersByTime(1);
      await until(async () => (await item(outbox, enqueued.id)).attempts === 2);
      // The next wait is 2 s, but the connection came back: no waiting.
      events.dispatchEvent(new Event('online'));
      expect(await outbox.waitFor(enqueued.id)).toMatchObject({ state: 'done', attempts: 3 });
      expect(tasksOf('conv-timer')).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('forgets done and discarded items after a while, never pending or failed ones', async () => {
    const clock = testClock();
    const outbox = makeOutbox({ now: clock.now, keepFinishedMs: 60_000 });
    const done = await outbox.waitFor((await outbox.enqueue(logCall('conv-old-done'), { label: 'Done' })).id);
    const failed = await outbox.waitFor(
      (await outbox.enqueue(logCall('conv-old-failed', { CallType: 'Sideways' }), { label: 'Failed' })).id,
    );
    await harness.session.signOut();
    const pending = await outbox.enqueue(logCall('conv-old-pending'), { label: 'Pending' });
    clock.at += 60_001;
    const stop = outbox.start();
    await until(async () => (await outbox.list()).length === 2);
    expect((await outbox.list()).map((candidate) => candidate.id)).toEqual([failed.id, pending.id]);
    expect(done.state).toBe('done');
    stop();
  });
});

// ---------------------------------------------------------------- helpers

/** Lets IndexedDB and the emulated network finish what they started (they do not use setTimeout). */
async function settleIo(): Promise<void> {
  for (let n = 0; n < 50; n += 1) await new Promise((resolve) => setImmediate(resolve));
}

async function until(condition: () => Promise<boolean>, rounds = 2000): Promise<void> {
  for (let n = 0; n < rounds; n += 1) {
    if (await condition()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('timed out waiting');
}

async function vi_waitFor(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

function rawItem(fields: { id: string; state: string; op: unknown; sentAt?: number }): Record<string, unknown> {
  const session = harness.session.store.getState().session;
  const now = Date.now();
  return {
    v: ITEM_FORMAT,
    scope: `${session?.orgId ?? ''}:${session?.userId ?? ''}`,
    label: 'Stored earlier',
    attempts: 0,
    nextAttemptAt: now,
    seq: 1000 + Math.floor(Math.random() * 1000),
    createdAt: now - 2000,
    updatedAt: now - 1000,
    ...fields,
  };
}

async function writeRaw(name: string, value: Record<string, unknown>): Promise<void> {
  const db = await openDB(name, 1, {
    upgrade(database) {
      database.createObjectStore('items', { keyPath: 'id' }).createIndex('seq', 'seq');
    },
  });
  await db.put('items', value);
  db.close();
}
