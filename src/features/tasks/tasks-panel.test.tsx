import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { setupSalesforceHarness } from '../../../mocks/testing/salesforce-harness';
import { contactPerson } from '../../../mocks/testing/people';
import { setupTestOutbox } from '../../../mocks/testing/test-outbox';
import { renderWithSalesforce } from '../../../mocks/testing/render-with-salesforce';
import { signIn } from '../../../mocks/testing/sign-in';
import type { ActivityRow } from '@/salesforce/api/history';
import { TasksPanel } from './tasks-panel';

const h = setupSalesforceHarness();
const ada = () =>
  contactPerson(h.emulator.ids.contacts.ada, h.emulator.ids.accounts.globex, 'Ada Lovelace', 'Globex Corporation');
/** The outbox's clock: frozen unless a test moves it, so a write in backoff stays there until then. */
let clock = 0;
const testOutbox = setupTestOutbox(h, 'tasks-panel', { now: () => clock });

beforeEach(() => {
  clock = Date.parse('2026-11-29T10:00:00Z');
});

function renderPanel(openTasks: ActivityRow[] = []) {
  return renderWithSalesforce(h, <TasksPanel person={ada()} openTasks={openTasks} />, { outbox: testOutbox.outbox });
}

const slow = { timeout: 5000 };
const tasksWithSubject = (subject: string) =>
  h.emulator.store.rows('Task').filter((task) => task.values.Subject === subject);

async function newTask(user: ReturnType<typeof userEvent.setup>, subject: string) {
  const panel = screen.getByRole('region', { name: 'Tasks' });
  await user.click(within(panel).getByRole('button', { name: 'New task' }));
  const form = await within(panel).findByRole('form', { name: 'New task' }, slow);
  await user.type(within(form).getByLabelText(/Subject/), subject);
  await user.click(within(form).getByRole('button', { name: 'Save task' }));
  return form;
}

