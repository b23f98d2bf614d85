import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { setupSalesforceHarness } from '../../../mocks/testing/salesforce-harness';
import { contactPerson } from '../../../mocks/testing/people';
import { setupTestOutbox } from '../../../mocks/testing/test-outbox';
import { renderWithSalesforce } from '../../../mocks/testing/render-with-salesforce';
import type { Person } from '@/salesforce/people';
import type { CallState } from '@/xbees/session-store';
import { LogForm, type LogFormProps } from './log-form';

const h = setupSalesforceHarness();
const testOutbox = setupTestOutbox(h, 'log-form');
const slow = { timeout: 5000 };
const SAVED = 'Logged in Salesforce. Logging again updates the same task.';

const ada = () =>
  contactPerson(h.emulator.ids.contacts.ada, h.emulator.ids.accounts.globex, 'Ada Lovelace', 'Globex Corporation');
const endedCall = (info: CallState['info']): CallState => ({ status: 'ended', info, startedAt: 0, endedAt: 0 });

function renderLog(props: Partial<LogFormProps> & { person?: Person } = {}) {
  return renderWithSalesforce(
    h,
    <LogForm
      person={props.person ?? ada()}
      conversationId={props.conversationId ?? 'conv-ada-chat'}
      call={props.call ?? null}
      historyCallObjects={props.historyCallObjects === undefined ? new Map() : props.historyCallObjects}
      whatId={props.whatId === undefined ? h.emulator.ids.accounts.globex : props.whatId}
    />,
    { outbox: testOutbox.outbox },
  );
}

const form = () => within(screen.getByRole('region', { name: 'Log this conversation' }));
const subject = () => form().getByRole('textbox', { name: /Subject/ });
const notes = () => form().getByRole('textbox', { name: 'Notes' });
const tasksLogging = (callObject: string) =>
  h.emulator.store.rows('Task').filter((task) => task.values.CallObject === callObject);
/** Today as Salesforce's date-only value, in the agent's time zone. */
const today = () => new Date().toLocaleDateString('sv-SE');

