import { useQuery } from '@tanstack/react-query';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { setFieldAccess } from '../../../mocks/salesforce/controls';
import { setupSalesforceHarness } from '../../../mocks/testing/salesforce-harness';
import { contactPerson } from '../../../mocks/testing/people';
import { setupTestOutbox } from '../../../mocks/testing/test-outbox';
import { renderWithSalesforce } from '../../../mocks/testing/render-with-salesforce';
import { tabKeys } from '@/lib/query-keys';
import { accountOf, getConversationWork } from '@/salesforce/api/conversation-work';
import type { SalesforceClient } from '@/salesforce/client';
import type { DescribeCache } from '@/salesforce/describe';
import type { Person } from '@/salesforce/people';
import { useSalesforce, useScope } from '@/kit/salesforce-context';
import { OpportunityTab } from './opportunity-tab';
import type { RenderTaskForm } from './tasks-section';

const h = setupSalesforceHarness();
const testOutbox = setupTestOutbox(h, 'opportunity-tab');

/** The panel's part: the tab's data under the tabs' key, and the tab. */
function Work({
  person,
  conversationId,
  renderTaskForm,
}: {
  person: Person;
  conversationId: string;
  renderTaskForm?: RenderTaskForm;
}) {
  const services = useSalesforce();
  const scope = useScope();
  const client: SalesforceClient = services.client;
  const describes: DescribeCache = services.describes;
  const work = useQuery({
    queryKey: tabKeys.conversation(scope, person, conversationId),
    queryFn: () => getConversationWork(client, describes, person, conversationId),
  });
  if (!work.data) return <p>Loading work</p>;
  return (
    <OpportunityTab
      tab={work.data.opportunities}
      person={person}
      conversationId={conversationId}
      accountId={accountOf(person)}
      {...(renderTaskForm ? { renderTaskForm } : {})}
    />
  );
}

function renderWork(ui: ReactNode) {
  return renderWithSalesforce(h, ui, { outbox: testOutbox.outbox });
}

const ada = () =>
  contactPerson(h.emulator.ids.contacts.ada, h.emulator.ids.accounts.globex, 'Ada Lovelace', 'Globex Corporation');
const slow = { timeout: 5000 };
const record = (id: string) => h.emulator.store.get(id)?.values;
const list = () => screen.getByRole('list', { name: 'Opportunities' });
const item = (name: string) => {
  const button = within(list()).getByRole('button', { name });
  const li = button.closest('li');
  if (!li) throw new Error(`no list item for ${name}`);
  return within(li);
};

