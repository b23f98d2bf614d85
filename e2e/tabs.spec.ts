/**
 * The Opportunity and Case tabs of the info frame (setup guide: "Enable Opportunity tab", "Enable Cases
 * tab"): which tabs show and why not, tying records to the conversation, and every write landing once.
 * When either shows, the panel is a tab list named "Deals and cases" (tabs "Person", "Opportunities",
 * "Cases"); the footer has a line for each absent one.
 *
 * Buttons are pressed with Enter, as a keyboard user does: a click can miss while the host page is still
 * laying out the frame, a key press on the focused control can't.
 */
import type { FrameLocator, Locator } from '@playwright/test';
import { expect, expectAccessible, signedIn, test, type HostPage, type OrgControl } from './fixtures';

const ADA = { phone: '+14155550142', name: 'Ada Lovelace' };

async function open(
  host: HostPage,
  contact: { phone?: string; email?: string; name?: string },
  conversationId: string,
): Promise<FrameLocator> {
  await host.setContext({ contact, conversationId });
  expect(await host.waitForReady('info-frame')).toBe(true);
  return host.infoFrame;
}

async function reload(host: HostPage): Promise<FrameLocator> {
  await host.page.evaluate(() => window.xbeesHost?.reloadInfoFrame());
  expect(await host.waitForReady('info-frame')).toBe(true);
  return host.infoFrame;
}

/** A write lands through the outbox (and a cold panel loads it first): give it time. */
const landed = { timeout: 15_000 };

const tabList = (frame: FrameLocator) => frame.getByRole('tablist', { name: 'Deals and cases' });

/** Selects a tab and returns its panel. */
async function tab(frame: FrameLocator, name: 'Opportunities' | 'Cases'): Promise<Locator> {
  const button = tabList(frame).getByRole('tab', { name, exact: true });
  await button.press('Enter');
  await expect(button).toHaveAttribute('aria-selected', 'true');
  return frame.getByRole('tabpanel', { name, exact: true });
}

/** A record's entry in a tab's list, found by its name button. */
function entry(frame: FrameLocator, panel: Locator, name: string): Locator {
  return panel.getByRole('listitem').filter({ has: frame.getByRole('button', { name, exact: true }) });
}

async function ids(org: OrgControl) {
  const { ids: all } = await org.state();
  const need = (group: string, key: string) => {
    const value = all[group]?.[key];
    if (!value) throw new Error(`no seeded ${group}.${key}`);
    return value;
  };
  return { need };
}

const tiedTo = async (org: OrgControl, type: string, conversationId: string) =>
  (await org.records(type)).filter((r) => r.conversationId__c === conversationId);

