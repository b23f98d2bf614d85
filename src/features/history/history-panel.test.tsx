import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { setupSalesforceHarness } from '../../../mocks/testing/salesforce-harness';
import { renderWithSalesforce } from '../../../mocks/testing/render-with-salesforce';
import { HistoryPanel } from './history-panel';

const h = setupSalesforceHarness();

function renderPanel(contactId: string) {
  // The history reads Salesforce only: no outbox.
  return renderWithSalesforce(h, <HistoryPanel person={{ sobject: 'Contact', id: contactId }} />);
}

const slow = { timeout: 5000 };

describe('HistoryPanel', () => {
  it('"Show more" pages past the first 100 activities, up to Salesforce’s 500', async () => {
    const user = userEvent.setup();
    const contact = h.emulator.store.seed('Contact', {
      FirstName: 'Paula',
      LastName: 'Prolific',
      OwnerId: h.emulator.ids.users.jane,
    });
    // 130 completed calls, one a day going back: the oldest is "Call 130".
    for (let n = 1; n <= 130; n += 1) {
      const day = new Date(Date.UTC(2026, 10, 28) - n * 86_400_000).toISOString().slice(0, 10);
      h.emulator.store.seed('Task', {
        Subject: `Call ${String(n)}`,
        Status: 'Completed',
        ActivityDate: day,
        WhoId: contact,
        OwnerId: h.emulator.ids.users.jane,
      });
    }
    renderPanel(contact);
    const panel = await screen.findByRole('region', { name: 'Activity' }, slow);
    await within(panel).findByRole('link', { name: 'Call 1' }, slow);
    expect(within(panel).queryByRole('link', { name: 'Call 11' })).toBeNull();
    // Ten a page: the 11th click goes past the first read's 100, the 13th shows the last. The loop's queries skip
    // the visibility check (`hidden: true`): it computes the style of each of up to 130 rows on every poll, which
    // made this test take 11 s, and nothing here is hidden.
    const fast = { hidden: true } as const;
    for (let page = 1; page <= 12; page += 1) {
      await user.click(within(panel).getByRole('button', { ...fast, name: 'Show more' }));
      await waitFor(
        () => expect(within(panel).getAllByRole('link', fast)).toHaveLength(Math.min(130, 10 + page * 10)),
        slow,
      );
    }
    await within(panel).findByRole('link', { name: 'Call 130' }, slow);
    expect(within(panel).getAllByRole('link', { name: /^Call \d+$/ })).toHaveLength(130);
    // Nothing older is left to show.
    expect(within(panel).queryByRole('button', { name: 'Show more' })).toBeNull();
  });
});
