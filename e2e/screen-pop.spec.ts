import { expect, expectAccessible, signedIn, test, type HostPage } from './fixtures';

const card = (host: HostPage, name: string) => host.infoFrame.getByRole('article', { name });

async function open(
  host: HostPage,
  contact: { phone?: string; email?: string; name?: string },
  conversationId: string,
) {
  await host.setContext({ contact, conversationId });
  expect(await host.waitForReady('info-frame')).toBe(true);
}

test.describe('screen pop', () => {
  test.beforeEach(async ({ host }) => {
    await signedIn(host);
  });

  test('a known phone stored in another format opens the card', async ({ host, org }) => {
    // Alan's mobile is stored as "4155550177"; x-bees sends E.164.
    await open(host, { phone: '+14155550177' }, 'conv-e2e-alan');
    const alan = card(host, 'Alan Turing');
    await expect(alan).toBeVisible();
    await expect(alan.getByText('Contact', { exact: true })).toBeVisible();
    await expect(alan.getByText('Engineer')).toBeVisible();
    await expect(alan.getByText('Globex Corporation')).toBeVisible();
    await expect(alan.getByText('Jane Doe')).toBeVisible();
    await expect(host.infoFrame.getByRole('group')).toHaveCount(0);
    const { ids } = await org.state();
    await expect(alan.getByRole('link', { name: 'Open in Salesforce' })).toHaveAttribute(
      'href',
      new RegExp(`/lightning/r/Contact/${ids.contacts?.alan ?? 'x'}/view$`),
    );
    await alan.getByRole('button', { name: /^Call \+1 415-555-0177$|^Call \+1 415 555 0177$/ }).click();
    await expect.poll(async () => (await host.state()).startCalls).toContain('+14155550177');
    await alan.getByRole('button', { name: 'Copy e-mail' }).click();
    await expect.poll(async () => (await host.state()).clipboard).toContain('alan.turing@globex.example');
    await expect(alan.getByRole('status')).toHaveText('E-mail copied to x-bees.');
    await expectAccessible(host.page, 'person card');
  });

  test('an e-mail opens the card', async ({ host }) => {
    await open(host, { email: 'Grace.Hopper@globex.example' }, 'conv-e2e-grace');
    await expect(card(host, 'Grace Hopper')).toBeVisible();
  });

  test('a shared company number shows the picker, and the choice is remembered', async ({ host }) => {
    await open(host, { phone: '+14155550100' }, 'conv-e2e-main-line');
    const picker = host.infoFrame.getByRole('group', { name: /people in Salesforce match/ });
    await expect(picker).toBeVisible();
    await expect(picker.getByRole('radio')).toHaveCount(5);
    await expect(picker.getByRole('radio', { checked: true })).toHaveAccessibleName(/Ada Lovelace|Grace Hopper/);
    await expectAccessible(host.page, 'picker');
    // SLDS hides the native radio behind its label; people click the label.
    await picker.getByText('Peter Gibbons', { exact: true }).click();
    await expect(card(host, 'Peter Gibbons')).toBeVisible();
    // x-bees reopens the panel for the same conversation: the choice stays.
    await host.page.evaluate(() => window.xbeesHost?.reloadInfoFrame());
    expect(await host.waitForReady('info-frame')).toBe(true);
    await expect(card(host, 'Peter Gibbons')).toBeVisible();
    await expect(host.infoFrame.getByRole('radio', { name: /Peter Gibbons/ })).toBeChecked();
  });

  test('an unknown number: create the lead, then the card, found again despite the index lag', async ({
    host,
    org,
  }) => {
    await open(host, { phone: '+12025550199', name: 'Sam Unknown' }, 'conv-e2e-unknown');
    const form = host.infoFrame.getByRole('region', { name: 'Not in Salesforce yet' });
    await expect(form).toBeVisible();
    await expect(form.getByLabel('First name')).toHaveValue('Sam');
    await expect(form.getByLabel('Last name')).toHaveValue('Unknown');
    await expect(form.getByLabel('Phone')).toHaveValue(/\+1 202.555.0199/);
    await form.getByRole('button', { name: 'Create Lead' }).click();
    await expect(form.getByText('Enter the Company: Salesforce requires it.')).toBeVisible();
    await expectAccessible(host.page, 'lead form with an error');
    await form.getByLabel('Company').fill('Unknown Corp');
    await form.getByRole('button', { name: 'Create Lead' }).click();
    await expect(card(host, 'Sam Unknown')).toBeVisible();
    const leads = await org.records('Lead');
    const created = leads.filter((l) => l.LastName === 'Unknown');
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ Company: 'Unknown Corp', OwnerId: (await org.state()).ids.users?.jane });
    // The search index lags 15 s in e2e: reopening the conversation still finds the lead.
    await host.page.evaluate(() => window.xbeesHost?.reloadInfoFrame());
    expect(await host.waitForReady('info-frame')).toBe(true);
    await expect(card(host, 'Sam Unknown')).toBeVisible();
  });

  test('a Lead whose answer was lost is created once, through the outbox', async ({ host, org }) => {
    await open(host, { phone: '+12025550188', name: 'Lena Lost' }, 'conv-e2e-lead-lost');
    const form = host.infoFrame.getByRole('region', { name: 'Not in Salesforce yet' });
    await form.getByLabel('Company').fill('Lost Answers Ltd');
    // Salesforce saves the Lead, then the answer never arrives: the outbox checks before sending it again.
    await org.fault({
      match: { method: 'POST', path: '/sobjects/Lead' },
      count: 1,
      action: 'commit-then-fail',
      status: 500,
    });
    await form.getByRole('button', { name: 'Create Lead' }).press('Enter');
    await expect(card(host, 'Lena Lost')).toBeVisible({ timeout: 15_000 });
    const created = (await org.records('Lead')).filter((l) => l.LastName === 'Lost');
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ Company: 'Lost Answers Ltd' });
  });

  test('a duplicate e-mail: the matching records, and save anyway', async ({ host, org }) => {
    await open(host, { phone: '+12025550123', name: 'Sofia R' }, 'conv-e2e-duplicate');
    const form = host.infoFrame.getByRole('region', { name: 'Not in Salesforce yet' });
    await form.getByLabel('E-mail').fill('sofia@rossidesign.example');
    await form.getByLabel('Company').fill('Rossi Design');
    await form.getByRole('button', { name: 'Create Lead' }).click();
    const duplicates = host.infoFrame.getByText('Salesforce already has this person');
    await expect(duplicates).toBeVisible();
    await expect(host.infoFrame.getByText('Sofia Rossi')).toBeVisible();
    await expect(host.infoFrame.getByRole('link', { name: 'Open in Salesforce' })).toBeVisible();
    await expectAccessible(host.page, 'duplicates');
    expect((await org.records('Lead')).filter((l) => l.Email === 'sofia@rossidesign.example')).toHaveLength(1);
    await host.infoFrame.getByRole('button', { name: 'Save anyway' }).click();
    await expect(card(host, 'Sofia R')).toBeVisible();
    expect((await org.records('Lead')).filter((l) => l.Email === 'sofia@rossidesign.example')).toHaveLength(2);
  });

  test('a duplicate e-mail: use the existing record instead', async ({ host, org }) => {
    await open(host, { phone: '+12025550124' }, 'conv-e2e-duplicate-use');
    const form = host.infoFrame.getByRole('region', { name: 'Not in Salesforce yet' });
    await form.getByLabel('Last name').fill('Rossi');
    await form.getByLabel('E-mail').fill('SOFIA@rossidesign.example');
    await form.getByLabel('Company').fill('Rossi Design');
    await form.getByRole('button', { name: 'Create Lead' }).click();
    await host.infoFrame.getByRole('button', { name: 'Use this record' }).click();
    await expect(card(host, 'Sofia Rossi')).toBeVisible();
    expect((await org.records('Lead')).filter((l) => l.LastName === 'Rossi')).toHaveLength(1);
  });

  test('a value containing HTML stays inert text', async ({ host }) => {
    let dialogs = 0;
    host.page.on('dialog', (dialog) => {
      dialogs += 1;
      void dialog.dismiss();
    });
    await open(host, { email: 'mallory@evil.example' }, 'conv-e2e-mallory');
    const mallory = card(host, 'Mallory <img src=x onerror="alert(1)">');
    await expect(mallory).toBeVisible();
    await expect(mallory.getByText('<b>Evil</b> Corp <script>alert("xss")</script>')).toBeVisible();
    expect(await mallory.locator('img, script, b').count()).toBe(0);
    expect(dialogs).toBe(0);
  });
});

