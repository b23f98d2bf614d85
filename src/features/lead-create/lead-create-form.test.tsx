import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { setupSalesforceHarness } from '../../../mocks/testing/salesforce-harness';
import { setupTestOutbox } from '../../../mocks/testing/test-outbox';
import { renderWithSalesforce } from '../../../mocks/testing/render-with-salesforce';
import { TEST_ORG_ORIGIN } from '../../../mocks/node';
import type { Person } from '@/salesforce/people';
import { LeadCreateForm, type LeadPrefill } from './lead-create-form';

const h = setupSalesforceHarness();
const testOutbox = setupTestOutbox(h, 'lead-create');
const slow = { timeout: 5000 };

const caller: LeadPrefill = { name: 'Ada King Lovelace', phone: '+14155550199' };

/** The form as the screen pop shows it for a nobody: the Lead describe is warm from the sign-in. */
async function renderForm(prefill: LeadPrefill = caller, draftKey = 'conv-unknown') {
  await h.describes.warm(['Lead']);
  const onCreated = vi.fn<(person: Person) => void>();
  const onUseExisting = vi.fn<(person: Person) => void>();
  const view = renderWithSalesforce(
    h,
    <LeadCreateForm prefill={prefill} draftKey={draftKey} onCreated={onCreated} onUseExisting={onUseExisting} />,
    { outbox: testOutbox.outbox },
  );
  return { ...view, onCreated, onUseExisting };
}

const form = () => within(screen.getByRole('region', { name: 'Not in Salesforce yet' }));
const field = (name: string | RegExp) => form().getByRole('textbox', { name });
const leadsNamed = (lastName: string) =>
  h.emulator.store.rows('Lead').filter((lead) => lead.values.LastName === lastName);

