// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setFieldAccess } from '../../../mocks/salesforce/controls';
import { setupSalesforceHarness } from '../../../mocks/testing/salesforce-harness';
import { Outbox } from '../outbox/outbox';
import type { OutboxItem, OutboxOperation } from '../outbox/types';
import { MASTER_RECORD_TYPE_ID, getStages, isClosedStage } from './opportunities';
import {
  NOTE_CLOCK_SLACK_MS,
  addNoteOperation,
  base64Utf8,
  editNoteOperation,
  findSavedNote,
  getNoteText,
  getNotes,
  noteContent,
  noteHtml,
  noteText,
  noteTitleOf,
  noteTitleTaken,
} from './notes';
import { blockedWrite, writeProblem } from './write-problems';
import { createTiedOperation, externalIdUrl, tieOperation, untieOperation } from './tie';
import { getRecordTasks } from './tasks';

const V = '/services/data/v66.0';

describe('operation builders', () => {
  it('ties with a plain update when nothing (or the same record) holds the tie', () => {
    expect(
      tieOperation({
        sobject: 'Opportunity',
        recordId: '0065g00000AAAAAAAA',
        conversationId: 'conv-1',
        tiedId: null,
        apiVersion: 'v66.0',
      }),
    ).toEqual({
      kind: 'update',
      sobject: 'Opportunity',
      id: '0065g00000AAAAAAAA',
      fields: { conversationId__c: 'conv-1' },
    });
    expect(
      tieOperation({
        sobject: 'Case',
        recordId: '5005g00000AAAAAAAA',
        conversationId: 'conv-1',
        tiedId: '5005g00000AAAAAAAA',
        apiVersion: 'v66.0',
      }).kind,
    ).toBe('update');
  });

  it('moves the tie in one all-or-nothing composite: clear the old record, then set the new one', () => {
    expect(
      tieOperation({
        sobject: 'Opportunity',
        recordId: '0065g00000BBBBBBBB',
        conversationId: 'conv-1',
        tiedId: '0065g00000AAAAAAAA',
        apiVersion: 'v66.0',
      }),
    ).toEqual({
      kind: 'composite',
      allOrNone: true,
      subrequests: [
        {
          method: 'PATCH',
          url: `${V}/sobjects/Opportunity/0065g00000AAAAAAAA`,
          referenceId: 'untie',
          body: { conversationId__c: null },
        },
        {
          method: 'PATCH',
          url: `${V}/sobjects/Opportunity/0065g00000BBBBBBBB`,
          referenceId: 'tie',
          body: { conversationId__c: 'conv-1' },
        },
      ],
    });
  });

  it('unties with an update that clears the field', () => {
    expect(untieOperation('Case', '5005g00000AAAAAAAA')).toEqual({
      kind: 'update',
      sobject: 'Case',
      id: '5005g00000AAAAAAAA',
      fields: { conversationId__c: null },
    });
  });

  it('refuses a record id that is not one', () => {
    expect(() => untieOperation('Case', "5005g' OR Id != '")).toThrow(/Not a Salesforce record id/);
    expect(() =>
      tieOperation({ sobject: 'Case', recordId: '../query', conversationId: 'c', tiedId: null, apiVersion: 'v66.0' }),
    ).toThrow(/Not a Salesforce record id/);
  });

  it('URL-encodes the conversation id in the upsert resource', () => {
    expect(externalIdUrl('v66.0', 'Opportunity', 'conv/100%?#x y')).toBe(
      `${V}/sobjects/Opportunity/conversationId__c/conv%2F100%25%3F%23x%20y`,
    );
  });

  it('creates a tied record with an upsert by the external id, or a composite that first clears the old tie', () => {
    const fields = { Name: 'Deal', StageName: 'Prospecting', CloseDate: '2026-12-31', conversationId__c: 'ignored' };
    expect(
      createTiedOperation({
        sobject: 'Opportunity',
        conversationId: 'conv/1',
        fields,
        tiedId: null,
        apiVersion: 'v66.0',
      }),
    ).toEqual({
      kind: 'upsert',
      sobject: 'Opportunity',
      externalIdField: 'conversationId__c',
      externalId: 'conv/1',
      fields: { Name: 'Deal', StageName: 'Prospecting', CloseDate: '2026-12-31' },
    });
    expect(
      createTiedOperation({
        sobject: 'Case',
        conversationId: 'conv/1',
        fields: { Subject: 'S' },
        tiedId: '5005g00000AAAAAAAA',
        apiVersion: 'v66.0',
      }),
    ).toEqual({
      kind: 'composite',
      allOrNone: true,
      subrequests: [
        {
          method: 'PATCH',
          url: `${V}/sobjects/Case/5005g00000AAAAAAAA`,
          referenceId: 'untie',
          body: { conversationId__c: null },
        },
        {
          method: 'PATCH',
          url: `${V}/sobjects/Case/conversationId__c/conv%2F1`,
          referenceId: 'created',
          body: { Subject: 'S' },
        },
      ],
    });
  });

  it('writes plain text as escaped HTML, one paragraph per line, base64 of the UTF-8 bytes', () => {
    expect(noteHtml('Grüße <b>&</b> "Q"\r\nline \'2\'\n\nend')).toBe(
      '<p>Grüße &lt;b&gt;&amp;&lt;/b&gt; &quot;Q&quot;</p><p>line &#39;2&#39;</p><p></p><p>end</p>',
    );
    const content = noteContent('Grüße\n<script>');
    const bytes = Uint8Array.from(atob(content), (c) => c.charCodeAt(0));
    expect(new TextDecoder().decode(bytes)).toBe('<p>Grüße</p><p>&lt;script&gt;</p>');
    expect(base64Utf8('€')).toBe('4oKs');
    expect(base64Utf8('x'.repeat(100_000))).toHaveLength(133_336);
  });

  it('reads note HTML back as plain text, entities decoded once, markup dropped', () => {
    expect(noteText(noteHtml('Grüße <b>&amp;</b>\n\nzwei'))).toBe('Grüße <b>&amp;</b>\n\nzwei');
    expect(noteText('<p>a<br>b</p><ul><li>c</li></ul><p>&#x1F600; &#8364; &nbsp;&bogus; &#xD800;</p>')).toBe(
      'a\nb\nc\n😀 € \u00a0&bogus; &#xD800;',
    );
    expect(noteText('')).toBe('');
  });

  it('builds the add-note composite with the Title as its marker and a guard before the writes', () => {
    const op = addNoteOperation({
      apiVersion: 'v66.0',
      recordId: '0065g00000AAAAAAAA',
      title: "Ada's call",
      text: 'x',
      userId: '0055g00000AAAAAAAA',
      createdSince: new Date('2026-01-15T10:00:00Z'),
    });
    if (op.kind !== 'composite') throw new Error('not a composite');
    expect(op.subrequests.map((s) => [s.method, s.referenceId])).toEqual([
      ['GET', 'unsaved'],
      ['GET', 'firstTime'],
      ['POST', 'note'],
      ['POST', 'link'],
    ]);
    expect(decodeURIComponent(op.subrequests[0]?.url.split('?q=')[1] ?? '')).toBe(
      "SELECT Id FROM User WHERE Id = '0055g00000AAAAAAAA' AND Id NOT IN (SELECT CreatedById FROM ContentNote WHERE Title = 'Ada\\'s call' AND CreatedDate >= 2026-01-15T10:00:00Z)",
    );
    expect(op.subrequests[1]?.url).toBe(`${V}/sobjects/User/@{unsaved.records[0].Id}?fields=Id`);
    expect(op.subrequests[3]?.body).toEqual({
      ContentDocumentId: '@{note.id}',
      LinkedEntityId: '0065g00000AAAAAAAA',
      ShareType: 'V',
      Visibility: 'AllUsers',
    });
    expect(noteTitleOf(op)).toBe("Ada's call");
    expect(noteTitleOf(untieOperation('Case', '5005g00000AAAAAAAA'))).toBeNull();
  });
});

