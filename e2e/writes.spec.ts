import type { FrameLocator } from '@playwright/test';
import { ORG_ORIGIN } from './environment';
import { expect, expectAccessible, signedIn, test, type HostPage } from './fixtures';

async function openAda(host: HostPage, conversationId: string): Promise<FrameLocator> {
  await host.setContext({ contact: { phone: '+14155550142', name: 'Ada Lovelace' }, conversationId });
  expect(await host.waitForReady('info-frame')).toBe(true);
  await expect(host.infoFrame.getByRole('article', { name: 'Ada Lovelace' })).toBeVisible();
  return host.infoFrame;
}

/** Creates a task through the form; with `moveOn`, closes the form while the write is still on its way. */
async function createTask(frame: FrameLocator, subject: string, options: { moveOn?: boolean } = {}): Promise<void> {
  const tasks = frame.getByRole('region', { name: 'Tasks' });
  await tasks.getByRole('button', { name: 'New task' }).click();
  const form = tasks.getByRole('form', { name: 'New task' });
  await form.getByLabel('Subject').fill(subject);
  // Enter in the field submits the form, as for a keyboard user; it doesn't depend on where the host has
  // scrolled the panel.
  await form.getByLabel('Subject').press('Enter');
  if (options.moveOn) {
    // The write is safe in the outbox: move on while it is still on its way (unless it already landed and
    // closed the form).
    await form
      .getByRole('button', { name: 'Close' })
      .press('Enter', { timeout: 2000 })
      .catch(() => undefined);
    await expect(form).toHaveCount(0, { timeout: 15_000 });
  }
}

const outbox = (frame: FrameLocator) => frame.getByRole('region', { name: 'Saving to Salesforce' });

