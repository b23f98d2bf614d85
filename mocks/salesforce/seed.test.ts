/**
 * The seed org holds what the requirements list (international people, phones in mixed formats, a
 * shared main number, a converted lead, Person Accounts, an activity history with open and overdue
 * items, open and closed deals and cases, conversation ids, users), and every seeded record is one the
 * org's own rules would accept.
 */
import { describe, expect, it } from 'vitest';
import { SalesforceEmulator } from './emulator';
import { allObjects, fieldDef, objectDef, requiredOnCreate } from './schema';
import { SEED_CONVERSATIONS } from './seed';
import type { StoredRecord } from './store';

const NOW = new Date('2026-09-15T12:00:00.000Z');
const emulator = new SalesforceEmulator({ origin: 'https://acme.my.salesforce.com', now: () => NOW });
const store = emulator.store;
const today = NOW.toISOString().slice(0, 10);

const rows = (name: string) => store.rows(name, { includeArchived: true });
const str = (record: StoredRecord, field: string): string => {
  const value = store.value(record, field);
  return typeof value === 'string' ? value : '';
};
const digits = (phone: string) => phone.replace(/\D/g, '');
const phonesOf = (record: StoredRecord) =>
  ['Phone', 'MobilePhone', 'HomePhone', 'OtherPhone', 'PersonMobilePhone', 'PersonHomePhone']
    .map((f) => str(record, f))
    .filter(Boolean);
const people = () => [...rows('Lead'), ...rows('Contact'), ...rows('Account')];

describe('seed: people', () => {
  it('has Leads, exactly one of them converted into an existing Contact and Account', () => {
    const leads = rows('Lead');
    expect(leads.length).toBeGreaterThanOrEqual(5);
    const converted = leads.filter((l) => l.values.IsConverted === true);
    expect(converted).toHaveLength(1);
    const lead = converted[0];
    expect(lead?.values.Status).toBe('Closed - Converted');
    expect(store.get(String(lead?.values.ConvertedContactId))?.type).toBe('Contact');
    expect(store.get(String(lead?.values.ConvertedAccountId))?.type).toBe('Account');
  });

  it('has Contacts spread across several business Accounts', () => {
    const accounts = new Set(
      rows('Contact')
        .filter((c) => c.values.IsPersonAccount !== true)
        .map((c) => c.values.AccountId),
    );
    expect(accounts.size).toBeGreaterThanOrEqual(4);
    for (const id of accounts) expect(store.get(String(id))?.values.IsPersonAccount).toBe(false);
  });

  it('has Person Accounts, each with its person Contact', () => {
    const persons = rows('Account').filter((a) => a.values.IsPersonAccount === true);
    expect(persons.length).toBeGreaterThanOrEqual(2);
    for (const account of persons) {
      const contact = store.get(str(account, 'PersonContactId'));
      expect(contact?.values).toMatchObject({
        IsPersonAccount: true,
        AccountId: account.values.Id,
        LastName: account.values.LastName,
      });
      expect(str(account, 'Name')).toBe(`${str(account, 'FirstName')} ${str(account, 'LastName')}`);
    }
  });

  it('is international: names with diacritics and non-Latin script, several country codes', () => {
    const names = people().map((p) => str(p, 'Name'));
    expect(names.some((n) => /[À-ž]/.test(n))).toBe(true);
    expect(rows('Contact').some((c) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(str(c, 'Title')))).toBe(true);
    const codes = new Set(
      people()
        .flatMap(phonesOf)
        .filter((p) => p.startsWith('+'))
        .map((p) => /^\+(1|\d{2})/.exec(p)?.[1]),
    );
    expect(codes.size).toBeGreaterThanOrEqual(6);
  });

  it('stores phones in mixed formats: E.164, national with trunk 0, (415) 555-1212, with an extension', () => {
    const phones = people().flatMap(phonesOf);
    expect(phones.some((p) => /^\+[1-9]\d{7,14}$/.test(p))).toBe(true);
    expect(phones.some((p) => /^0\d/.test(p))).toBe(true);
    expect(phones.some((p) => /^\(\d{3}\) \d{3}-\d{4}$/.test(p))).toBe(true);
    expect(phones.some((p) => /\bext\.?\s*\d+$/i.test(p))).toBe(true);
    expect(phones.some((p) => /^\d{10}$/.test(p))).toBe(true);
  });

  it('has several people sharing a company main number, in different formats', () => {
    const byNumber = new Map<string, Set<string>>();
    for (const person of people()) {
      for (const phone of phonesOf(person)) {
        const key = digits(phone.replace(/\s*ext\.?\s*\d+$/i, '')).slice(-10);
        const formats = byNumber.get(key) ?? new Set<string>();
        formats.add(`${person.type}:${phone}`);
        byNumber.set(key, formats);
      }
    }
    const shared = [...byNumber.values()].filter((set) => set.size >= 4);
    expect(shared.length).toBeGreaterThanOrEqual(1);
    const formats = new Set([...(shared[0] ?? [])].map((entry) => entry.split(':')[1]));
    expect(formats.size).toBeGreaterThanOrEqual(3);
  });

  it('has a few active Users with usernames and e-mails', () => {
    const users = rows('User').filter((u) => u.values.IsActive === true);
    expect(users.length).toBeGreaterThanOrEqual(3);
    for (const user of users) expect(str(user, 'Username')).toMatch(/@/);
    expect(users.map((u) => u.values.Id)).toContain(emulator.defaultUserId);
  });
});