test.describe('daemon: Live Search and Dialpad lookup through the host', () => {
  test('search and lookup answer with the emulator ids', async ({ host, org }) => {
    await signedIn(host);
    expect(await host.waitForAuthStatus('daemon', 'active')).toBe(true);
    const { ids } = await org.state();
    const search = await host.page.evaluate(() => window.xbeesHost?.search('ada lov'));
    expect(search?.contacts.map((c) => (c as { id: string }).id)).toEqual([ids.contacts?.ada]);
    const lookup = await host.page.evaluate(() => window.xbeesHost?.lookup({ phone: '+49891234567' }));
    expect((lookup?.contact as { id?: string } | null)?.id).toBe(ids.contacts?.juergen);
    const miss = await host.page.evaluate(() => window.xbeesHost?.lookup({ phone: '+12025550111' }));
    expect(miss?.contact).toBeNull();
    const batch = await host.page.evaluate(() =>
      window.xbeesHost?.lookupBatch([{ phone: '+14155550142' }, { email: 'grace.hopper@globex.example' }]),
    );
    expect(batch?.results.map((r) => (r.contact as { id?: string } | null)?.id)).toEqual([
      ids.contacts?.ada,
      ids.contacts?.grace,
    ]);
  });

  test('signed out, the daemon answers nothing and says not authorized', async ({ host }) => {
    expect(await host.waitForAuthStatus('daemon', 'not_active')).toBe(true);
    const search = await host.page.evaluate(() => {
      window.xbeesHost?.setOptions({ resultTimeoutMs: 1500 });
      return window.xbeesHost?.search('ada');
    });
    expect(search).toBeNull();
  });
});