describe('LeadCreateForm', () => {
  it('is prefilled from x-bees: the name split in first and last, the number formatted', async () => {
    await renderForm({ name: 'Ada King Lovelace', phone: '+14155550199', email: 'ada@example.com' });
    expect(form().getByText('No Lead, Contact or Account has +14155550199. Create a Lead:')).toBeInTheDocument();
    expect(field('First name')).toHaveValue('Ada');
    expect(field(/Last name/)).toHaveValue('King Lovelace');
    expect(field(/Company/)).toHaveValue('');
    expect(field('E-mail')).toHaveValue('ada@example.com');
    expect(field('Phone')).toHaveValue('+1 415 555 0199');
    expect(field('Mobile')).toHaveValue('');
    expect(field(/Last name/)).toBeRequired();
    expect(field(/Company/)).toBeRequired();
    expect(field('First name')).not.toBeRequired();
  });

  it('requires Last Name and Company, and writes nothing until they are there', async () => {
    const user = userEvent.setup();
    await renderForm({ phone: '+14155550199' });
    await user.click(form().getByRole('button', { name: 'Create Lead' }));
    expect(field(/Last name/)).toHaveAccessibleDescription('Enter the Last name: Salesforce requires it.');
    expect(field(/Company/)).toHaveAccessibleDescription('Enter the Company: Salesforce requires it.');
    expect(field('First name')).not.toHaveAccessibleDescription();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(testOutbox.outbox.getSnapshot()).toEqual([]);
  });

  it('checks a field when the agent leaves it, before any submit', async () => {
    const user = userEvent.setup();
    await renderForm();
    await user.click(field(/Company/));
    await user.tab();
    expect(field(/Company/)).toHaveAccessibleDescription('Enter the Company: Salesforce requires it.');
    // Fields not visited yet say nothing.
    expect(field('E-mail')).not.toHaveAccessibleDescription();
  });

  it('checks the e-mail and phone formats', async () => {
    const user = userEvent.setup();
    await renderForm();
    await user.type(field(/Company/), 'Analytical Engines Ltd');
    await user.type(field('E-mail'), 'ada-at-example');
    await user.clear(field('Phone'));
    await user.type(field('Phone'), '12');
    await user.click(form().getByRole('button', { name: 'Create Lead' }));
    expect(field('E-mail')).toHaveAccessibleDescription(
      'This is not an e-mail address. Check it, or leave the field empty.',
    );
    expect(field('Phone')).toHaveAccessibleDescription(/not a phone number Salesforce can call back/);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(testOutbox.outbox.getSnapshot()).toEqual([]);
  });

  it('creates the Lead with what was typed, owned by the agent, and hands the new person to the panel', async () => {
    const user = userEvent.setup();
    const { onCreated } = await renderForm();
    await user.type(field(/Company/), 'Analytical Engines Ltd');
    await user.type(field('E-mail'), 'ada@engines.example');
    await user.type(field('Mobile'), '+44 7700 900123');
    await user.click(form().getByRole('button', { name: 'Create Lead' }));
    await waitFor(() => expect(onCreated).toHaveBeenCalledTimes(1), slow);
    expect(leadsNamed('King Lovelace')).toHaveLength(1);
    const lead = leadsNamed('King Lovelace')[0]?.values;
    expect(lead).toMatchObject({
      FirstName: 'Ada',
      LastName: 'King Lovelace',
      Company: 'Analytical Engines Ltd',
      Email: 'ada@engines.example',
      Phone: '+1 415 555 0199',
      MobilePhone: '+44 7700 900123',
      OwnerId: h.emulator.ids.users.jane,
      LeadSource: 'Phone Inquiry',
    });
    expect(onCreated.mock.calls[0]?.[0]).toMatchObject({
      id: lead?.Id,
      sobject: 'Lead',
      type: 'Lead',
      name: 'Ada King Lovelace',
      company: 'Analytical Engines Ltd',
      email: 'ada@engines.example',
      ownerId: h.emulator.ids.users.jane,
      phones: [
        { field: 'Phone', value: '+1 415 555 0199' },
        { field: 'MobilePhone', value: '+44 7700 900123' },
      ],
    });
  });

  it('keeps a draft across a reload, clears it once the Lead exists; Clear form starts over from x-bees', async () => {
    const user = userEvent.setup();
    const first = await renderForm();
    await user.type(field(/Company/), 'Analytical Engines Ltd');
    first.unmount();

    const second = await renderForm();
    expect(field(/Company/)).toHaveValue('Analytical Engines Ltd');
    await user.click(form().getByRole('button', { name: 'Clear form' }));
    expect(field(/Company/)).toHaveValue('');
    expect(field(/Last name/)).toHaveValue('King Lovelace');
    await user.type(field(/Company/), 'Engines & Co');
    await user.click(form().getByRole('button', { name: 'Create Lead' }));
    await waitFor(() => expect(second.onCreated).toHaveBeenCalledTimes(1), slow);
    second.unmount();

    await renderForm();
    expect(field(/Company/)).toHaveValue('');
  });

  it('shows Salesforce’s field errors at their field and keeps what was typed, in the draft too', async () => {
    const user = userEvent.setup();
    const first = await renderForm();
    // Lead.Company holds 255 characters.
    const company = 'Analytical Engines '.repeat(15);
    await user.click(field(/Company/));
    await user.paste(company);
    await user.click(form().getByRole('button', { name: 'Create Lead' }));
    expect(
      await form().findByText(
        'Salesforce refused some values; see the fields below. Nothing you typed was lost.',
        {},
        slow,
      ),
    ).toBeInTheDocument();
    expect(field(/Company/)).toHaveAccessibleDescription(/data value too large/);
    expect(field(/Company/)).toHaveValue(company);
    expect(field(/Last name/)).toHaveValue('King Lovelace');
    expect(leadsNamed('King Lovelace')).toHaveLength(0);
    expect(first.onCreated).not.toHaveBeenCalled();
    first.unmount();

    // A reload keeps the text; corrected, the Lead is created (once).
    const second = await renderForm();
    expect(field(/Company/)).toHaveValue(company);
    await user.clear(field(/Company/));
    await user.type(field(/Company/), 'Analytical Engines Ltd');
    await user.click(form().getByRole('button', { name: 'Create Lead' }));
    await waitFor(() => expect(second.onCreated).toHaveBeenCalledTimes(1), slow);
    expect(leadsNamed('King Lovelace').map((lead) => lead.values.Company)).toEqual(['Analytical Engines Ltd']);
  });

  it('a Salesforce error on no field of the form is shown with its message', async () => {
    const user = userEvent.setup();
    h.emulator.addFault({
      match: { method: 'POST', path: '/sobjects/Lead' },
      count: 1,
      action: 'fail',
      status: 400,
      body: [{ errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Leads need a country', fields: [] }],
    });
    await renderForm();
    await user.type(field(/Company/), 'Analytical Engines Ltd');
    await user.click(form().getByRole('button', { name: 'Create Lead' }));
    expect(
      await form().findByText(/Salesforce refused the Lead: Leads need a country\./, {}, slow),
    ).toBeInTheDocument();
    expect(field(/Company/)).toHaveValue('Analytical Engines Ltd');
  });

  it('a Lead Salesforce did not take yet stays queued, and says why', async () => {
    const user = userEvent.setup();
    h.emulator.addFault({
      match: { method: 'POST', path: '/sobjects/Lead' },
      count: 1,
      action: 'fail',
      status: 503,
      body: undefined,
    });
    await renderForm();
    await user.type(field(/Company/), 'Analytical Engines Ltd');
    await user.click(form().getByRole('button', { name: 'Create Lead' }));
    expect(
      await form().findByText(/^Not in Salesforce yet: .*It is kept and sent again by itself\.$/, {}, slow),
    ).toBeInTheDocument();
    expect(form().queryByRole('button', { name: 'Create Lead' })).not.toBeInTheDocument();
    expect(field(/Company/)).toBeDisabled();
  });

  it('duplicate rules: shows the matching records; Use this record hands it to the panel', async () => {
    const user = userEvent.setup();
    const { onUseExisting, onCreated } = await renderForm({
      name: 'Ada Lovelace',
      phone: '+14155550199',
      email: 'ada.lovelace@globex.example',
    });
    await user.type(field(/Company/), 'Globex Corporation');
    await user.click(form().getByRole('button', { name: 'Create Lead' }));
    expect(await screen.findByText('Salesforce already has this person', {}, slow)).toBeInTheDocument();
    const match = (await screen.findByText('Ada Lovelace', {}, slow)).closest('li');
    if (!match) throw new Error('no list item for the match');
    expect(within(match).getByText('Contact · Globex Corporation · ada.lovelace@globex.example')).toBeInTheDocument();
    expect(within(match).getByRole('link', { name: 'Open in Salesforce' })).toHaveAttribute(
      'href',
      `${TEST_ORG_ORIGIN}/lightning/r/Contact/${h.emulator.ids.contacts.ada}/view`,
    );
    await user.click(within(match).getByRole('button', { name: 'Use this record' }));
    expect(onUseExisting).toHaveBeenCalledTimes(1);
    expect(onUseExisting.mock.calls[0]?.[0]).toMatchObject({ id: h.emulator.ids.contacts.ada, type: 'Contact' });
    expect(onCreated).not.toHaveBeenCalled();
    expect(leadsNamed('Lovelace').filter((lead) => lead.values.IsConverted !== true)).toHaveLength(0);
  });

  it('duplicate rules: Back to the form keeps the values', async () => {
    const user = userEvent.setup();
    const { onCreated } = await renderForm({ name: 'Ada Lovelace', email: 'ada.lovelace@globex.example' });
    await user.type(field(/Company/), 'Globex Corporation');
    await user.click(form().getByRole('button', { name: 'Create Lead' }));
    await user.click(await screen.findByRole('button', { name: 'Back to the form' }, slow));
    expect(field(/Company/)).toHaveValue('Globex Corporation');
    expect(field('E-mail')).toHaveValue('ada.lovelace@globex.example');
    expect(onCreated).not.toHaveBeenCalled();
  });

  it('duplicate rules: Save anyway creates the Lead despite the rule', async () => {
    const user = userEvent.setup();
    const { onCreated } = await renderForm({ name: 'Ada Lovelace', email: 'ada.lovelace@globex.example' });
    await user.type(field(/Company/), 'Globex Corporation');
    await user.click(form().getByRole('button', { name: 'Create Lead' }));
    await user.click(await screen.findByRole('button', { name: 'Save anyway' }, slow));
    await waitFor(() => expect(onCreated).toHaveBeenCalledTimes(1), slow);
    const created = leadsNamed('Lovelace').filter((lead) => lead.values.IsConverted !== true);
    expect(created).toHaveLength(1);
    expect(created[0]?.values).toMatchObject({ Email: 'ada.lovelace@globex.example', Company: 'Globex Corporation' });
  });

  it('shows only the fields the agent may fill in', async () => {
    h.emulator.store.hideField('Lead', 'MobilePhone');
    await renderForm();
    expect(form().queryByRole('textbox', { name: 'Mobile' })).not.toBeInTheDocument();
    expect(field('Phone')).toBeInTheDocument();
  });

  it('a profile that can’t create Leads is told so instead of a form', async () => {
    h.emulator.store.setObjectPermissions('Lead', { create: false });
    await renderForm();
    expect(screen.getByText(/Your Salesforce profile can’t create Leads/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Create Lead' })).not.toBeInTheDocument();
  });
});