test.describe('Opportunity and Case tabs', () => {
  test('a Contact whose account has open deals and cases gets both tabs; a Lead gets neither, and the footer says why', async ({
    host,
  }) => {
    await signedIn(host);
    let frame = await open(host, ADA, 'conv-e2e-tabs-both');
    await expect(tabList(frame).getByRole('tab')).toHaveText(['Person', 'Opportunities', 'Cases']);
    const opportunities = await tab(frame, 'Opportunities');
    await expect(
      opportunities.getByRole('button', { name: 'Globex – Platform renewal 2027', exact: true }),
    ).toBeVisible();
    await expect(
      opportunities.getByRole('button', { name: 'Globex – Contact center expansion', exact: true }),
    ).toBeVisible();
    await expectAccessible(host.page, 'opportunity tab');
    // Keyboard: the arrow key moves to the Cases tab.
    await tabList(frame).getByRole('tab', { name: 'Opportunities' }).press('ArrowRight');
    await expect(tabList(frame).getByRole('tab', { name: 'Cases' })).toBeFocused();
    const cases = frame.getByRole('tabpanel', { name: 'Cases' });
    await expect(cases.getByRole('button', { name: /Calls drop after 30 seconds/ })).toBeVisible();
    await expectAccessible(host.page, 'case tab');

    frame = await open(host, { phone: '+390212345678', name: 'Sofia Rossi' }, 'conv-e2e-tabs-lead');
    await expect(frame.getByRole('article', { name: 'Sofia Rossi' })).toBeVisible();
    await expect(
      frame.getByText('Opportunity tab: shown only for Contacts, Accounts and Person Accounts', { exact: false }),
    ).toBeVisible();
    await expect(
      frame.getByText('Case tab: shown only for Contacts, Accounts and Person Accounts', { exact: false }),
    ).toBeVisible();
    await expect(frame.getByRole('tab')).toHaveCount(0);
    await expectAccessible(host.page, 'lead: no tabs');
  });

  test('tying an opportunity survives a reload; tying another moves the tie', async ({ host, org }) => {
    await signedIn(host);
    const { need } = await ids(org);
    let frame = await open(host, ADA, 'conv-e2e-tie');
    let panel = await tab(frame, 'Opportunities');
    await entry(frame, panel, 'Globex – Contact center expansion')
      .getByRole('button', { name: 'Tie to this conversation' })
      .press('Enter');
    await expect(
      entry(frame, panel, 'Globex – Contact center expansion').getByText('Tied to this conversation'),
    ).toBeVisible(landed);
    await expect
      .poll(async () => (await tiedTo(org, 'Opportunity', 'conv-e2e-tie')).map((r) => r.Id), landed)
      .toEqual([need('opportunities', 'globexExpansion')]);
    await expectAccessible(host.page, 'tied opportunity');

    frame = await reload(host);
    panel = await tab(frame, 'Opportunities');
    // The tied opportunity comes first, marked.
    await expect(
      panel
        .getByRole('listitem')
        .first()
        .getByRole('button', { name: 'Globex – Contact center expansion', exact: true }),
    ).toBeVisible();
    await expect(
      entry(frame, panel, 'Globex – Contact center expansion').getByText('Tied to this conversation'),
    ).toBeVisible();

    await entry(frame, panel, 'Globex – Platform renewal 2027')
      .getByRole('button', { name: 'Tie to this conversation' })
      .press('Enter');
    await expect
      .poll(async () => (await tiedTo(org, 'Opportunity', 'conv-e2e-tie')).map((r) => r.Id), landed)
      .toEqual([need('opportunities', 'globexRenewal')]);
    const expansion = (await org.records('Opportunity')).find((r) => r.Id === need('opportunities', 'globexExpansion'));
    expect(expansion?.conversationId__c ?? null).toBeNull();
    await expect(
      entry(frame, panel, 'Globex – Platform renewal 2027').getByText('Tied to this conversation'),
    ).toBeVisible(landed);
  });

  test('only closed deals: no Opportunity tab, until one of them carries this conversation', async ({ host, org }) => {
    await signedIn(host);
    const { need } = await ids(org);
    let frame = await open(host, { phone: '+49891234567', name: 'Jürgen Müller' }, 'conv-e2e-mueller');
    // The number matches the Contact and the Account: take the Contact.
    const picker = frame.getByRole('group', { name: /people in Salesforce match/ });
    await expect(picker).toBeVisible();
    await picker.getByText('Jürgen Müller', { exact: true }).click();
    await expect(frame.getByRole('article', { name: 'Jürgen Müller' })).toBeVisible();
    await expect(
      frame.getByText(
        'Opportunity tab: this account has no open opportunities, and none is tied to this conversation.',
      ),
    ).toBeVisible();
    await expect(frame.getByRole('tab', { name: 'Opportunities' })).toHaveCount(0);
    await expectAccessible(host.page, 'closed deals only');

    await org.patchRecord(need('opportunities', 'muellerWon'), { conversationId__c: 'conv-e2e-mueller' });
    frame = await reload(host);
    const panel = await tab(frame, 'Opportunities');
    await expect(
      entry(frame, panel, 'Müller – Telefonie Maschinenpark').getByText('Tied to this conversation'),
    ).toBeVisible();
    await expect(frame.getByText('Opportunity tab:', { exact: false })).toHaveCount(0);
  });

  test('stage, summary, note and task on an opportunity each land once', async ({ host, org }) => {
    await signedIn(host);
    const { need } = await ids(org);
    const renewalId = need('opportunities', 'globexRenewal');
    const frame = await open(host, ADA, 'conv-globex-renewal');
    const panel = await tab(frame, 'Opportunities');
    const details = panel.getByRole('region', { name: 'Globex – Platform renewal 2027' });

    // Stage: a closing stage asks first.
    const path = details.getByRole('listbox', { name: 'Stages of Globex – Platform renewal 2027' });
    await expect(path.getByRole('option', { selected: true })).toHaveText('Negotiation/Review');
    // Selection follows the focus along the path.
    await path.getByRole('option', { name: 'Closed Won' }).focus();
    await details.getByRole('button', { name: 'Mark as current stage' }).press('Enter');
    const dialog = frame.getByRole('alertdialog', { name: 'Move to Closed Won?' });
    await expect(dialog).toBeVisible();
    await expectAccessible(host.page, 'closing stage confirmation');
    await dialog.getByRole('button', { name: 'Move to Closed Won' }).press('Enter');
    await expect(details.getByText('Current stage: Closed Won · Probability 100 % · Forecast Closed')).toBeVisible(
      landed,
    );
    const renewal = async () => (await org.records('Opportunity')).find((r) => r.Id === renewalId);
    expect(await renewal()).toMatchObject({
      StageName: 'Closed Won',
      Probability: 100,
      ForecastCategoryName: 'Closed',
    });

    // Summary.
    await details.getByRole('button', { name: 'Edit summary' }).press('Enter');
    await details.getByRole('textbox', { name: 'Summary', exact: true }).fill('Signed. PO expected next week.');
    await details.getByRole('button', { name: 'Save summary' }).press('Enter');
    await expect(details.getByRole('button', { name: 'Edit summary' })).toBeVisible(landed);
    await expect(details.getByText('Signed. PO expected next week.')).toBeVisible();
    expect((await renewal())?.Description).toBe('Signed. PO expected next week.');

    // Note.
    await details.getByRole('button', { name: 'New note' }).press('Enter');
    const noteForm = details.getByRole('form', { name: 'New note' });
    await noteForm.getByRole('textbox', { name: /Title/ }).fill('E2E pricing call');
    await noteForm
      .getByRole('textbox', { name: 'Note', exact: true })
      .fill('Asked for <10%> & a longer term\nCall back Friday');
    await noteForm.getByRole('button', { name: 'Add note' }).press('Enter');
    await expect(details.getByRole('list', { name: 'Notes' }).getByText('E2E pricing call')).toBeVisible(landed);
    const notes = (await org.records('ContentNote')).filter((r) => r.Title === 'E2E pricing call');
    expect(notes).toHaveLength(1);
    const links = (await org.records('ContentDocumentLink')).filter((r) => r.ContentDocumentId === notes[0]?.Id);
    expect(links.map((r) => r.LinkedEntityId)).toEqual([renewalId]);

    // Task, through the panel's task form.
    await details.getByRole('button', { name: 'New task' }).press('Enter');
    const taskForm = details.getByRole('form', { name: 'New task' });
    await taskForm.getByLabel('Subject').fill('E2E send the contract');
    await taskForm.getByLabel('Subject').press('Enter');
    await expect(details.getByRole('list', { name: 'Open tasks' }).getByText('E2E send the contract')).toBeVisible(
      landed,
    );
    const tasks = (await org.records('Task')).filter((r) => r.Subject === 'E2E send the contract');
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ WhatId: renewalId, WhoId: need('contacts', 'ada') });
    await expectAccessible(host.page, 'opportunity details after writes');
  });

  test('a failed save keeps the typed summary and lands after the retry', async ({ host, org }) => {
    await signedIn(host);
    const { need } = await ids(org);
    const frame = await open(host, ADA, 'conv-e2e-summary-fault');
    const panel = await tab(frame, 'Opportunities');
    const details = panel.getByRole('region', { name: 'Globex – Platform renewal 2027' });
    await org.fault({ match: { method: 'PATCH', path: '/sobjects/Opportunity' }, action: 'fail', status: 500 });
    await details.getByRole('button', { name: 'Edit summary' }).press('Enter');
    await details.getByRole('textbox', { name: 'Summary', exact: true }).fill('Typed before the outage.');
    await details.getByRole('button', { name: 'Save summary' }).press('Enter');
    await expect(details.getByText(/Not saved yet/)).toBeVisible();
    await expect(details.getByRole('textbox', { name: 'Summary', exact: true })).toHaveValue(
      'Typed before the outage.',
    );
    await expectAccessible(host.page, 'summary waiting for a retry');
    await expect(details.getByRole('button', { name: 'Edit summary' })).toBeVisible({ timeout: 15_000 });
    await expect(details.getByText('Typed before the outage.')).toBeVisible();
    const renewal = (await org.records('Opportunity')).find((r) => r.Id === need('opportunities', 'globexRenewal'));
    expect(renewal?.Description).toBe('Typed before the outage.');
    const patches = (await org.log()).filter(
      (entry) => entry.method === 'PATCH' && entry.path.includes(need('opportunities', 'globexRenewal')),
    );
    expect(patches.map((entry) => entry.status)).toEqual([500, 204]);
  });

  test('on a case: change the status, add a comment, create a new case tied to the conversation', async ({
    host,
    org,
  }) => {
    await signedIn(host);
    const { need } = await ids(org);
    const outageId = need('cases', 'globexOutage');
    const frame = await open(
      host,
      { email: 'grace.hopper@globex.example', name: 'Grace Hopper' },
      'conv-globex-outage',
    );
    const panel = await tab(frame, 'Cases');
    const details = panel.getByRole('region', { name: /Calls drop after 30 seconds/ });

    await details.getByRole('combobox', { name: 'Status', exact: true }).selectOption('Escalated');
    await details.getByRole('button', { name: 'Save changes' }).press('Enter');
    await expect
      .poll(async () => (await org.records('Case')).find((r) => r.Id === outageId)?.Status, landed)
      .toBe('Escalated');
    await details.getByRole('combobox', { name: 'Status', exact: true }).selectOption('Closed');
    await details.getByRole('button', { name: 'Save changes' }).press('Enter');
    const dialog = frame.getByRole('alertdialog', { name: /^Close case / });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Cancel' }).press('Enter');
    await expect(dialog).toHaveCount(0);
    expect((await org.records('Case')).find((r) => r.Id === outageId)?.Status).toBe('Escalated');

    const comment = details.getByRole('form', { name: 'New comment' });
    await comment.getByRole('textbox', { name: 'New comment' }).fill('E2E: customer confirms the fix.');
    await comment.getByRole('button', { name: 'Add comment' }).press('Enter');
    await expect(
      details.getByRole('list', { name: 'Comments' }).getByText('E2E: customer confirms the fix.'),
    ).toBeVisible(landed);
    expect(
      (await org.records('CaseComment')).filter((r) => r.CommentBody === 'E2E: customer confirms the fix.'),
    ).toHaveLength(1);
    await expectAccessible(host.page, 'case details');

    await panel.getByRole('button', { name: 'New case' }).press('Enter');
    const form = panel.getByRole('form', { name: 'New case from this conversation' });
    await expect(form).toContainText('Origin: Chat');
    await form.getByRole('textbox', { name: /Subject/ }).fill('E2E: headset echo');
    await form.getByRole('textbox', { name: 'Description', exact: true }).fill('Echo on the new headsets.');
    await form.getByRole('button', { name: 'Create case' }).press('Enter');
    await expect(
      panel
        .getByRole('listitem')
        .first()
        .getByRole('button', { name: /E2E: headset echo/ }),
    ).toBeVisible(landed);
    const tied = await tiedTo(org, 'Case', 'conv-globex-outage');
    expect(tied).toHaveLength(1);
    expect(tied[0]).toMatchObject({
      Subject: 'E2E: headset echo',
      Origin: 'Chat',
      ContactId: need('contacts', 'grace'),
      AccountId: need('accounts', 'globex'),
    });
    expect((await org.records('Case')).find((r) => r.Id === outageId)?.conversationId__c ?? null).toBeNull();
  });

  test('conversationId removed from Case: no Case tab, and the footer names the missing field', async ({
    host,
    org,
  }) => {
    // Before sign-in: the app reads the describes once per session.
    await org.fieldAccess('Case', 'conversationId__c', 'none');
    await signedIn(host);
    const frame = await open(host, ADA, 'conv-e2e-no-field');
    await expect(tabList(frame).getByRole('tab')).toHaveText(['Person', 'Opportunities']);
    await expect(
      frame.getByText(
        'Case tab: the field conversationId is missing on Case (or hidden from your profile), see the setup guide, "Enable Cases tab".',
      ),
    ).toBeVisible();
    await expectAccessible(host.page, 'case field missing');
  });
});