test.describe('writes land exactly once', () => {
  test.beforeEach(async ({ host }) => {
    await signedIn(host);
  });

  test('20 tasks and logs through dropped, failed, committed-then-failed and expired-session writes', async ({
    host,
    org,
  }) => {
    test.setTimeout(150_000);
    const faults = [
      { action: 'drop' },
      { action: 'fail', status: 500 },
      { action: 'commit-then-fail', status: 500 },
      { action: 'commit-then-drop' },
      { action: '401' },
    ] as const;
    const subjects: string[] = [];
    let frame = await openAda(host, 'conv-e2e-writes-0');
    for (let i = 0; i < 20; i++) {
      const fault = faults[i % faults.length] ?? faults[0];
      if (fault.action === '401') await org.expireAccessTokens();
      else await org.fault({ match: { method: 'POST', path: '/sobjects/Task' }, count: 1, ...fault });
      if (i % 4 === 3) {
        // Every fourth write is a call log, for a conversation of its own.
        frame = await openAda(host, `conv-e2e-writes-${String(i)}`);
        await host.page.evaluate(() => window.xbeesHost?.callStarted({ direction: 'inbound' }));
        await host.page.evaluate(() => window.xbeesHost?.callEnded({ durationSeconds: 42 }));
        const log = frame.getByRole('region', { name: 'Log this conversation' });
        const subject = `E2E log ${String(i)}`;
        await log.getByLabel('Subject').fill(subject);
        await log.getByRole('button', { name: 'Log call' }).click();
        subjects.push(subject);
      } else {
        const subject = `E2E task ${String(i)}`;
        await createTask(frame, subject, { moveOn: true });
        subjects.push(subject);
      }
    }
    await expect
      .poll(
        async () => {
          const tasks = await org.records('Task');
          return subjects.filter((subject) => tasks.some((t) => t.Subject === subject)).length;
        },
        { timeout: 90_000, intervals: [1000] },
      )
      .toBe(20);
    const tasks = await org.records('Task');
    if (process.env.E2E_DEBUG) {
      const entries = (await org.log()).filter(
        (e) => e.path.includes('/sobjects/Task') || e.path.includes('CreatedById'),
      );
      console.log(
        JSON.stringify(
          entries.map((e) => [e.method, e.path.slice(0, 60), e.status, (e as { fault?: string }).fault ?? '']),
        ),
      );
      console.log(
        JSON.stringify(tasks.filter((t) => String(t.Subject).startsWith('E2E')).map((t) => [t.Subject, t.CreatedDate])),
      );
    }
    const landed = subjects.map((subject) => tasks.filter((t) => t.Subject === subject).length);
    // Attempted 20, landed 20, duplicates 0, lost 0.
    expect(Object.fromEntries(subjects.map((s, i) => [s, landed[i]]))).toEqual(
      Object.fromEntries(subjects.map((s) => [s, 1])),
    );
    const logs = tasks.filter((t) => typeof t.Subject === 'string' && t.Subject.startsWith('E2E log'));
    for (const log of logs)
      expect(log).toMatchObject({
        TaskSubtype: 'Call',
        CallType: 'Inbound',
        CallDurationInSeconds: 42,
        Status: 'Completed',
      });
  });

  test('the call type comes from x-bees, and the agent can log a call with a colleague as Internal', async ({
    host,
    org,
  }) => {
    const frame = await openAda(host, 'conv-e2e-internal');
    await host.page.evaluate(() => window.xbeesHost?.callStarted({ direction: 'outbound' }));
    await host.page.evaluate(() => window.xbeesHost?.callEnded({ durationSeconds: 30 }));
    const log = frame.getByRole('region', { name: 'Log this conversation' });
    // The panel opened before the call: the log follows the call x-bees told, not the chat it assumed.
    await expect(log.getByLabel('Subject')).toHaveValue('Outbound call with Ada Lovelace');
    const type = log.getByRole('combobox', { name: 'Call type' });
    await expect(type).toHaveValue('Outbound');
    await type.selectOption('Internal');
    await log.getByRole('button', { name: 'Log call' }).press('Enter');
    await expect(log.getByRole('status')).toHaveText(/Logged in Salesforce/);
    await expect
      .poll(async () =>
        (await org.records('Task'))
          .filter((t) => t.TaskSubtype === 'Call' && t.CallDurationInSeconds === 30)
          .map((t) => t.CallType),
      )
      .toEqual(['Internal']);
    // The history shows it as a call.
    const history = frame.getByRole('region', { name: 'Activity' });
    const logged = history.getByRole('listitem').filter({ hasText: 'Outbound call with Ada Lovelace' });
    await expect(logged.getByText(/^Call · /)).toBeVisible();
    // Opened again after the call, the panel still logs that call: the saved log, not a new chat log.
    await host.page.evaluate(() => window.xbeesHost?.reloadInfoFrame());
    await expect(log.getByRole('button', { name: 'Update log' })).toBeVisible();
    await expect(log.getByLabel('Subject')).toHaveValue('Outbound call with Ada Lovelace');
  });

  test('a second log of the same conversation updates the first', async ({ host, org }) => {
    const frame = await openAda(host, 'conv-e2e-relog');
    const log = frame.getByRole('region', { name: 'Log this conversation' });
    await log.getByLabel('Notes').fill('First notes');
    await log.getByRole('button', { name: 'Log chat' }).click();
    await expect(log.getByRole('status')).toHaveText(/Logged in Salesforce/);
    await log.getByLabel('Notes').fill('Better notes');
    await log.getByRole('button', { name: 'Update log' }).click();
    await expect
      .poll(async () =>
        (await org.records('Task')).filter((t) => t.CallObject === 'chat:conv-e2e-relog').map((t) => t.Description),
      )
      .toEqual(['Better notes']);
    await expectAccessible(host.page, 'logged');
    // x-bees opens the panel anew: the log to edit is there with its notes, and logging again keeps them.
    await host.page.evaluate(() => window.xbeesHost?.reloadInfoFrame());
    await expect(log.getByLabel('Notes')).toHaveValue('Better notes');
    await log.getByLabel('Notes').fill('Better notes. Quote sent.');
    await log.getByRole('button', { name: 'Update log' }).click();
    await expect
      .poll(async () =>
        (await org.records('Task')).filter((t) => t.CallObject === 'chat:conv-e2e-relog').map((t) => t.Description),
      )
      .toEqual(['Better notes. Quote sent.']);
  });

  test('a write pending at reload lands after the reload', async ({ host, org, page }) => {
    const frame = await openAda(host, 'conv-e2e-reload');
    await org.fault({ match: { method: 'POST', path: '/sobjects/Task' }, count: 50, action: 'fail', status: 503 });
    await createTask(frame, 'Survives a reload');
    await expect(outbox(frame).getByText('Survives a reload')).toBeVisible();
    await expect(outbox(frame).getByText(/Waiting to be sent|Sending/)).toBeVisible();
    await expectAccessible(host.page, 'pending write');
    await page.request.delete(`${ORG_ORIGIN}/__emulator/faults`);
    await page.reload();
    await expect
      .poll(async () => (await org.records('Task')).filter((t) => t.Subject === 'Survives a reload').length, {
        timeout: 20_000,
      })
      .toBe(1);
  });

  test('a validation error names the field and keeps what was typed', async ({ host, org }) => {
    const frame = await openAda(host, 'conv-e2e-validation');
    const tasks = frame.getByRole('region', { name: 'Tasks' });
    await tasks.getByRole('button', { name: 'New task' }).click();
    const form = tasks.getByRole('form', { name: 'New task' });
    const subject = `Too long ${'x'.repeat(300)}`;
    await form.getByLabel('Subject').fill(subject);
    await form.getByLabel('Comments').fill('Keep me');
    await form.getByRole('button', { name: 'Save task' }).click();
    await expect(form.getByText(/Salesforce: Subject: data value too large/)).toBeVisible();
    await expect(form.getByLabel('Subject')).toHaveValue(subject);
    await expect(form.getByLabel('Comments')).toHaveValue('Keep me');
    await expectAccessible(host.page, 'validation error');
    expect((await org.records('Task')).filter((t) => t.Description === 'Keep me')).toHaveLength(0);
  });
});