const h = setupSalesforceHarness();
let outboxes: Outbox[] = [];
let dbSeq = 0;

beforeEach(() => {
  outboxes = [];
});
afterEach(async () => {
  await Promise.all(outboxes.map((outbox) => outbox.close()));
});

function makeOutbox(): Outbox {
  dbSeq += 1;
  const outbox = new Outbox({
    client: h.client,
    session: h.session,
    dbName: `opportunities-test-${String(dbSeq)}`,
    locks: null,
    random: () => 0.5,
    signalStorage: null,
    eventTarget: null,
  });
  outboxes.push(outbox);
  return outbox;
}

async function send(outbox: Outbox, op: OutboxOperation): Promise<OutboxItem> {
  const item = await outbox.enqueue(op, { label: 'test' });
  return outbox.waitFor(item.id);
}

const opportunity = (recordId: string) => h.emulator.store.get(recordId)?.values;
const userId = () => h.session.store.getState().session?.userId ?? '';

describe('stages from the UI API', () => {
  it('reads the Master record type’s stages with their closed flag and Salesforce’s probability', async () => {
    const stages = await getStages(h.client, null);
    expect(h.requests.at(-1)?.url).toContain(
      `/ui-api/object-info/Opportunity/picklist-values/${MASTER_RECORD_TYPE_ID}/StageName`,
    );
    expect(stages.map((s) => s.value)).toContain('Negotiation/Review');
    expect(stages.find((s) => s.value === 'Closed Won')).toMatchObject({
      closed: true,
      won: true,
      probability: 100,
      forecastCategory: 'Closed',
    });
    expect(isClosedStage(stages, 'Closed Lost')).toBe(true);
    expect(isClosedStage(stages, 'Negotiation/Review')).toBe(false);
    expect(isClosedStage(stages, null)).toBe(false);
  });
});