test.describe('dark theme', () => {
  test('the signed-in panel, its tabs and forms stay readable in the x-bees dark theme', async ({ host }) => {
    await signedIn(host);
    await host.setTheme('dark');
    const frame = await open(host, ADA, 'conv-globex-renewal');
    await expect(frame.getByRole('article', { name: 'Ada Lovelace' })).toBeVisible();
    await expect(tabList(frame)).toBeVisible();
    await expectAccessible(host.page, 'dark: person tab');
    const tasks = frame.getByRole('region', { name: 'Tasks' });
    await tasks.getByRole('button', { name: 'New task' }).press('Enter');
    await expect(tasks.getByRole('form', { name: 'New task' })).toBeVisible();
    await expectAccessible(host.page, 'dark: task form');
    const opportunities = await tab(frame, 'Opportunities');
    await expect(opportunities.getByRole('list', { name: 'Opportunities' })).toBeVisible();
    await expectAccessible(host.page, 'dark: opportunities');
    const cases = await tab(frame, 'Cases');
    await expect(cases.getByRole('list', { name: 'Cases' })).toBeVisible();
    await expectAccessible(host.page, 'dark: cases');
    // The app reports document.scrollWidth as the panel width: nothing may overflow the 360 px panel, or
    // x-bees would widen the iframe for good.
    const widths = (await host.state()).requests
      .filter((r) => r.type === 'xBeesViewPort')
      .map((r) => (r.payload as { width?: unknown }).width);
    expect(widths.length).toBeGreaterThan(0);
    expect(widths.filter((width) => typeof width !== 'number' || width > 360)).toEqual([]);
  });
});
