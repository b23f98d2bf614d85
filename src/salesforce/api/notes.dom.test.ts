import { describe, expect, it } from 'vitest';
import { setupSalesforceHarness } from '../../../mocks/testing/salesforce-harness';
import { setupTestOutbox } from '../../../mocks/testing/test-outbox';
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
import { untieOperation } from './tie';

const V = '/services/data/v66.0';

describe('note operation builders', () => {
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
const test = setupTestOutbox(h, 'notes-test');
const userId = () => h.session.store.getState().session?.userId ?? '';

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
    const outbox = test.outbox;
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
    const added = await test.send(
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
    expect((await test.send(editNoteOperation(noteId, 'Pricing (final)', 'Ask for 12 %'))).state).toBe('done');
    const answer = await getNotes(h.client, h.describes, recordId);
    expect(answer.kind === 'notes' ? answer.notes.map((n) => n.title) : []).toEqual(
      expect.arrayContaining(['Pricing (final)', 'Renewal call notes']),
    );
    expect(await getNoteText(h.client, noteId)).toBe('Ask for 12 %');
  });
});