describe('tying through the outbox, against the emulated org', () => {
  it('moves the tie: the first record is untied, the second tied, and a second send changes nothing', async () => {
    const { opportunities } = h.emulator.ids;
    const op = tieOperation({
      sobject: 'Opportunity',
      recordId: opportunities.globexExpansion,
      conversationId: 'conv-globex-renewal',
      tiedId: opportunities.globexRenewal,
      apiVersion: 'v66.0',
    });
    const outbox = makeOutbox();
    expect((await send(outbox, op)).state).toBe('done');
    expect((await send(outbox, op)).state).toBe('done');
    expect(opportunity(opportunities.globexRenewal)?.conversationId__c ?? null).toBeNull();
    expect(opportunity(opportunities.globexExpansion)?.conversationId__c).toBe('conv-globex-renewal');
  });

  it('a tie another record holds already is refused with DUPLICATE_VALUE, explained as such', async () => {
    const { opportunities } = h.emulator.ids;
    const item = await send(
      makeOutbox(),
      tieOperation({
        sobject: 'Opportunity',
        recordId: opportunities.globexExpansion,
        conversationId: 'conv-globex-renewal',
        tiedId: null,
        apiVersion: 'v66.0',
      }),
    );
    expect(item).toMatchObject({ state: 'failed', lastError: { errorCode: 'DUPLICATE_VALUE' } });
    expect(writeProblem(item.lastError!, 'Opportunity', null)).toEqual({ kind: 'tie-taken', sobject: 'Opportunity' });
    expect(opportunity(opportunities.globexRenewal)?.conversationId__c).toBe('conv-globex-renewal');
  });

  it('creates a tied opportunity once, however often it is sent', async () => {
    const outbox = makeOutbox();
    const op = createTiedOperation({
      sobject: 'Opportunity',
      conversationId: 'conv/new 1',
      fields: {
        Name: 'Globex – Headsets',
        StageName: 'Prospecting',
        CloseDate: '2026-12-31',
        AccountId: h.emulator.ids.accounts.globex,
      },
      tiedId: null,
      apiVersion: 'v66.0',
    });
    const first = await send(outbox, op);
    await send(outbox, op);
    const created = h.emulator.store.rows('Opportunity').filter((row) => row.values.conversationId__c === 'conv/new 1');
    expect(created).toHaveLength(1);
    expect(first.resultId).toBe(created[0]?.values.Id);
    expect(created[0]?.values).toMatchObject({
      Name: 'Globex – Headsets',
      Probability: 10,
      ForecastCategoryName: 'Pipeline',
    });
  });

  it('creating a record for a conversation that has one moves the tie to the new record in the same transaction', async () => {
    const { cases } = h.emulator.ids;
    const op = createTiedOperation({
      sobject: 'Case',
      conversationId: 'conv-globex-outage',
      fields: { Subject: 'Follow-up', Origin: 'Chat' },
      tiedId: cases.globexOutage,
      apiVersion: 'v66.0',
    });
    const item = await send(makeOutbox(), op);
    expect(item.state).toBe('done');
    const tied = h.emulator.store.rows('Case').filter((row) => row.values.conversationId__c === 'conv-globex-outage');
    expect(tied.map((row) => row.values.Subject)).toEqual(['Follow-up']);
    expect(item.resultId).toBe(tied[0]?.values.Id);
  });

  it('several records with this conversation (a 300) fail with a clear reason and create nothing', async () => {
    const { opportunities } = h.emulator.ids;
    h.emulator.store.patchRaw(opportunities.globexExpansion, { conversationId__c: 'conv-globex-renewal' });
    const before = h.emulator.store.rows('Opportunity').length;
    const item = await send(
      makeOutbox(),
      createTiedOperation({
        sobject: 'Opportunity',
        conversationId: 'conv-globex-renewal',
        fields: { Name: 'X', StageName: 'Prospecting', CloseDate: '2026-12-31' },
        tiedId: null,
        apiVersion: 'v66.0',
      }),
    );
    expect(item).toMatchObject({ state: 'failed', lastError: { errorCode: 'MULTIPLE_CHOICES' } });
    expect(writeProblem(item.lastError!, 'Opportunity', null)).toEqual({
      kind: 'several-tied',
      sobject: 'Opportunity',
    });
    expect(h.emulator.store.rows('Opportunity')).toHaveLength(before);
  });
});

