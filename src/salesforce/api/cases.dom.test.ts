import { describe, expect, it } from 'vitest';
import { setupSalesforceHarness } from '../../../mocks/testing/salesforce-harness';
import { setupTestOutbox } from '../../../mocks/testing/test-outbox';
import {
  addCommentOperation,
  caseUpdateOperation,
  getCaseComments,
  getCaseStatuses,
  isClosedStatus,
  newCaseFields,
  picklistOptions,
} from './cases';
import { createTiedOperation } from './tie';

const h = setupSalesforceHarness();
const test = setupTestOutbox(h, 'cases-test');

describe('case statuses', () => {
  it('reads which statuses close a case from CaseStatus', async () => {
    const statuses = await getCaseStatuses(h.client);
    expect(statuses.map((s) => s.value)).toEqual(['New', 'Working', 'Escalated', 'Closed']);
    expect(statuses.find((s) => s.value === 'New')?.isDefault).toBe(true);
    expect(isClosedStatus(statuses, 'Closed')).toBe(true);
    expect(isClosedStatus(statuses, 'Escalated')).toBe(false);
    expect(isClosedStatus(statuses, null)).toBe(false);
  });

  it('offers the active values of a picklist from the describe', async () => {
    const info = await h.describes.get('Case');
    expect(picklistOptions(info, 'Priority')).toEqual([
      { value: 'High', label: 'High', isDefault: false },
      { value: 'Medium', label: 'Medium', isDefault: true },
      { value: 'Low', label: 'Low', isDefault: false },
    ]);
    expect(picklistOptions(null, 'Priority')).toEqual([]);
  });
});

describe('comments', () => {
  it('lists a case’s comments newest first, public and internal', async () => {
    const comments = await getCaseComments(h.client, h.describes, h.emulator.ids.cases.globexOutage);
    expect(comments.map((c) => [c.body, c.isPublic, c.createdByName])).toEqual([
      ['We are investigating and will update you by Friday.', true, 'Marco Bianchi'],
      ['Reproduced on two handsets; SIP trace attached.', false, 'Marco Bianchi'],
    ]);
  });

  it('adds a comment once, even when the first answer was lost after Salesforce saved it', async () => {
    const caseId = h.emulator.ids.cases.northwindVoicemail;
    h.emulator.addFault({
      match: { method: 'POST', path: '/sobjects/CaseComment' },
      action: 'commit-then-drop',
      status: 500,
      body: undefined,
    });
    const outbox = test.outbox;
    const enqueued = await outbox.enqueue(addCommentOperation(caseId, 'Customer called back: <works> now', false), {
      label: 'Comment',
    });
    await outbox.flush();
    await outbox.retry(enqueued.id);
    const item = await outbox.waitFor(enqueued.id);
    expect(item.state).toBe('done');
    const comments = await getCaseComments(h.client, h.describes, caseId);
    expect(comments.map((c) => [c.body, c.isPublic])).toEqual([['Customer called back: <works> now', false]]);
    expect(item.resultId).toBe(comments[0]?.id);
  });
});

describe('case writes', () => {
  it('creates a case from a chat, tied to the conversation, with the contact and the account', async () => {
    const { accounts, contacts } = h.emulator.ids;
    const fields = newCaseFields({
      subject: 'Headset echo',
      description: '',
      status: 'New',
      priority: 'High',
      origin: 'Chat',
      accountId: accounts.globex,
      contactId: contacts.ada,
    });
    expect(fields).toEqual({
      Subject: 'Headset echo',
      Origin: 'Chat',
      Status: 'New',
      Priority: 'High',
      AccountId: accounts.globex,
      ContactId: contacts.ada,
    });
    const item = await test.send(
      createTiedOperation({
        sobject: 'Case',
        conversationId: 'conv-chat-7',
        fields,
        tiedId: null,
        apiVersion: 'v66.0',
      }),
    );
    expect(item.state).toBe('done');
    expect(h.emulator.store.get(item.resultId ?? '')?.values).toMatchObject({
      Subject: 'Headset echo',
      Origin: 'Chat',
      conversationId__c: 'conv-chat-7',
      ContactId: contacts.ada,
    });
  });

  it('closes a case with a status update; Salesforce derives IsClosed', async () => {
    const caseId = h.emulator.ids.cases.globexInvoice;
    expect((await test.send(caseUpdateOperation(caseId, { Status: 'Closed', Priority: 'Low' }))).state).toBe('done');
    const record = h.emulator.store.get(caseId);
    expect(record && h.emulator.store.value(record, 'IsClosed')).toBe(true);
  });
});
