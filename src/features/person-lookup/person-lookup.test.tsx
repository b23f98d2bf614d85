import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { setupSalesforceHarness } from '../../../mocks/testing/salesforce-harness';
import { renderWithSalesforce } from '../../../mocks/testing/render-with-salesforce';
import type { XBeesContext } from '@/xbees/protocol';
import { PersonPicker } from './person-picker';
import { usePersonLookup } from './use-person-lookup';

const h = setupSalesforceHarness();
const slow = { timeout: 5000 };

/** What the screen pop does with the lookup: the matches, the picker when there are several, Retry. */
function Lookup({ context }: { context: XBeesContext | null }) {
  const lookup = usePersonLookup(context);
  return (
    <>
      <p>Status: {lookup.status}</p>
      {lookup.error ? <p role="alert">{lookup.error.message}</p> : null}
      <ul aria-label="Matches">
        {lookup.matches.map(({ person, matchedField }) => (
          <li key={person.id}>
            {person.name}
            {matchedField ? ` (on ${matchedField})` : ''}
          </li>
        ))}
      </ul>
      <p>Selected: {lookup.selected?.person.name ?? 'nobody'}</p>
      {lookup.matches.length > 1 && lookup.selected ? (
        <PersonPicker matches={lookup.matches} selectedId={lookup.selected.person.id} onChoose={lookup.choose} />
      ) : null}
      <button type="button" onClick={lookup.retry}>
        Retry
      </button>
    </>
  );
}

const conversation = (conversationId: string, contact: XBeesContext['contact']): XBeesContext => ({
  contact,
  conversationId,
  extra: {},
});
const renderLookup = (context: XBeesContext | null) => renderWithSalesforce(h, <Lookup context={context} />);
const matches = () =>
  within(screen.getByRole('list', { name: 'Matches' }))
    .queryAllByRole('listitem')
    .map((item) => item.textContent);
const settled = () => screen.findByText(/^Status: (success|error|unusable)$/, {}, slow);
/** The requests that searched people (SOSL) or fetched them by Id (SOQL), not the describes. */
const searches = () => h.requests.filter((request) => /\/(search|query)\?/.test(request.url));