describe('permissions', () => {
  it('names the field the user cannot edit before anything is sent, and the object Salesforce refused', async () => {
    setFieldAccess(h.emulator, 'Opportunity', 'conversationId__c', 'read');
    const info = await h.describes.get('Opportunity');
    expect(blockedWrite(info, 'Opportunity', ['conversationId__c'], 'update')).toEqual({
      kind: 'field-access',
      sobject: 'Opportunity',
      field: 'conversationId__c',
      label: 'conversationId',
    });
    expect(blockedWrite(info, 'Opportunity', ['Description'], 'update')).toBeNull();
    setFieldAccess(h.emulator, 'Opportunity', 'conversationId__c', 'edit');
    h.emulator.store.setObjectPermissions('Opportunity', { edit: false });
    const item = await send(makeOutbox(), {
      kind: 'update',
      sobject: 'Opportunity',
      id: h.emulator.ids.opportunities.globexExpansion,
      fields: { Description: 'x' },
    });
    expect(writeProblem(item.lastError!, 'Opportunity', null)).toEqual({
      kind: 'object-access',
      sobject: 'Opportunity',
    });
    expect(
      writeProblem(
        {
          errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
          message: 'Unable to create/update fields: StageName.',
          fields: ['StageName'],
        },
        'Opportunity',
        info,
      ),
    ).toEqual({
      kind: 'field-access',
      sobject: 'Opportunity',
      field: 'StageName',
      label: 'Stage',
    });
  });
});

