import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setupSalesforceHarness } from '../../../mocks/testing/salesforce-harness';
import { renderWithSalesforce } from '../../../mocks/testing/render-with-salesforce';
import { TEST_ORG_ORIGIN } from '../../../mocks/node';
import { peopleByIds } from '@/salesforce/api/people-search';
import { loadLookupEngine } from '@/salesforce/lookup-engine-loader';
import type { Person, RankedPerson } from '@/salesforce/people';
import { XBeesBridgeProvider } from '@/kit/xbees-bridge-context';
import { createTestBridge, type TestBridge } from '../../../mocks/testing/test-bridge';
import { PersonCard } from './person-card';

const h = setupSalesforceHarness();
let host: TestBridge | null = null;

// The card formats and dials with the lookup engine, which a screen pop has always loaded by then.
beforeAll(async () => {
  await loadLookupEngine();
});
afterEach(() => {
  host?.bridge.destroy();
  host = null;
});

/** The record as the screen pop reads it from the emulated org. */
async function person(id: string, sobject: Person['sobject']): Promise<Person> {
  const [found] = await peopleByIds(h.deps, [{ id, sobject }]);
  if (!found) throw new Error(`no ${sobject} ${id} in the org`);
  return found;
}

function renderCard(shown: Person, match?: Pick<RankedPerson, 'match' | 'matchedField'>) {
  host = createTestBridge();
  return renderWithSalesforce(
    h,
    <XBeesBridgeProvider value={host.bridge}>
      <PersonCard person={shown} instanceUrl={TEST_ORG_ORIGIN} match={match} defaultRegion="US" />
    </XBeesBridgeProvider>,
  );
}

const card = (name: string) => within(screen.getByRole('article', { name }));
/** The value shown next to a label of the card's details. */
function detail(name: string, label: string): string | null {
  const term = card(name)
    .getAllByRole('term')
    .find((item) => item.textContent === label);
  return term?.nextElementSibling?.textContent ?? null;
}