describe('seed: activities, deals and cases', () => {
  const tasks = () => rows('Task');

  it('has logged calls, e-mails and meetings', () => {
    const calls = tasks().filter((t) => t.values.TaskSubtype === 'Call');
    expect(calls.length).toBeGreaterThanOrEqual(5);
    for (const call of calls)
      expect(call.values).toMatchObject({
        CallType: expect.stringMatching(/^(Inbound|Outbound)$/) as string,
        CallDurationInSeconds: expect.any(Number) as number,
      });
    expect(tasks().some((t) => t.values.TaskSubtype === 'Email')).toBe(true);
    expect(rows('Event').some((e) => e.values.Type === 'Meeting')).toBe(true);
    expect(tasks().some((t) => typeof t.values.CallObject === 'string')).toBe(true);
  });

  it('has open, overdue and archived tasks, and past and future events', () => {
    const open = tasks().filter((t) => store.value(t, 'IsClosed') === false);
    expect(open.length).toBeGreaterThanOrEqual(3);
    expect(open.some((t) => str(t, 'ActivityDate') < today)).toBe(true);
    expect(open.some((t) => str(t, 'ActivityDate') > today)).toBe(true);
    expect(tasks().some((t) => t.values.IsArchived === true)).toBe(true);
    const starts = rows('Event').map((e) => str(e, 'StartDateTime'));
    expect(starts.some((s) => s < NOW.toISOString())).toBe(true);
    expect(starts.some((s) => s > NOW.toISOString())).toBe(true);
  });

  it('relates activities to Leads, Contacts and Person Accounts', () => {
    const whoTypes = new Set(tasks().map((t) => store.get(str(t, 'WhoId'))?.type));
    expect(whoTypes).toEqual(new Set(['Lead', 'Contact']));
    const personContacts = rows('Contact')
      .filter((c) => c.values.IsPersonAccount === true)
      .map((c) => c.values.Id);
    expect(tasks().some((t) => personContacts.includes(t.values.WhoId ?? ''))).toBe(true);
  });

  it('has open and closed (won and lost) Opportunities and open and closed Cases', () => {
    const opps = rows('Opportunity');
    expect(opps.some((o) => store.value(o, 'IsClosed') === false)).toBe(true);
    expect(opps.some((o) => store.value(o, 'IsWon') === true)).toBe(true);
    expect(opps.some((o) => store.value(o, 'IsClosed') === true && store.value(o, 'IsWon') === false)).toBe(true);
    const cases = rows('Case');
    expect(cases.some((c) => store.value(c, 'IsClosed') === true)).toBe(true);
    expect(cases.filter((c) => store.value(c, 'IsClosed') === false).length).toBeGreaterThanOrEqual(2);
  });

  it('ties exactly one Opportunity and one Case to a conversation id', () => {
    const tagged = (name: string) => rows(name).filter((r) => typeof r.values.conversationId__c === 'string');
    expect(tagged('Opportunity').map((o) => o.values.conversationId__c)).toEqual([SEED_CONVERSATIONS.globexRenewal]);
    expect(tagged('Case').map((c) => c.values.conversationId__c)).toEqual([SEED_CONVERSATIONS.globexOutage]);
    expect(store.value(tagged('Opportunity')[0]!, 'IsClosed')).toBe(false);
  });

  it('links a note to a record', () => {
    const link = rows('ContentDocumentLink')[0];
    expect(store.get(str(link!, 'ContentDocumentId'))?.type).toBe('ContentNote');
  });
});

describe('seed: consistency', () => {
  it('holds only values the org itself would accept: references resolve, picklist values exist, required fields are set', () => {
    const problems: string[] = [];
    for (const def of allObjects()) {
      if (def.queryable === false || def.name === 'ContentDocument') continue;
      for (const record of rows(def.name)) {
        const label = `${def.name} ${String(record.values.Id)}`;
        for (const f of def.fields) {
          const value = record.values[f.name];
          // Derived values (a Person Account's Name) count as set.
          const shown = store.value(record, f.name);
          if (requiredOnCreate(f) && (shown === null || shown === '')) problems.push(`${label}: ${f.name} is required`);
          if (value === null || value === undefined) continue;
          if (f.type === 'reference' && typeof value === 'string') {
            const target = store.get(value, { includeDeleted: true });
            const targetType = target?.type === 'ContentNote' ? 'ContentDocument' : target?.type;
            if (!targetType || !(f.referenceTo ?? []).includes(targetType))
              problems.push(`${label}: ${f.name} → ${value} (${targetType ?? 'missing'})`);
          }
          if (
            (f.type === 'picklist' || f.type === 'combobox') &&
            f.picklist &&
            !f.picklist.some((p) => p.value === value)
          ) {
            problems.push(`${label}: ${f.name} = ${String(value)} is not a picklist value`);
          }
        }
        for (const key of Object.keys(record.values)) {
          if (!fieldDef(def, key)) problems.push(`${label}: ${key} is not a field of ${def.name}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('never relates an activity to a Lead and to another record at once', () => {
    for (const activity of [...rows('Task'), ...rows('Event')]) {
      if (str(activity, 'WhoId').startsWith('00Q')) expect(activity.values.WhatId ?? null).toBeNull();
    }
  });

  it('gives the same ids after every reset, so e2e and the demo can name records', () => {
    const before = JSON.stringify(emulator.ids);
    const sofia = store.get(emulator.ids.leads.sofia)?.values;
    emulator.reset();
    expect(JSON.stringify(emulator.ids)).toBe(before);
    expect(store.get(emulator.ids.leads.sofia)?.values).toEqual(sofia);
  });

  it('lists every directory person and conversation against seeded data', () => {
    for (const person of emulator.directory.people) {
      const record = store.get(person.id);
      expect(record, person.name).toBeDefined();
      expect(objectDef(record?.type ?? '')).toBeDefined();
    }
    expect(emulator.directory.conversations.map((c) => c.id)).toEqual(
      expect.arrayContaining(Object.values(SEED_CONVERSATIONS)),
    );
  });
});