describe('notes', () => {
  it('lists the notes linked to a record, and reads a note’s whole text from its Content', async () => {
    const answer = await getNotes(h.client, h.describes, h.emulator.ids.opportunities.globexRenewal);
    if (answer.kind !== 'notes') throw new Error(answer.kind);
    expect(answer.notes.map((n) => [n.title, n.preview])).toEqual([
      ['Renewal call notes', 'Ada wants a 3-year term. Legal needs the DPA by the 15th.'],
    ]);
    expect(await getNoteText(h.client, answer.notes[0]!.id)).toBe(
      'Ada wants a 3-year term.\nLegal needs the DPA by the 15th.',
    );
    expect(await getNotes(h.client, h.describes, h.emulator.ids.opportunities.globexExpansion)).toEqual({
      kind: 'notes',
      notes: [],
    });
  });

  it('says when the org has only classic Notes', async () => {
    h.emulator.store.setObjectPermissions('ContentNote', { read: false });
    expect(await getNotes(h.client, h.describes, h.emulator.ids.opportunities.globexRenewal)).toEqual({
      kind: 'classic-only',
    });
  });

  it('adds a note once: a resend after an attempt that committed writes nothing, and the note is found as saved', async () => {
    const recordId = h.emulator.ids.opportunities.globexExpansion;
    const createdSince = new Date(Date.now() - NOTE_CLOCK_SLACK_MS);
    const text = 'Grüße, <script>alert(1)</script>\nzweite Zeile';
    const op = addNoteOperation({
      apiVersion: 'v66.0',
      recordId,
      title: 'Call 14:03',
      text,
      userId: userId(),
      createdSince,
    });
    expect(await noteTitleTaken(h.client, { title: 'Call 14:03', userId: userId(), createdSince })).toBe(false);
    h.emulator.addFault({
      match: { method: 'POST', path: '/composite' },
      action: 'commit-then-fail',
      status: 500,
      body: undefined,
    });
    const outbox = makeOutbox();
    const enqueued = await outbox.enqueue(op, { label: 'Add note' });
    await outbox.flush();
    expect((await outbox.list())[0]).toMatchObject({ state: 'pending', ambiguous: true });
    await outbox.retry(enqueued.id);
    const item = await outbox.waitFor(enqueued.id);
    expect(item.state).toBe('failed');
    const notes = h.emulator.store.rows('ContentNote').filter((row) => row.values.Title === 'Call 14:03');
    expect(notes).toHaveLength(1);
    const noteId = String(notes[0]?.values.Id);
    expect(
      h.emulator.store
        .rows('ContentDocumentLink')
        .filter((row) => row.values.ContentDocumentId === noteId)
        .map((row) => row.values.LinkedEntityId),
    ).toEqual([recordId]);
    expect(await findSavedNote(h.client, { recordId, title: 'Call 14:03', userId: userId(), createdSince })).toBe(
      noteId,
    );
    expect(await getNoteText(h.client, noteId)).toBe(text);
    expect(await noteTitleTaken(h.client, { title: 'Call 14:03', userId: userId(), createdSince })).toBe(true);
  });

  it('adds a note on the first attempt, and edits it', async () => {
    const recordId = h.emulator.ids.opportunities.globexRenewal;
    const outbox = makeOutbox();
    const added = await send(
      outbox,
      addNoteOperation({
        apiVersion: 'v66.0',
        recordId,
        title: 'Pricing',
        text: 'Ask for 10 %',
        userId: userId(),
        createdSince: new Date(Date.now() - NOTE_CLOCK_SLACK_MS),
      }),
    );
    expect(added.state).toBe('done');
    const noteId = added.resultId ?? '';
    expect(noteId).toMatch(/^069/);
    expect((await send(outbox, editNoteOperation(noteId, 'Pricing (final)', 'Ask for 12 %'))).state).toBe('done');
    const answer = await getNotes(h.client, h.describes, recordId);
    expect(answer.kind === 'notes' ? answer.notes.map((n) => n.title) : []).toEqual(
      expect.arrayContaining(['Pricing (final)', 'Renewal call notes']),
    );
    expect(await getNoteText(h.client, noteId)).toBe('Ask for 12 %');
  });
});

describe('tasks of a record', () => {
  it('gives the open tasks and the recently closed ones', async () => {
    const tasks = await getRecordTasks(h.client, h.describes, h.emulator.ids.opportunities.globexRenewal);
    expect(tasks.open.map((t) => t.subject)).toEqual(['Send renewal quote']);
    expect(tasks.open[0]).toMatchObject({
      whoName: 'Ada Lovelace',
      ownerName: 'Jane Doe',
      status: 'Not Started',
      isClosed: false,
    });
    expect(tasks.recent.map((t) => t.subject)).toEqual(['Email: Renewal proposal']);
  });
});