describe('LogForm', () => {
  it('logs a chat: a completed Task on the person and their account, owned by the agent, with the notes', async () => {
    const user = userEvent.setup();
    renderLog();
    expect(subject()).toHaveValue('Chat with Ada Lovelace');
    expect(form().queryByRole('combobox', { name: 'Call type' })).not.toBeInTheDocument();
    await user.type(notes(), 'Asked for the renewal quote.');
    await user.click(form().getByRole('button', { name: 'Log chat' }));
    expect(await form().findByText(SAVED, {}, slow)).toBeInTheDocument();
    expect(tasksLogging('chat:conv-ada-chat')).toHaveLength(1);
    const task = tasksLogging('chat:conv-ada-chat')[0]?.values;
    expect(task).toMatchObject({
      Subject: 'Chat with Ada Lovelace',
      Description: 'Asked for the renewal quote.',
      Status: 'Completed',
      Priority: 'Normal',
      ActivityDate: today(),
      WhoId: h.emulator.ids.contacts.ada,
      WhatId: h.emulator.ids.accounts.globex,
      OwnerId: h.emulator.ids.users.jane,
    });
    expect(task?.Type ?? null).toBeNull();
    expect(task?.CallDurationInSeconds ?? null).toBeNull();
  });

  it('logs a call with its direction, duration and the call id; the agent can change the call type', async () => {
    const user = userEvent.setup();
    renderLog({ call: endedCall({ callId: 'call-77', direction: 'inbound', durationSeconds: 125 }) });
    expect(form().getByText('Call ended: 2:05.')).toBeInTheDocument();
    expect(subject()).toHaveValue('Inbound call with Ada Lovelace');
    const callType = form().getByRole('combobox', { name: 'Call type' });
    expect(callType).toHaveValue('Inbound');
    await user.selectOptions(callType, 'Internal');
    await user.click(form().getByRole('button', { name: 'Log call' }));
    await waitFor(() => expect(tasksLogging('call-77')).toHaveLength(1), slow);
    expect(tasksLogging('call-77')[0]?.values).toMatchObject({
      Subject: 'Inbound call with Ada Lovelace',
      Status: 'Completed',
      Type: 'Call',
      TaskSubtype: 'Call',
      CallType: 'Internal',
      CallDurationInSeconds: 125,
      WhoId: h.emulator.ids.contacts.ada,
    });
  });

  it('a call still going on says so, and its duration is not written', async () => {
    const user = userEvent.setup();
    renderLog({
      call: { status: 'active', info: { callId: 'call-78', direction: 'outbound' }, startedAt: 0, endedAt: null },
    });
    expect(form().getByText('Call in progress (outbound).')).toBeInTheDocument();
    expect(subject()).toHaveValue('Outbound call with Ada Lovelace');
    await user.click(form().getByRole('button', { name: 'Log call' }));
    await waitFor(() => expect(tasksLogging('call-78')).toHaveLength(1), slow);
    expect(tasksLogging('call-78')[0]?.values).toMatchObject({ CallType: 'Outbound', Type: 'Call' });
    expect(tasksLogging('call-78')[0]?.values.CallDurationInSeconds ?? null).toBeNull();
  });

  it('requires a subject: nothing is written without one', async () => {
    const user = userEvent.setup();
    renderLog();
    await user.clear(subject());
    await user.click(form().getByRole('button', { name: 'Log chat' }));
    expect(subject()).toHaveAccessibleDescription('Enter a subject.');
    expect(subject()).toBeInvalid();
    await user.type(subject(), 'Chat about the renewal');
    await user.click(form().getByRole('button', { name: 'Log chat' }));
    await form().findByText(SAVED, {}, slow);
    // One write in all: the one with a subject.
    expect(testOutbox.outbox.getSnapshot()).toHaveLength(1);
    expect(tasksLogging('chat:conv-ada-chat').map((task) => task.values.Subject)).toEqual(['Chat about the renewal']);
  });

  it('logging the same conversation again updates that task, never a second one', async () => {
    const user = userEvent.setup();
    renderLog();
    await user.click(form().getByRole('button', { name: 'Log chat' }));
    await form().findByText(SAVED, {}, slow);
    // The button now says what it does.
    await user.type(notes(), 'Follow-up: sent the quote.');
    await user.click(form().getByRole('button', { name: 'Update log' }));
    await waitFor(
      () => expect(tasksLogging('chat:conv-ada-chat')[0]?.values.Description).toBe('Follow-up: sent the quote.'),
      slow,
    );
    expect(tasksLogging('chat:conv-ada-chat')).toHaveLength(1);
  });

  it('a conversation the history shows as logged updates that task (its date and who stay)', async () => {
    const user = userEvent.setup();
    const id = h.emulator.store.seed('Task', {
      Subject: 'Chat with Ada Lovelace',
      Status: 'Completed',
      ActivityDate: '2026-01-10',
      CallObject: 'chat:conv-ada-chat',
      WhoId: h.emulator.ids.contacts.ada,
      OwnerId: h.emulator.ids.users.jane,
    });
    renderLog({ historyCallObjects: new Map([['chat:conv-ada-chat', id]]) });
    await user.clear(subject());
    await user.type(subject(), 'Chat about the renewal');
    await user.click(form().getByRole('button', { name: 'Update log' }));
    await waitFor(() => expect(h.emulator.store.get(id)?.values.Subject).toBe('Chat about the renewal'), slow);
    expect(h.emulator.store.get(id)?.values).toMatchObject({
      ActivityDate: '2026-01-10',
      WhoId: h.emulator.ids.contacts.ada,
    });
    expect(tasksLogging('chat:conv-ada-chat')).toHaveLength(1);
  });

  it('without the history, an earlier log of this conversation in Salesforce is updated, not doubled', async () => {
    const user = userEvent.setup();
    const id = h.emulator.store.seed('Task', {
      Subject: 'Chat with Ada Lovelace',
      Status: 'Completed',
      CallObject: 'chat:conv-ada-chat',
      WhoId: h.emulator.ids.contacts.ada,
      OwnerId: h.emulator.ids.users.jane,
    });
    renderLog({ historyCallObjects: null });
    await user.type(notes(), 'Logged from a second device.');
    await user.click(form().getByRole('button', { name: 'Log chat' }));
    await waitFor(
      () => expect(h.emulator.store.get(id)?.values.Description).toBe('Logged from a second device.'),
      slow,
    );
    expect(tasksLogging('chat:conv-ada-chat')).toHaveLength(1);
  });

  it('relates a Lead’s log to nobody else; an Account’s to the account itself', async () => {
    const user = userEvent.setup();
    const lead: Person = {
      ...ada(),
      id: h.emulator.ids.leads.sofia,
      sobject: 'Lead',
      type: 'Lead',
      name: 'Sofia Rossi',
    };
    const { unmount } = renderLog({ person: lead, conversationId: 'conv-sofia-chat' });
    await user.click(form().getByRole('button', { name: 'Log chat' }));
    await waitFor(() => expect(tasksLogging('chat:conv-sofia-chat')).toHaveLength(1), slow);
    expect(tasksLogging('chat:conv-sofia-chat')[0]?.values).toMatchObject({ WhoId: h.emulator.ids.leads.sofia });
    expect(tasksLogging('chat:conv-sofia-chat')[0]?.values.WhatId ?? null).toBeNull();
    unmount();

    const globex: Person = {
      ...ada(),
      id: h.emulator.ids.accounts.globex,
      sobject: 'Account',
      type: 'Account',
      name: 'Globex Corporation',
    };
    renderLog({ person: globex, conversationId: 'conv-globex-chat', whatId: null });
    await user.click(form().getByRole('button', { name: 'Log chat' }));
    await waitFor(() => expect(tasksLogging('chat:conv-globex-chat')).toHaveLength(1), slow);
    expect(tasksLogging('chat:conv-globex-chat')[0]?.values).toMatchObject({ WhatId: h.emulator.ids.accounts.globex });
    expect(tasksLogging('chat:conv-globex-chat')[0]?.values.WhoId ?? null).toBeNull();
  });

  it('a refused log keeps what was typed and names the field Salesforce refused', async () => {
    const user = userEvent.setup();
    renderLog();
    await user.type(notes(), 'Customer wants a 3-year term.');
    // Task.Subject holds 255 characters.
    await user.clear(subject());
    await user.click(subject());
    await user.paste('x'.repeat(300));
    await user.click(form().getByRole('button', { name: 'Log chat' }));
    expect(await form().findByText(/Salesforce refused the log: .*data value too large/, {}, slow)).toBeInTheDocument();
    expect(subject()).toHaveAccessibleDescription(/data value too large/);
    expect(notes()).toHaveValue('Customer wants a 3-year term.');
    expect(tasksLogging('chat:conv-ada-chat')).toHaveLength(0);
    // Corrected, it goes through.
    await user.clear(subject());
    await user.type(subject(), 'Chat about the term');
    await user.click(form().getByRole('button', { name: 'Log chat' }));
    await waitFor(() => expect(tasksLogging('chat:conv-ada-chat')).toHaveLength(1), slow);
    expect(tasksLogging('chat:conv-ada-chat')[0]?.values.Description).toBe('Customer wants a 3-year term.');
  });

  it('keeps the draft across a reload until the log is saved, then forgets it', async () => {
    const user = userEvent.setup();
    const first = renderLog();
    await user.clear(subject());
    await user.type(subject(), 'Chat about invoices');
    await user.type(notes(), 'Two invoices are missing.');
    first.unmount();

    const second = renderLog();
    expect(subject()).toHaveValue('Chat about invoices');
    expect(notes()).toHaveValue('Two invoices are missing.');
    await user.click(form().getByRole('button', { name: 'Log chat' }));
    await form().findByText(SAVED, {}, slow);
    second.unmount();

    renderLog();
    expect(subject()).toHaveValue('Chat with Ada Lovelace');
    expect(notes()).toHaveValue('');
  });
});
