import { describe, expect, it } from 'vitest';
import { setupSalesforceHarness } from '../../../mocks/testing/salesforce-harness';
import { getRelatedRecords } from './related';

const h = setupSalesforceHarness();

describe('getRelatedRecords', () => {
  it('offers the account, its open opportunities and open cases, read in one request', async () => {
    const { accounts, opportunities, cases } = h.emulator.ids;
    await h.describes.warm(['Opportunity', 'Case']);
    h.requests.length = 0;
    const related = await getRelatedRecords(h.client, h.describes, { id: accounts.globex, name: 'Globex Corporation' });
    expect(h.requests).toHaveLength(1);
    expect(related[0]).toEqual({ id: accounts.globex, sobject: 'Account', name: 'Globex Corporation' });
    const ids = related.map((r) => r.id);
    expect(ids).toEqual(
      expect.arrayContaining([opportunities.globexRenewal, opportunities.globexExpansion, cases.globexOutage]),
    );
    // Closed records are not offered.
    expect(ids).not.toContain(opportunities.globexPilot);
  });

  it('leaves out an object the user can’t read', async () => {
    const { accounts } = h.emulator.ids;
    h.emulator.store.setObjectPermissions('Case', { read: false });
    const related = await getRelatedRecords(h.client, h.describes, { id: accounts.globex, name: 'Globex Corporation' });
    expect(related.map((r) => r.sobject)).not.toContain('Case');
    expect(related.map((r) => r.sobject)).toContain('Opportunity');
  });
});
