import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { setFieldAccess } from '../../../mocks/salesforce/controls';
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

/** The form with Ada's defaults (a chat, an empty history, related to her account), for render and rerender. */
function logForm(props: Partial<LogFormProps> = {}) {
  return (
    <LogForm
      person={props.person ?? ada()}
      conversationId={props.conversationId ?? 'conv-ada-chat'}
      call={props.call ?? null}
      historyLogs={props.historyLogs === undefined ? new Map() : props.historyLogs}
      whatId={props.whatId === undefined ? h.emulator.ids.accounts.globex : props.whatId}
    />
  );
}

function renderLog(props: Partial<LogFormProps> = {}) {
  return renderWithSalesforce(h, logForm(props), { outbox: testOutbox.outbox });
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
    renderLog({
      historyLogs: new Map([
        ['chat:conv-ada-chat', { id, subject: 'Chat with Ada Lovelace', description: 'Wants the renewal quote.' }],
      ]),
    });
    // The saved notes are there to edit, not an empty box that would replace them.
    expect(notes()).toHaveValue('Wants the renewal quote.');
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
    renderLog({ historyLogs: null });
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

  it('keeps the draft across a reload until the log is saved; after it, the form shows what was saved', async () => {
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

    // Reopened: no draft, and the saved log to edit (its notes are not lost by logging again).
    renderLog();
    expect(subject()).toHaveValue('Chat about invoices');
    expect(notes()).toHaveValue('Two invoices are missing.');
    await user.type(notes(), ' One found.');
    h.requests.length = 0;
    await user.click(form().getByRole('button', { name: 'Update log' }));
    await waitFor(
      () =>
        expect(tasksLogging('chat:conv-ada-chat')[0]?.values.Description).toBe('Two invoices are missing. One found.'),
      slow,
    );
    expect(tasksLogging('chat:conv-ada-chat')).toHaveLength(1);
    // The update is one request.
    expect(h.requests.filter((r) => r.method !== 'GET')).toHaveLength(1);
  });

  it('a call told after the panel opened is logged as a call, with its subject and kind', async () => {
    const user = userEvent.setup();
    const view = renderLog({ conversationId: 'conv-ada-call' });
    expect(subject()).toHaveValue('Chat with Ada Lovelace');
    await user.type(notes(), 'Typed before x-bees said it is a call.');
    view.rerender(
      logForm({
        conversationId: 'conv-ada-call',
        call: endedCall({ callId: 'call-90', direction: 'outbound', durationSeconds: 42 }),
      }),
    );
    expect(subject()).toHaveValue('Outbound call with Ada Lovelace');
    expect(notes()).toHaveValue('Typed before x-bees said it is a call.');
    await user.click(form().getByRole('button', { name: 'Log call' }));
    await waitFor(() => expect(tasksLogging('call-90')).toHaveLength(1), slow);
    expect(tasksLogging('call-90')[0]?.values).toMatchObject({
      Subject: 'Outbound call with Ada Lovelace',
      TaskSubtype: 'Call',
      CallType: 'Outbound',
      Description: 'Typed before x-bees said it is a call.',
    });
  });

  it('the subject and who follow the person the agent picks on a shared number', async () => {
    const user = userEvent.setup();
    const grace = () =>
      contactPerson(
        h.emulator.ids.contacts.grace,
        h.emulator.ids.accounts.globex,
        'Grace Hopper',
        'Globex Corporation',
      );
    const view = renderLog({ conversationId: 'conv-main-line' });
    expect(subject()).toHaveValue('Chat with Ada Lovelace');
    view.rerender(logForm({ person: grace(), conversationId: 'conv-main-line' }));
    expect(subject()).toHaveValue('Chat with Grace Hopper');
    await user.click(form().getByRole('button', { name: 'Log chat' }));
    await waitFor(() => expect(tasksLogging('chat:conv-main-line')).toHaveLength(1), slow);
    expect(tasksLogging('chat:conv-main-line')[0]?.values).toMatchObject({
      Subject: 'Chat with Grace Hopper',
      WhoId: h.emulator.ids.contacts.grace,
    });
  });

  it('a call gets its result (CallDisposition) and what it relates to: the account, or an open opportunity', async () => {
    const user = userEvent.setup();
    renderLog({ call: endedCall({ callId: 'call-91', direction: 'inbound', durationSeconds: 60 }) });
    const related = form().getByRole('combobox', { name: 'Related to' });
    expect(related).toHaveValue(h.emulator.ids.accounts.globex);
    expect(within(related).getByRole('option', { selected: true })).toHaveTextContent('Account: Globex Corporation');
    // Opening the panel reads nothing for this field; going to it reads the account's open deals and cases.
    expect(h.requests).toHaveLength(0);
    await user.click(related);
    await waitFor(
      () => expect(within(related).getAllByRole('option', { name: /^Opportunity: / }).length).toBeGreaterThan(0),
      slow,
    );
    const opportunity = within(related).getAllByRole('option', { name: /^Opportunity: / })[0];
    await user.selectOptions(related, opportunity?.getAttribute('value') ?? '');
    await user.type(form().getByRole('textbox', { name: 'Call result' }), 'Quote requested');
    await user.click(form().getByRole('button', { name: 'Log call' }));
    await waitFor(() => expect(tasksLogging('call-91')).toHaveLength(1), slow);
    expect(tasksLogging('call-91')[0]?.values).toMatchObject({
      CallDisposition: 'Quote requested',
      WhatId: opportunity?.getAttribute('value'),
      WhoId: h.emulator.ids.contacts.ada,
    });
  });

  it('a chat has no call result; a Lead has no “Related to”', () => {
    const view = renderLog();
    expect(form().queryByRole('textbox', { name: 'Call result' })).not.toBeInTheDocument();
    expect(form().getByRole('combobox', { name: 'Related to' })).toBeInTheDocument();
    view.unmount();
    renderLog({
      person: { ...ada(), id: h.emulator.ids.leads.sofia, sobject: 'Lead', type: 'Lead', name: 'Sofia Rossi' },
      conversationId: 'conv-sofia-chat',
      whatId: null,
    });
    expect(form().queryByRole('combobox', { name: 'Related to' })).not.toBeInTheDocument();
  });

  it('a second call in the conversation is a log of its own: nothing of the first carries over', async () => {
    const user = userEvent.setup();
    const log = (callId: string) =>
      logForm({
        conversationId: 'conv-ada-two-calls',
        call: endedCall({ callId, direction: 'inbound', durationSeconds: 30 }),
      });
    const view = renderLog({ conversationId: 'conv-ada-two-calls' });
    view.rerender(log('call-first'));
    await user.type(notes(), 'First call: asked for a quote.');
    await user.type(form().getByRole('textbox', { name: 'Call result' }), 'Quote requested');
    await user.click(form().getByRole('button', { name: 'Log call' }));
    await form().findByText(SAVED, {}, slow);
    view.rerender(log('call-second'));
    expect(notes()).toHaveValue('');
    expect(form().getByRole('textbox', { name: 'Call result' })).toHaveValue('');
    expect(form().queryByText(SAVED)).not.toBeInTheDocument();
    await user.click(form().getByRole('button', { name: 'Log call' }));
    await waitFor(() => expect(tasksLogging('call-second')).toHaveLength(1), slow);
    expect(tasksLogging('call-first')[0]?.values).toMatchObject({ Description: 'First call: asked for a quote.' });
    expect(tasksLogging('call-second')[0]?.values.Description ?? null).toBeNull();
    expect(tasksLogging('call-second')[0]?.values.CallDisposition ?? null).toBeNull();
  });

  it('without edit access to Call Result, the field is not offered and the log still lands', async () => {
    const user = userEvent.setup();
    setFieldAccess(h.emulator, 'Task', 'CallDisposition', 'read');
    await h.describes.get('Task');
    renderLog({ call: endedCall({ callId: 'call-92', direction: 'inbound', durationSeconds: 30 }) });
    expect(form().queryByRole('textbox', { name: 'Call result' })).not.toBeInTheDocument();
    await user.click(form().getByRole('button', { name: 'Log call' }));
    await waitFor(() => expect(tasksLogging('call-92')).toHaveLength(1), slow);
  });

  it('logging again when the history is not there keeps what Salesforce has and the form does not', async () => {
    const user = userEvent.setup();
    const id = h.emulator.store.seed('Task', {
      Subject: 'Chat with Ada Lovelace',
      Status: 'Completed',
      Description: 'Notes from the other device.',
      CallObject: 'chat:conv-ada-chat',
      WhoId: h.emulator.ids.contacts.ada,
      OwnerId: h.emulator.ids.users.jane,
    });
    renderLog({ historyLogs: null });
    await user.click(form().getByRole('button', { name: 'Log chat' }));
    await waitFor(() => expect(h.emulator.store.get(id)?.values.Status).toBe('Completed'), slow);
    await form().findByText(SAVED, {}, slow);
    expect(h.emulator.store.get(id)?.values.Description).toBe('Notes from the other device.');
    expect(tasksLogging('chat:conv-ada-chat')).toHaveLength(1);
  });
});