describe('PersonCard', () => {
  it('shows a Contact: name, type, title, account, owner, every number, the e-mail and the last activity', async () => {
    // Salesforce's date-only value, shown in the agent's locale.
    renderCard({ ...(await person(h.emulator.ids.contacts.ada, 'Contact')), lastActivityDate: '2026-01-15' });
    const ada = card('Ada Lovelace');
    expect(ada.getByRole('heading', { name: 'Ada Lovelace' })).toBeInTheDocument();
    expect(ada.getByText('Contact')).toBeInTheDocument();
    expect(detail('Ada Lovelace', 'Title')).toBe('VP Operations');
    expect(detail('Ada Lovelace', 'Account')).toBe('Globex Corporation');
    expect(detail('Ada Lovelace', 'Owner')).toBe('Jane Doe');
    expect(detail('Ada Lovelace', 'Phone')).toBe('Call +1 415 555 0100');
    expect(detail('Ada Lovelace', 'Mobile')).toBe('Call +1 415 555 0142');
    expect(detail('Ada Lovelace', 'E-mail')).toContain('ada.lovelace@globex.example');
    expect(detail('Ada Lovelace', 'Last activity')).toBe('Jan 15, 2026');
  });

  it('calls a number through x-bees in E.164, whatever format Salesforce stores', async () => {
    const user = userEvent.setup();
    renderCard(await person(h.emulator.ids.contacts.ada, 'Contact'));
    // Stored as "(415) 555-0100", a national number.
    await user.click(card('Ada Lovelace').getByRole('button', { name: 'Call +1 415 555 0100' }));
    await waitFor(() => expect(host?.parent.ofType('xBeesStartCall')).toHaveLength(1));
    expect(host?.parent.ofType('xBeesStartCall')[0]?.payload).toEqual({ phoneNumber: '+14155550100' });
  });

  it('says so when x-bees refuses the call', async () => {
    const user = userEvent.setup();
    renderCard(await person(h.emulator.ids.contacts.ada, 'Contact'));
    host?.parent.replyTo('xBeesStartCall', { errorMessage: 'no line available' });
    await user.click(card('Ada Lovelace').getByRole('button', { name: 'Call +1 415 555 0142' }));
    expect(await card('Ada Lovelace').findByRole('alert')).toHaveTextContent(/x-bees could not start the call/);
    expect(card('Ada Lovelace').getByRole('alert')).toHaveTextContent(/no line available/);
  });

  it('copies the e-mail through x-bees and confirms it', async () => {
    const user = userEvent.setup();
    renderCard(await person(h.emulator.ids.contacts.ada, 'Contact'));
    await user.click(card('Ada Lovelace').getByRole('button', { name: 'Copy e-mail' }));
    expect(await card('Ada Lovelace').findByRole('status')).toHaveTextContent('E-mail copied to x-bees.');
    expect(host?.parent.ofType('xBeesToClipboard').map((request) => request.payload)).toEqual([
      'ada.lovelace@globex.example',
    ]);
  });

  it('opens the record in Salesforce: its Lightning page on the org, in a new tab', async () => {
    renderCard(await person(h.emulator.ids.contacts.ada, 'Contact'));
    const link = card('Ada Lovelace').getByRole('link', { name: 'Open in Salesforce' });
    expect(link).toHaveAttribute('href', `${TEST_ORG_ORIGIN}/lightning/r/Contact/${h.emulator.ids.contacts.ada}/view`);
    expect(link).toHaveAttribute('target', '_blank');
    expect(link).toHaveAttribute('rel', expect.stringContaining('noopener') as string);
  });

  it('says which number matched the conversation', async () => {
    renderCard(await person(h.emulator.ids.contacts.ada, 'Contact'), { match: 'exact', matchedField: 'MobilePhone' });
    expect(card('Ada Lovelace').getByText('Matched on Mobile')).toBeInTheDocument();
  });

  it('shows a Lead with its company, and one without activity says so', async () => {
    renderCard({ ...(await person(h.emulator.ids.leads.sofia, 'Lead')), lastActivityDate: null });
    expect(card('Sofia Rossi').getByText('Lead')).toBeInTheDocument();
    expect(detail('Sofia Rossi', 'Company')).toBe('Rossi Design Studio');
    expect(detail('Sofia Rossi', 'Account')).toBeNull();
    expect(detail('Sofia Rossi', 'Last activity')).toBe('No activity yet');
    expect(card('Sofia Rossi').getByRole('link', { name: 'Open in Salesforce' })).toHaveAttribute(
      'href',
      `${TEST_ORG_ORIGIN}/lightning/r/Lead/${h.emulator.ids.leads.sofia}/view`,
    );
  });

  it('shows a business Account, opening as an Account', async () => {
    const { accounts } = h.emulator.ids;
    renderCard(await person(accounts.globex, 'Account'));
    expect(card('Globex Corporation').getByText('Account')).toBeInTheDocument();
    expect(detail('Globex Corporation', 'Phone')).toBe('Call +1 415 555 0100');
    expect(card('Globex Corporation').getByRole('link', { name: 'Open in Salesforce' })).toHaveAttribute(
      'href',
      `${TEST_ORG_ORIGIN}/lightning/r/Account/${accounts.globex}/view`,
    );
  });

  it('shows a Person Account with its personal mobile and e-mail, opening as an Account', async () => {
    const { accounts } = h.emulator.ids;
    renderCard(await person(accounts.maria, 'Account'));
    expect(card('María García').getByText('Person Account')).toBeInTheDocument();
    expect(detail('María García', 'Mobile')).toBe('Call +34 612 34 56 78');
    expect(detail('María García', 'E-mail')).toContain('maria.garcia@example.es');
    expect(card('María García').getByRole('link', { name: 'Open in Salesforce' })).toHaveAttribute(
      'href',
      `${TEST_ORG_ORIGIN}/lightning/r/Account/${accounts.maria}/view`,
    );
  });

  it('renders Salesforce values as text, never as markup', async () => {
    const { container } = renderCard(await person(h.emulator.ids.leads.mallory, 'Lead'));
    expect(detail('Mallory <img src=x onerror="alert(1)">', 'Company')).toBe(
      '<b>Evil</b> Corp <script>alert("xss")</script>',
    );
    expect(container.querySelector('img, script, b')).toBeNull();
  });
});
