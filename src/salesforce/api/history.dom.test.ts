import { describe, expect, it } from 'vitest';
import { setupSalesforceHarness } from '../../../mocks/testing/salesforce-harness';
import { getHistory } from './history';

const h = setupSalesforceHarness();

describe('getHistory', () => {
  it('reads past and open activities of a Contact in one query, with kinds, overdue and call details', async () => {
    const task = await h.describes.get('Task');
    h.requests.length = 0;
    const history = await getHistory(h.client, { sobject: 'Contact', id: h.emulator.ids.contacts.ada }, task);
    expect(h.requests).toHaveLength(1);
    const open = history.open.map((r) => `${r.kind}:${r.subject}:${r.overdue ? 'overdue' : 'ok'}`);
    expect(open).toEqual([
      'task:Follow up on invoice:overdue',
      'task:Send renewal quote:ok',
      'meeting:Contract signature meeting:ok',
    ]);
    const call = history.past.find((r) => r.subject === 'Call about renewal terms');
    expect(call).toMatchObject({
      kind: 'call',
      callType: 'Inbound',
      durationSeconds: 185,
      ownerName: 'Jane Doe',
      open: false,
    });
    expect(history.past.map((r) => r.kind)).toEqual(expect.arrayContaining(['chat', 'email', 'meeting', 'call']));
    // Newest first.
    const dates = history.past.map((r) => r.date ?? '');
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it('a Task logged as a call is a call whatever its subject; a chat is our chat log or says so', async () => {
    const { contacts, users } = h.emulator.ids;
    const base = { Status: 'Completed', ActivityDate: '2026-01-12', WhoId: contacts.ada, OwnerId: users.jane };
    h.emulator.store.seed('Task', {
      ...base,
      Subject: 'Chat with Ada Lovelace',
      TaskSubtype: 'Call',
      CallObject: 'c-1',
    });
    h.emulator.store.seed('Task', { ...base, Subject: 'Follow-up', CallObject: 'chat:conv-ada' });
    h.emulator.store.seed('Task', { ...base, Subject: 'Chat about the renewal' });
    const history = await getHistory(h.client, { sobject: 'Contact', id: contacts.ada }, await h.describes.get('Task'));
    const kindOf = (subject: string) => history.past.find((r) => r.subject === subject)?.kind;
    expect(kindOf('Chat with Ada Lovelace')).toBe('call');
    expect(kindOf('Follow-up')).toBe('chat');
    expect(kindOf('Chat about the renewal')).toBe('chat');
  });

  it('rolls a Person Account up from its person contact, and a Lead has its own', async () => {
    const maria = await getHistory(h.client, { sobject: 'Account', id: h.emulator.ids.accounts.maria }, null);
    expect(maria.past.map((r) => r.subject)).toContain('Porting question');
    expect(maria.open.map((r) => r.subject)).toContain('Call back about porting date');
    const sofia = await getHistory(h.client, { sobject: 'Lead', id: h.emulator.ids.leads.sofia }, null);
    expect(sofia.past.map((r) => r.subject)).toEqual(['Discovery call']);
  });

  it('an empty history is two empty lists (the subqueries come back as null)', async () => {
    const priya = await getHistory(h.client, { sobject: 'Lead', id: h.emulator.ids.leads.priya }, null);
    expect(priya).toEqual({ past: [], open: [], pastNextUrl: null });
  });
});
