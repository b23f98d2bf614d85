import { describe, expect, it } from 'vitest';
import { setFieldAccess } from '../../../mocks/salesforce/controls';
import { setupSalesforceHarness } from '../../../mocks/testing/salesforce-harness';
import type { Person } from '../people';
import { getConversationWork, tabVisibility, type VisibilityInput } from './conversation-work';

describe('tabVisibility: the guide’s rules, each condition on and off', () => {
  const base: VisibilityInput = { canRead: true, hasField: true, personType: 'Contact', openCount: 1, tiedCount: 0 };
  it.each<[string, Partial<VisibilityInput>, { visible: boolean; reason: string | null }]>([
    ['all conditions met (open record)', {}, { visible: true, reason: null }],
    ['only a tied record', { openCount: 0, tiedCount: 1 }, { visible: true, reason: null }],
    ['Account', { personType: 'Account' }, { visible: true, reason: null }],
    ['Person Account', { personType: 'PersonAccount' }, { visible: true, reason: null }],
    ['no read access', { canRead: false }, { visible: false, reason: 'no-access' }],
    ['no conversationId field', { hasField: false }, { visible: false, reason: 'no-field' }],
    ['a Lead', { personType: 'Lead' }, { visible: false, reason: 'not-for-person' }],
    ['an unknown person', { personType: null }, { visible: false, reason: 'not-for-person' }],
    ['nothing open, nothing tied', { openCount: 0, tiedCount: 0 }, { visible: false, reason: 'nothing-open' }],
    [
      'no access wins over everything else',
      { canRead: false, hasField: false, personType: 'Lead', openCount: 0 },
      { visible: false, reason: 'no-access' },
    ],
  ])('%s', (_label, change, expected) => {
    expect(tabVisibility({ ...base, ...change })).toEqual(expected);
  });
});

const h = setupSalesforceHarness();

const contact = (id: string, accountId: string): Pick<Person, 'type' | 'id' | 'accountId'> => ({
  type: 'Contact',
  id,
  accountId,
});

describe('getConversationWork against the emulated org', () => {
  it('a Contact whose Account has open deals and cases: both tabs, in one request', async () => {
    const { ids } = h.emulator;
    await h.describes.warm(['Opportunity', 'Case']);
    h.requests.length = 0;
    const work = await getConversationWork(
      h.client,
      h.describes,
      contact(ids.contacts.ada, ids.accounts.globex),
      'conv-new',
    );
    expect(h.requests).toHaveLength(1);
    expect(work.opportunities.visible).toBe(true);
    expect(work.opportunities.rows.map((o) => o.name)).toEqual([
      'Globex – Platform renewal 2027',
      'Globex – Contact center expansion',
    ]);
    expect(work.cases.rows.map((c) => c.subject)).toEqual(
      expect.arrayContaining(['Calls drop after 30 seconds', 'Invoice address change']),
    );
  });

  it('the record tied to this conversation comes first', async () => {
    const { ids } = h.emulator;
    const work = await getConversationWork(
      h.client,
      h.describes,
      contact(ids.contacts.grace, ids.accounts.globex),
      'conv-globex-outage',
    );
    expect(work.cases.rows[0]?.subject).toBe('Calls drop after 30 seconds');
    expect(work.cases.rows[0]?.conversationId).toBe('conv-globex-outage');
  });

  it('a Lead: neither tab', async () => {
    const work = await getConversationWork(
      h.client,
      h.describes,
      { type: 'Lead', id: h.emulator.ids.leads.sofia, accountId: null },
      'conv-x',
    );
    expect(work.opportunities).toMatchObject({ visible: false, reason: 'not-for-person' });
    expect(work.cases).toMatchObject({ visible: false, reason: 'not-for-person' });
  });

  it('only closed deals: no tab, until one carries this conversation', async () => {
    const { ids } = h.emulator;
    const juergen = contact(ids.contacts.juergen, ids.accounts.mueller);
    expect((await getConversationWork(h.client, h.describes, juergen, 'conv-mueller')).opportunities).toMatchObject({
      visible: false,
      reason: 'nothing-open',
    });
    h.emulator.store.patchRaw(ids.opportunities.muellerWon, { conversationId__c: 'conv-mueller' });
    const tied = await getConversationWork(h.client, h.describes, juergen, 'conv-mueller');
    expect(tied.opportunities.visible).toBe(true);
    expect(tied.opportunities.rows.map((o) => o.name)).toEqual(['Müller – Telefonie Maschinenpark']);
  });

  it('the field missing on Case, or no access to Opportunity: that tab is absent and says why', async () => {
    const { ids } = h.emulator;
    setFieldAccess(h.emulator, 'Case', 'conversationId__c', 'none');
    h.emulator.store.setObjectPermissions('Opportunity', { read: false });
    const work = await getConversationWork(
      h.client,
      h.describes,
      contact(ids.contacts.ada, ids.accounts.globex),
      'conv-x',
    );
    expect(work.cases).toMatchObject({ visible: false, reason: 'no-field' });
    expect(work.opportunities).toMatchObject({ visible: false, reason: 'no-access' });
  });
});
