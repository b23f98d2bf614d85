import { describe, expect, it } from 'vitest';
import { setFieldAccess } from '../../../mocks/salesforce/controls';
import { normalizePhone, type NormalizedPhone } from '@/lib/phone';
import { setupSalesforceHarness } from '../../../mocks/testing/salesforce-harness';
import { lookupByEmail, lookupByPhone, lookupEmails, lookupPhones, searchPeople } from './people-search';

const h = setupSalesforceHarness();

function phone(input: string): NormalizedPhone {
  const parsed = normalizePhone(input, 'US');
  if (!parsed) throw new Error(`bad test number ${input}`);
  return parsed;
}

const names = (matches: { person: { name: string; type: string } }[]) =>
  matches.map((m) => `${m.person.type}:${m.person.name}`);

describe('lookupByPhone', () => {
  it('finds a number stored in another format, and never the converted lead', async () => {
    const matches = await lookupByPhone(h.deps, phone('+14155550142'));
    expect(names(matches)).toEqual(['Contact:Ada Lovelace']);
    expect(matches[0]?.matchedField).toBe('MobilePhone');
  });

  it('finds a national number with its trunk 0 from the E.164 x-bees sends', async () => {
    expect(names(await lookupByPhone(h.deps, phone('+49891234567')))).toEqual([
      'Contact:Jürgen Müller',
      'Account:Müller Maschinenbau GmbH',
    ]);
    expect(names(await lookupByPhone(h.deps, phone('+442079460958')))).toEqual([
      'Contact:Oliver Smith',
      'Account:Northwind Traders Ltd',
    ]);
  });

  it('ranks a shared company number by the policy: Contacts, then Lead, then Account; exact before extension', async () => {
    h.emulator.store.patchRaw(h.emulator.ids.contacts.grace, { LastModifiedDate: '2099-01-01T00:00:00.000+0000' });
    const matches = await lookupByPhone(h.deps, phone('+14155550100'));
    expect(names(matches)).toEqual([
      'Contact:Grace Hopper',
      'Contact:Ada Lovelace',
      'Contact:Alan Turing',
      'Lead:Peter Gibbons',
      'Account:Globex Corporation',
    ]);
    expect(matches.find((m) => m.person.name === 'Alan Turing')?.match).toBe('extension');
  });

  it('finds Person Accounts by their personal numbers, once', async () => {
    const matches = await lookupByPhone(h.deps, phone('+34612345678'));
    expect(names(matches)).toEqual(['PersonAccount:María García']);
    expect(matches[0]?.person.personContactId).toMatch(/^003/);
  });

  it('costs one request once describes are warm', async () => {
    await h.describes.warm(['Lead', 'Contact', 'Account']);
    h.requests.length = 0;
    await lookupByPhone(h.deps, phone('+14155550142'));
    expect(h.requests.map((r) => new URL(r.url).pathname)).toEqual(['/services/data/v66.0/search']);
  });

  it('does not ask for fields the profile hides, and works without them', async () => {
    setFieldAccess(h.emulator, 'Lead', 'MobilePhone', 'none');
    const matches = await lookupByPhone(h.deps, phone('+8613800138000'));
    expect(matches).toEqual([]);
    expect(h.requests.every((r) => r.status === 200)).toBe(true);
  });

  it('works in an org without Person Accounts', async () => {
    h.emulator.store.personAccountsEnabled = false;
    expect(names(await lookupByPhone(h.deps, phone('+14155550142')))).toEqual(['Contact:Ada Lovelace']);
  });

  it('finds a just-created record despite the search index lag', async () => {
    h.emulator.store.searchIndexLagMs = 60_000;
    const created = h.emulator.store.create(
      'Lead',
      { LastName: 'New', Company: 'Fresh Ltd', Phone: '+1 202 555 0199' },
      { userId: h.emulator.ids.users.jane },
    );
    expect(await lookupByPhone(h.deps, phone('+12025550199'))).toEqual([]);
    h.recent.add({ id: created, sobject: 'Lead', phones: ['+12025550199'], emails: [], names: ['New'] });
    expect(names(await lookupByPhone(h.deps, phone('+12025550199')))).toEqual(['Lead:New']);
  });
});

describe('lookupByEmail and searchPeople', () => {
  it('finds by e-mail, case-insensitively', async () => {
    expect(names(await lookupByEmail(h.deps, 'Grace.Hopper@Globex.example'))).toEqual(['Contact:Grace Hopper']);
    expect(names(await lookupByEmail(h.deps, 'maria.garcia@example.es'))).toEqual(['PersonAccount:María García']);
  });

  it('type-ahead by name, phone or e-mail', async () => {
    expect((await searchPeople(h.deps, 'ada lov', 'US')).map((p) => p.name)).toEqual(['Ada Lovelace']);
    expect((await searchPeople(h.deps, "o'conn", 'US')).map((p) => p.name)).toEqual(["Liam O'Connor"]);
    expect((await searchPeople(h.deps, '+1 415 555 0142', 'US')).map((p) => p.name)).toEqual(['Ada Lovelace']);
    expect(await searchPeople(h.deps, 'a', 'US')).toEqual([]);
  });
});

describe('lookupEmails (batch)', () => {
  it('answers several addresses with one SOSL, each with its own person', async () => {
    await h.describes.warm(['Lead', 'Contact', 'Account']);
    h.requests.length = 0;
    const results = await lookupEmails(h.deps, [
      'ada.lovelace@globex.example',
      'grace.hopper@globex.example',
      'nobody@nowhere.example',
    ]);
    expect(h.requests).toHaveLength(1);
    expect(results.get('ada.lovelace@globex.example')?.[0]?.person.name).toBe('Ada Lovelace');
    expect(results.get('grace.hopper@globex.example')?.[0]?.person.name).toBe('Grace Hopper');
    expect(results.get('nobody@nowhere.example')).toEqual([]);
  });
});

describe('lookupPhones (batch)', () => {
  it('answers 20 numbers with one SOSL', async () => {
    await h.describes.warm(['Lead', 'Contact', 'Account']);
    h.requests.length = 0;
    const numbers = [
      '+14155550142',
      '+49891234567',
      '+442079460958',
      ...Array.from({ length: 17 }, (_, i) => `+1202555${String(1000 + i)}`),
    ].map(phone);
    const results = await lookupPhones(h.deps, numbers);
    expect(h.requests).toHaveLength(1);
    expect(results.get('+14155550142')?.[0]?.person.name).toBe('Ada Lovelace');
    expect(results.get('+49891234567')?.[0]?.person.name).toBe('Jürgen Müller');
    expect(results.get('+12025551000')).toEqual([]);
  });
});