describe('TasksPanel', () => {
  it('creates a task for the person, owned by the agent, and closes the form once it landed', async () => {
    const user = userEvent.setup();
    renderPanel();
    const form = await newTask(user, 'Send the renewal quote');
    await waitFor(() => expect(tasksWithSubject('Send the renewal quote')).toHaveLength(1), slow);
    expect(tasksWithSubject('Send the renewal quote')[0]?.values).toMatchObject({
      WhoId: h.emulator.ids.contacts.ada,
      OwnerId: h.emulator.ids.users.jane,
      Status: 'Not Started',
    });
    await waitFor(() => expect(form).not.toBeInTheDocument(), slow);
  });

  it('schedules a call back: a Call task with its due date, time and reminder', async () => {
    const user = userEvent.setup();
    renderPanel();
    const panel = screen.getByRole('region', { name: 'Tasks' });
    await user.click(within(panel).getByRole('button', { name: 'Schedule a call' }));
    const form = await within(panel).findByRole('form', { name: 'Schedule a call' }, slow);
    // The subject comes from the template, the reminder is on.
    expect(within(form).getByLabelText(/Subject/)).toHaveValue('Call back Ada Lovelace');
    expect(within(form).getByRole('checkbox', { name: 'Remind me at that time' })).toBeChecked();
    await user.clear(within(form).getByLabelText('Due date'));
    await user.type(within(form).getByLabelText('Due date'), '2026-12-03');
    await user.clear(within(form).getByLabelText('Time'));
    await user.type(within(form).getByLabelText('Time'), '14:30');
    await user.click(within(form).getByRole('button', { name: 'Save task' }));
    await waitFor(() => expect(tasksWithSubject('Call back Ada Lovelace')).toHaveLength(1), slow);
    expect(tasksWithSubject('Call back Ada Lovelace')[0]?.values).toMatchObject({
      Type: 'Call',
      ActivityDate: '2026-12-03',
      IsReminderSet: true,
      WhoId: h.emulator.ids.contacts.ada,
      OwnerId: h.emulator.ids.users.jane,
    });
    const reminder = tasksWithSubject('Call back Ada Lovelace')[0]?.values.ReminderDateTime;
    expect(new Date(String(reminder)).getTime()).toBe(new Date('2026-12-03T14:30').getTime());
  });

  it('edits an open task and marks it complete, each landing on that task', async () => {
    const user = userEvent.setup();
    const id = h.emulator.store.seed('Task', {
      Subject: 'Prepare demo',
      Status: 'Not Started',
      Priority: 'Normal',
      WhoId: h.emulator.ids.contacts.ada,
      OwnerId: h.emulator.ids.users.jane,
    });
    const row: ActivityRow = {
      id,
      sobject: 'Task',
      kind: 'task',
      subject: 'Prepare demo',
      date: null,
      status: 'Not Started',
      open: true,
      overdue: false,
      priority: 'Normal',
      ownerName: 'Jane Doe',
      whatId: null,
      whatName: null,
      callType: null,
      durationSeconds: null,
      callObject: null,
      callDisposition: null,
      description: null,
      lastModifiedDate: null,
    };
    renderPanel([row]);
    const panel = screen.getByRole('region', { name: 'Tasks' });
    await user.click(within(panel).getByRole('button', { name: 'Edit' }));
    const form = await within(panel).findByRole('form', { name: 'Edit' }, slow);
    expect(within(form).getByLabelText(/Subject/)).toHaveValue('Prepare demo');
    await user.clear(within(form).getByLabelText(/Subject/));
    await user.type(within(form).getByLabelText(/Subject/), 'Prepare the demo for Globex');
    await user.selectOptions(within(form).getByLabelText('Priority'), 'High');
    await user.click(within(form).getByRole('button', { name: 'Save changes' }));
    await waitFor(
      () =>
        expect(h.emulator.store.rows('Task').find((task) => task.values.Id === id)?.values).toMatchObject({
          Subject: 'Prepare the demo for Globex',
          Priority: 'High',
        }),
      slow,
    );
    await waitFor(() => expect(form).not.toBeInTheDocument(), slow);

    await user.click(within(panel).getByRole('button', { name: 'Mark complete' }));
    await waitFor(
      () =>
        expect(h.emulator.store.rows('Task').find((task) => task.values.Id === id)?.values.Status).toBe('Completed'),
      slow,
    );
    expect(
      h.emulator.store.rows('Task').filter((task) => task.values.Subject === 'Prepare the demo for Globex'),
    ).toHaveLength(1);
  });

  it('a task whose write is waiting to retry does not hold back the next one', async () => {
    const user = userEvent.setup();
    renderPanel();
    h.emulator.addFault({
      match: { method: 'POST', path: '/sobjects/Task' },
      count: 1,
      action: 'fail',
      status: 500,
      body: undefined,
    });
    const first = await newTask(user, 'First task');
    // Salesforce failed it: it waits in the outbox for its retry, and the form says so.
    expect(
      await within(first).findByText(/Saved on this device; it goes to Salesforce as soon as it can/, {}, slow),
    ).toBeInTheDocument();
    await user.click(within(first).getByRole('button', { name: 'Close' }));
    await newTask(user, 'Second task');
    await waitFor(() => expect(tasksWithSubject('Second task')).toHaveLength(1), slow);
    expect(tasksWithSubject('First task')).toHaveLength(0);
    // Its retry comes after the backoff, exactly once.
    clock += 60_000;
    await testOutbox.outbox.flush();
    await waitFor(() => expect(tasksWithSubject('First task')).toHaveLength(1), slow);
  });

  it('two users in one frame never see each other’s cached results: what a task can relate to is read for each', async () => {
    const user = userEvent.setup();
    renderPanel();
    const panel = screen.getByRole('region', { name: 'Tasks' });
    const relatedTo = async () => {
      await user.click(within(panel).getByRole('button', { name: 'New task' }));
      const form = await within(panel).findByRole('form', { name: 'New task' }, slow);
      const select = within(form).getByRole('combobox', { name: 'Related to' });
      await waitFor(() => expect(within(select).getAllByRole('option').length).toBeGreaterThan(2), slow);
      const options = within(select)
        .getAllByRole('option')
        .map((option) => option.textContent);
      await user.click(within(form).getByRole('button', { name: 'Cancel' }));
      return options;
    };
    const jane = await relatedTo();
    expect(jane).toContain('Opportunity: Globex – Platform renewal 2027');
    // A deal only the next user's read can know of: Jane's answer is still fresh in this frame's cache.
    h.emulator.store.seed('Opportunity', {
      Name: 'Globex – Headsets for the new site',
      AccountId: h.emulator.ids.accounts.globex,
      StageName: 'Prospecting',
      CloseDate: '2026-12-31',
      OwnerId: h.emulator.ids.users.marco,
    });
    await act(() => signIn(h.session, localStorage, { user: h.emulator.ids.users.marco }));
    await waitFor(() => expect(h.session.store.getState().session?.userId).toBe(h.emulator.ids.users.marco));
    const marco = await relatedTo();
    expect(marco).toContain('Opportunity: Globex – Headsets for the new site');
    expect(jane).not.toContain('Opportunity: Globex – Headsets for the new site');
  });
});