describe('usePersonLookup with the picker', () => {
  it('one match by phone: that person, with the number that matched, in one search', async () => {
    renderLookup(conversation('conv-globex-renewal', { phone: '+14155550142', name: 'Ada Lovelace' }));
    expect(await settled()).toHaveTextContent('Status: success');
    expect(matches()).toEqual(['Ada Lovelace (on MobilePhone)']);
    expect(screen.getByText('Selected: Ada Lovelace')).toBeInTheDocument();
    expect(screen.queryByRole('group')).not.toBeInTheDocument();
    expect(searches()).toHaveLength(1);
  });

  it('finds a number stored in another format (national, dots) as the same number', async () => {
    renderLookup(conversation('conv-grace', { phone: '+1 415 555 0100' }));
    await settled();
    expect(matches()).toContain('Grace Hopper (on Phone)');
  });

  it('several matches: the picker lists them best first, the first preselected; a choice is remembered', async () => {
    const user = userEvent.setup();
    const context = conversation('conv-globex-main-line', { phone: '+14155550100' });
    const first = renderLookup(context);
    await settled();
    const picker = screen.getByRole('group', { name: /people in Salesforce match/ });
    const options = within(picker).getAllByRole('radio');
    expect(options.length).toBeGreaterThan(1);
    expect(picker).toHaveAccessibleName(
      `${String(options.length)} people in Salesforce match. Choose who this conversation is with:`,
    );
    // Contacts (an exact number before a desk extension), then the Lead, then the Account; the first checked.
    expect(matches()).toEqual([
      'Ada Lovelace (on Phone)',
      'Grace Hopper (on Phone)',
      'Alan Turing (on Phone)',
      'Peter Gibbons (on Phone)',
      'Globex Corporation (on Phone)',
    ]);
    expect(options.map((option) => option.getAttribute('value'))).toEqual([
      h.emulator.ids.contacts.ada,
      h.emulator.ids.contacts.grace,
      h.emulator.ids.contacts.alan,
      h.emulator.ids.leads.peter,
      h.emulator.ids.accounts.globex,
    ]);
    expect(options[0]).toBeChecked();
    expect(options[0]?.closest('label, div')).toHaveTextContent('Suggested');
    const ada = within(picker).getByRole('radio', { name: /Ada Lovelace/ });
    expect(ada).toHaveAccessibleName(/Contact · Globex Corporation · Owner: Jane Doe/);

    const account = within(picker).getByRole('radio', { name: /^Globex Corporation/ });
    await user.click(account);
    expect(account).toBeChecked();
    expect(screen.getByText('Selected: Globex Corporation')).toBeInTheDocument();

    // The panel opens again for the same conversation: the agent's choice stands.
    first.unmount();
    renderLookup(context);
    await settled();
    expect(screen.getByText('Selected: Globex Corporation')).toBeInTheDocument();
    expect(
      within(screen.getByRole('group', { name: /people in Salesforce match/ })).getByRole('radio', {
        name: /^Globex Corporation/,
      }),
    ).toBeChecked();
  });

  it('nobody has the number: no match and nobody selected (the lead form follows)', async () => {
    renderLookup(conversation('conv-unknown-caller', { phone: '+12025550199', name: 'Sam Unknown' }));
    expect(await settled()).toHaveTextContent('Status: success');
    expect(matches()).toEqual([]);
    expect(screen.getByText('Selected: nobody')).toBeInTheDocument();
  });

  it('a number nobody has, but an e-mail x-bees knows: the person is found by e-mail', async () => {
    renderLookup(conversation('conv-maria-new-number', { phone: '+12025550199', email: 'Maria.Garcia@example.es' }));
    await settled();
    expect(matches()).toEqual(['María García']);
    expect(searches()).toHaveLength(2);
  });

  it('an e-mail only: the person is found by e-mail (a Person Account here)', async () => {
    renderLookup(conversation('conv-maria-chat', { email: 'maria.garcia@example.es', name: 'María García' }));
    await settled();
    expect(matches()).toEqual(['María García']);
    expect(screen.getByText('Selected: María García')).toBeInTheDocument();
  });

  it('a number that is no phone number and no e-mail: unusable, nothing searched', async () => {
    renderLookup(conversation('conv-garbage', { phone: '12345678901234567890' }));
    expect(await settled()).toHaveTextContent('Status: unusable');
    expect(searches()).toHaveLength(0);
  });

  it('nothing to look up (no context, or no phone and no e-mail): idle, nothing searched', async () => {
    const { unmount } = renderLookup(null);
    expect(screen.getByText('Status: idle')).toBeInTheDocument();
    unmount();
    renderLookup(conversation('conv-empty', { name: 'Someone' }));
    expect(screen.getByText('Status: idle')).toBeInTheDocument();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(searches()).toHaveLength(0);
  });

  it('a failed search is an error; Retry searches again', async () => {
    const user = userEvent.setup();
    h.emulator.addFault({
      match: { method: 'GET', path: '/search' },
      count: 1,
      action: 'fail',
      status: 500,
      body: undefined,
    });
    renderLookup(conversation('conv-globex-renewal', { phone: '+14155550142' }));
    expect(await settled()).toHaveTextContent('Status: error');
    // Salesforce's own message for a 500.
    expect(screen.getByRole('alert')).toHaveTextContent(/An unexpected error occurred/);
    expect(matches()).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('Status: success', {}, slow)).toBeInTheDocument();
    expect(matches()).toEqual(['Ada Lovelace (on MobilePhone)']);
  });

  it('re-opening the same person within 5 minutes costs no request', async () => {
    const context = conversation('conv-globex-renewal', { phone: '+14155550142' });
    const first = renderLookup(context);
    await settled();
    first.unmount();
    h.requests.length = 0;
    // A new panel: its own query cache, the frame storage kept.
    renderLookup(context);
    expect(screen.getByText('Status: success')).toBeInTheDocument();
    expect(matches()).toEqual(['Ada Lovelace (on MobilePhone)']);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(h.requests).toEqual([]);
  });

  it('signed out: idle, nothing searched', async () => {
    await h.session.signOut();
    renderLookup(conversation('conv-globex-renewal', { phone: '+14155550142' }));
    expect(screen.getByText('Status: idle')).toBeInTheDocument();
    await waitFor(() => expect(searches()).toHaveLength(0));
  });
});
