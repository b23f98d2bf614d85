import { describe, expect, it } from 'vitest';
import { setupSalesforceHarness } from '../../../mocks/testing/salesforce-harness';
import {
  completeTaskOperation,
  contactIdOf,
  getRecordTasks,
  logTaskOperation,
  newTaskOperation,
  taskUpdateOperation,
  whatIdOf,
  whoIdOf,
} from './tasks';

const lead = { type: 'Lead', id: '00Q5g00000AAAAAAAA', personContactId: null } as const;
const contact = { type: 'Contact', id: '0035g00000AAAAAAAA', personContactId: null } as const;
const account = { type: 'Account', id: '0015g00000AAAAAAAA', personContactId: null } as const;
const personAccount = {
  type: 'PersonAccount',
  id: '0015g00000BBBBBBBB',
  personContactId: '0035g00000BBBBBBBB',
} as const;

describe('who and what a task is about', () => {
  it('goes on the Lead or the Contact behind the person; a business Account has no WhoId', () => {
    expect(whoIdOf(lead)).toBe(lead.id);
    expect(whoIdOf(contact)).toBe(contact.id);
    expect(whoIdOf(personAccount)).toBe('0035g00000BBBBBBBB');
    expect(whoIdOf(account)).toBeNull();
    expect([lead, contact, personAccount, account].map(contactIdOf)).toEqual([
      null,
      contact.id,
      '0035g00000BBBBBBBB',
      null,
    ]);
  });

  it('relates a business Account to itself, a Lead to nothing, anyone else to the record chosen', () => {
    expect(whatIdOf(account, '0065g00000AAAAAAAA')).toBe(account.id);
    expect(whatIdOf(lead, '0065g00000AAAAAAAA')).toBeNull();
    expect(whatIdOf(contact, '0065g00000AAAAAAAA')).toBe('0065g00000AAAAAAAA');
    expect(whatIdOf(personAccount, null)).toBeNull();
  });
});

describe('task operations', () => {
  it('finds a new task again by the values SOQL can compare as text (no date, no description)', () => {
    const fields = {
      Subject: 'Call back',
      ActivityDate: '2026-01-15',
      Description: 'long text',
      Priority: 'Normal',
      IsReminderSet: false,
      WhoId: contact.id,
      OwnerId: '0055g00000AAAAAAAA',
    };
    expect(newTaskOperation(fields)).toEqual({
      kind: 'create',
      sobject: 'Task',
      fields,
      dedupe: { match: { Subject: 'Call back', WhoId: contact.id, Priority: 'Normal', IsReminderSet: false } },
    });
  });

  it('finds a log again by its CallObject, and updates an earlier log only when asked to', () => {
    const fields = { Subject: 'Call', CallObject: 'call-1', Status: 'Completed' };
    expect(logTaskOperation(fields, 'call-1', null)).toEqual({
      kind: 'create',
      sobject: 'Task',
      fields,
      dedupe: { match: { CallObject: 'call-1' } },
    });
    expect(logTaskOperation(fields, 'call-1', { Subject: 'Call' })).toMatchObject({
      dedupe: { match: { CallObject: 'call-1' }, updateWith: { Subject: 'Call' } },
    });
  });

  it('edits and completes a task with an update', () => {
    expect(taskUpdateOperation('00T5g00000AAAAAAAA', { Subject: 'x' })).toEqual({
      kind: 'update',
      sobject: 'Task',
      id: '00T5g00000AAAAAAAA',
      fields: { Subject: 'x' },
    });
    expect(completeTaskOperation('00T5g00000AAAAAAAA')).toEqual({
      kind: 'update',
      sobject: 'Task',
      id: '00T5g00000AAAAAAAA',
      fields: { Status: 'Completed' },
    });
  });
});

const h = setupSalesforceHarness();

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