describe('OpportunityTab', () => {
  it('lists the open opportunities, the one tied to this conversation first and marked, each with stage, amount, close date and owner', async () => {
    renderWork(<Work person={ada()} conversationId="conv-globex-renewal" />);
    await screen.findByRole('list', { name: 'Opportunities' }, slow);
    const names = within(list())
      .getAllByRole('button', { expanded: true })
      .concat(within(list()).getAllByRole('button', { expanded: false }))
      .map((button) => button.textContent);
    expect(names).toEqual(['Globex – Platform renewal 2027', 'Globex – Contact center expansion']);
    const renewal = item('Globex – Platform renewal 2027');
    expect(renewal.getByText('Tied to this conversation')).toBeInTheDocument();
    expect(renewal.getByText('Negotiation/Review')).toBeInTheDocument();
    expect(renewal.getByText('48,000')).toBeInTheDocument();
    expect(renewal.getByText('Jane Doe')).toBeInTheDocument();
    expect(renewal.getByRole('button', { name: 'Untie from this conversation' })).toBeInTheDocument();
    expect(item('Globex – Contact center expansion').queryByText('Tied to this conversation')).toBeNull();
    // The tied one is open below the list.
    expect(screen.getByRole('region', { name: 'Globex – Platform renewal 2027' })).toBeInTheDocument();
  });

  it('ties another opportunity: the tie moves in one composite, and untie clears it', async () => {
    const user = userEvent.setup();
    const { opportunities } = h.emulator.ids;
    renderWork(<Work person={ada()} conversationId="conv-globex-renewal" />);
    await screen.findByRole('list', { name: 'Opportunities' }, slow);
    const logged = h.emulator.log.length;
    await user.click(
      item('Globex – Contact center expansion').getByRole('button', { name: 'Tie to this conversation' }),
    );
    await waitFor(
      () => expect(record(opportunities.globexExpansion)?.conversationId__c).toBe('conv-globex-renewal'),
      slow,
    );
    expect(record(opportunities.globexRenewal)?.conversationId__c ?? null).toBeNull();
    const writes = h.emulator.log
      .slice(logged)
      .filter((entry) => entry.method === 'PATCH' || entry.subrequests?.some((sub) => sub.startsWith('PATCH')));
    expect(writes.map((entry) => [entry.path, entry.subrequests])).toEqual([
      [
        '/services/data/v66.0/composite',
        [
          `PATCH /services/data/v66.0/sobjects/Opportunity/${opportunities.globexRenewal}`,
          `PATCH /services/data/v66.0/sobjects/Opportunity/${opportunities.globexExpansion}`,
        ],
      ],
    ]);
    await waitFor(
      () =>
        expect(item('Globex – Contact center expansion').getByText('Tied to this conversation')).toBeInTheDocument(),
      slow,
    );
    await user.click(
      item('Globex – Contact center expansion').getByRole('button', { name: 'Untie from this conversation' }),
    );
    await waitFor(() => expect(record(opportunities.globexExpansion)?.conversationId__c ?? null).toBeNull(), slow);
  });

  it('names the field and the setup step when the user can’t edit conversationId, and sends nothing', async () => {
    const user = userEvent.setup();
    setFieldAccess(h.emulator, 'Opportunity', 'conversationId__c', 'read');
    renderWork(<Work person={ada()} conversationId="conv-globex-renewal" />);
    await screen.findByRole('list', { name: 'Opportunities' }, slow);
    h.requests.length = 0;
    await user.click(
      item('Globex – Contact center expansion').getByRole('button', { name: 'Tie to this conversation' }),
    );
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The tie was not changed');
    expect(alert).toHaveTextContent('conversationId (conversationId__c) on Opportunity');
    expect(alert).toHaveTextContent('"Enable Opportunity tab"');
    expect(h.requests).toHaveLength(0);
  });

  it('explains a tie another record took meanwhile (DUPLICATE_VALUE), and changes nothing', async () => {
    const user = userEvent.setup();
    const { opportunities } = h.emulator.ids;
    renderWork(<Work person={ada()} conversationId="conv-other" />);
    await screen.findByRole('list', { name: 'Opportunities' }, slow);
    h.emulator.store.patchRaw(opportunities.globexPilot, { conversationId__c: 'conv-other' });
    await user.click(
      item('Globex – Contact center expansion').getByRole('button', { name: 'Tie to this conversation' }),
    );
    expect(await screen.findByRole('alert', {}, slow)).toHaveTextContent(
      'Another Opportunity record already carries this conversation',
    );
    expect(record(opportunities.globexExpansion)?.conversationId__c ?? null).toBeNull();
  });

  it('moves the stage along the path; a closing stage asks first, and Salesforce sets probability and forecast', async () => {
    const user = userEvent.setup();
    const { opportunities } = h.emulator.ids;
    renderWork(<Work person={ada()} conversationId="conv-globex-renewal" />);
    const path = await screen.findByRole('listbox', { name: 'Stages of Globex – Platform renewal 2027' }, slow);
    const current = within(path).getByRole('option', { selected: true });
    expect(current).toHaveTextContent('Negotiation/Review');
    expect(current.parentElement).toHaveClass('slds-is-current');
    expect(
      screen.getByText('Current stage: Negotiation/Review · Probability 90 % · Forecast Commit'),
    ).toBeInTheDocument();
    current.focus();
    await user.keyboard('{ArrowRight}');
    expect(within(path).getByRole('option', { name: 'Closed Won' })).toHaveFocus();
    expect(screen.getByText('Moving to Closed Won sets Probability 100 % and Forecast Closed.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Mark as current stage' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Move to Closed Won?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(record(opportunities.globexRenewal)?.StageName).toBe('Negotiation/Review');
    await user.click(screen.getByRole('button', { name: 'Mark as current stage' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Move to Closed Won' }));
    await waitFor(
      () =>
        expect(record(opportunities.globexRenewal)).toMatchObject({
          StageName: 'Closed Won',
          Probability: 100,
          ForecastCategoryName: 'Closed',
        }),
      slow,
    );
    expect(
      await screen.findByText('Current stage: Closed Won · Probability 100 % · Forecast Closed', {}, slow),
    ).toBeInTheDocument();
  });

  it('moves to an open stage without asking', async () => {
    const user = userEvent.setup();
    const { opportunities } = h.emulator.ids;
    renderWork(<Work person={ada()} conversationId="conv-globex-renewal" />);
    const path = await screen.findByRole('listbox', {}, slow);
    await user.click(within(path).getByRole('option', { name: 'Perception Analysis' }));
    await user.click(screen.getByRole('button', { name: 'Mark as current stage' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    await waitFor(
      () =>
        expect(record(opportunities.globexRenewal)).toMatchObject({
          StageName: 'Perception Analysis',
          Probability: 70,
        }),
      slow,
    );
  });

  it('edits the summary; a failed save keeps the text, and it lands once on the retry', async () => {
    const user = userEvent.setup();
    const { opportunities } = h.emulator.ids;
    renderWork(<Work person={ada()} conversationId="conv-globex-renewal" />);
    await user.click(await screen.findByRole('button', { name: 'Edit summary' }, slow));
    const box = screen.getByRole('textbox', { name: 'Summary' });
    expect(box).toHaveValue('Three-year renewal of 250 seats. Legal review of the DPA pending.');
    await user.clear(box);
    await user.type(box, 'Signed by legal. Waiting for the PO.');
    h.emulator.addFault({
      match: { method: 'PATCH', path: '/sobjects/Opportunity' },
      action: 'fail',
      status: 500,
      body: [{ errorCode: 'UNKNOWN_EXCEPTION', message: 'Server busy' }],
    });
    await user.click(screen.getByRole('button', { name: 'Save summary' }));
    expect(
      await screen.findByText(/Not saved yet \(Server busy\); it is sent again automatically\./, {}, slow),
    ).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Summary' })).toHaveValue('Signed by legal. Waiting for the PO.');
    const [pending] = await testOutbox.outbox.list({ states: ['pending'] });
    await testOutbox.outbox.retry(pending?.id ?? '');
    await waitFor(
      () => expect(record(opportunities.globexRenewal)?.Description).toBe('Signed by legal. Waiting for the PO.'),
      slow,
    );
    await screen.findByRole('button', { name: 'Edit summary' }, slow);
    expect(
      h.emulator.log.filter((entry) => entry.method === 'PATCH' && entry.path.includes(opportunities.globexRenewal)),
    ).toHaveLength(2);
  });

  it('keeps a summary being typed across a reload of the panel', async () => {
    const user = userEvent.setup();
    const first = renderWork(<Work person={ada()} conversationId="conv-globex-renewal" />);
    await user.click(await screen.findByRole('button', { name: 'Edit summary' }, slow));
    await user.type(screen.getByRole('textbox', { name: 'Summary' }), ' More.');
    first.unmount();
    renderWork(<Work person={ada()} conversationId="conv-globex-renewal" />);
    expect(await screen.findByRole('textbox', { name: 'Summary' }, slow)).toHaveValue(
      'Three-year renewal of 250 seats. Legal review of the DPA pending. More.',
    );
  });

  it('lists the notes, adds one (once) and edits it', async () => {
    const user = userEvent.setup();
    const { opportunities } = h.emulator.ids;
    renderWork(<Work person={ada()} conversationId="conv-globex-renewal" />);
    const notes = await screen.findByRole('list', { name: 'Notes' }, slow);
    expect(within(notes).getByText('Renewal call notes')).toBeInTheDocument();
    expect(within(notes).getByText('Ada wants a 3-year term. Legal needs the DPA by the 15th.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'New note' }));
    const form = screen.getByRole('form', { name: 'New note' });
    await user.click(within(form).getByRole('button', { name: 'Add note' }));
    expect(within(form).getByText('Enter a title.')).toBeInTheDocument();
    await user.type(within(form).getByRole('textbox', { name: /Title/ }), 'Call with Ada');
    await user.type(
      within(form).getByRole('textbox', { name: 'Note' }),
      'Wants <50> seats & a discount{Enter}Call back Friday',
    );
    await user.click(within(form).getByRole('button', { name: 'Add note' }));
    await waitFor(() => expect(screen.queryByRole('form', { name: 'New note' })).toBeNull(), slow);
    const saved = h.emulator.store.rows('ContentNote').filter((row) => row.values.Title === 'Call with Ada');
    expect(saved).toHaveLength(1);
    const noteId = String(saved[0]?.values.Id);
    expect(
      h.emulator.store
        .rows('ContentDocumentLink')
        .filter((row) => row.values.ContentDocumentId === noteId)
        .map((row) => row.values.LinkedEntityId),
    ).toEqual([opportunities.globexRenewal]);
    expect(
      await within(screen.getByRole('list', { name: 'Notes' })).findByText(
        'Wants <50> seats & a discount Call back Friday',
        {},
        slow,
      ),
    ).toBeInTheDocument();

    const [edit] = within(screen.getByRole('list', { name: 'Notes' })).getAllByRole('button', { name: 'Edit note' });
    await user.click(edit!);
    const editForm = await screen.findByRole('form', { name: /^Edit note / }, slow);
    const text = within(editForm).getByRole('textbox', { name: 'Note' });
    expect(text).toHaveValue('Wants <50> seats & a discount\nCall back Friday');
    await user.type(text, '{Enter}Sent the quote');
    await user.click(within(editForm).getByRole('button', { name: 'Save note' }));
    await waitFor(() => expect(screen.queryByRole('form', { name: /^Edit note / })).toBeNull(), slow);
    const content = String(record(noteId)?.Content);
    expect(new TextDecoder().decode(Uint8Array.from(atob(content), (c) => c.charCodeAt(0)))).toBe(
      '<p>Wants &lt;50&gt; seats &amp; a discount</p><p>Call back Friday</p><p>Sent the quote</p>',
    );
  });

  it('refuses a note title the user gave another note minutes ago, keeping the text', async () => {
    const user = userEvent.setup();
    renderWork(<Work person={ada()} conversationId="conv-globex-renewal" />);
    await screen.findByRole('list', { name: 'Notes' }, slow);
    h.emulator.store.create(
      'ContentNote',
      { Title: 'Follow-up', Content: btoa('<p>x</p>') },
      { userId: h.session.store.getState().session?.userId ?? '' },
    );
    await user.click(screen.getByRole('button', { name: 'New note' }));
    const form = screen.getByRole('form', { name: 'New note' });
    await user.type(within(form).getByRole('textbox', { name: /Title/ }), 'Follow-up');
    await user.type(within(form).getByRole('textbox', { name: 'Note' }), 'Second one');
    await user.click(within(form).getByRole('button', { name: 'Add note' }));
    expect(
      await within(form).findByText(
        'You added a note titled “Follow-up” a few minutes ago: give this one another title.',
        {},
        slow,
      ),
    ).toBeInTheDocument();
    expect(within(form).getByRole('textbox', { name: 'Note' })).toHaveValue('Second one');
    expect(h.emulator.store.rows('ContentNote').filter((row) => row.values.Title === 'Follow-up')).toHaveLength(1);
  });

  it('says so when the org has classic Notes only', async () => {
    h.emulator.store.setObjectPermissions('ContentNote', { read: false });
    renderWork(<Work person={ada()} conversationId="conv-globex-renewal" />);
    expect(await screen.findByText('This org uses classic Notes only', {}, slow)).toBeInTheDocument();
  });

  it('lists the open and recent tasks, and opens the panel’s task form for the opportunity', async () => {
    const user = userEvent.setup();
    const renderTaskForm: RenderTaskForm = (opportunity, close) => (
      <div>
        <p>Task form for {opportunity.name}</p>
        <button type="button" onClick={close}>
          Close task form
        </button>
      </div>
    );
    renderWork(<Work person={ada()} conversationId="conv-globex-renewal" renderTaskForm={renderTaskForm} />);
    expect(
      within(await screen.findByRole('list', { name: 'Open tasks' }, slow)).getByText('Send renewal quote'),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole('list', { name: 'Recently completed' })).getByText('Email: Renewal proposal'),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'New task' }));
    expect(screen.getByText('Task form for Globex – Platform renewal 2027')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Close task form' }));
    expect(screen.getByRole('button', { name: 'New task' })).toBeInTheDocument();
  });

  it('creates an opportunity for the account, tied to this conversation, once', async () => {
    const user = userEvent.setup();
    const { accounts } = h.emulator.ids;
    renderWork(<Work person={ada()} conversationId="conv-new-deal" />);
    await user.click(await screen.findByRole('button', { name: 'New opportunity' }, slow));
    const form = await screen.findByRole('form', { name: 'New opportunity' }, slow);
    expect(within(form).getByRole('textbox', { name: /Opportunity name/ })).toHaveValue('Globex Corporation – ');
    await user.type(within(form).getByRole('textbox', { name: /Opportunity name/ }), 'Headsets');
    expect(within(form).getByRole('combobox', { name: 'Stage' })).toHaveValue('Prospecting');
    await user.type(within(form).getByRole('textbox', { name: 'Amount' }), '7500');
    await user.click(within(form).getByRole('button', { name: 'Create opportunity' }));
    await waitFor(() => expect(screen.queryByRole('form', { name: 'New opportunity' })).toBeNull(), slow);
    const created = h.emulator.store
      .rows('Opportunity')
      .filter((row) => row.values.conversationId__c === 'conv-new-deal');
    expect(created).toHaveLength(1);
    expect(created[0]?.values).toMatchObject({
      Name: 'Globex Corporation – Headsets',
      StageName: 'Prospecting',
      Amount: 7500,
      AccountId: accounts.globex,
    });
    expect(
      await within(list()).findByRole('button', { name: 'Globex Corporation – Headsets' }, slow),
    ).toBeInTheDocument();
    expect(item('Globex Corporation – Headsets').getByText('Tied to this conversation')).toBeInTheDocument();
  });
});
