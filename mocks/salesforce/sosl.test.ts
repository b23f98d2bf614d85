import { beforeEach, describe, expect, it } from 'vitest';
import { SfApiError } from './errors';
import { PERSON_ACCOUNT_RECORD_TYPE_ID } from './schema';
import { runSoql } from './soql';
import { runParameterizedSearch, runSosl, type SearchResult } from './sosl';
import { OrgStore } from './store';

const NOW = new Date('2026-03-18T12:00:00.000Z');
const V = 'v66.0';

function seedOrg() {
  const store = new OrgStore();
  let clock = NOW.getTime();
  store.now = () => new Date(clock);
  const jane = store.seed('User', {
    FirstName: 'Jane',
    LastName: 'Doe',
    Email: 'jane@acme.test',
    Username: 'jane@acme.test',
    Phone: '+1 415 555 0100',
  });
  const acme = store.seed('Account', { Name: 'Acme Corp', Phone: '(415) 555-1212', OwnerId: jane });
  const globex = store.seed('Account', { Name: 'Globex', Phone: '+44 20 7946 0958', OwnerId: jane });
  const blackOrWhite = store.seed('Account', { Name: 'Black Or White', OwnerId: jane });
  const person = store.seed('Account', {
    RecordTypeId: PERSON_ACCOUNT_RECORD_TYPE_ID,
    FirstName: 'Pat',
    LastName: 'Person',
    PersonEmail: 'pat@example.com',
    PersonMobilePhone: '+1 415 555 3434',
    OwnerId: jane,
  });
  const ada = store.seed('Contact', {
    FirstName: 'Ada',
    LastName: 'Lovelace',
    Email: 'Ada@Example.com',
    Phone: '+14155551212',
    MobilePhone: '020 7946 0958',
    AccountId: acme,
    OwnerId: jane,
  });
  const grace = store.seed('Contact', {
    FirstName: 'Grace',
    LastName: 'Hopper',
    Email: 'grace@navy.test',
    Phone: '(415) 555-1212',
    AccountId: acme,
    OwnerId: jane,
  });
  const linus = store.seed('Contact', {
    FirstName: 'Linus',
    LastName: "O'Brien",
    Phone: '+1 415-555-1212 ext. 22',
    AccountId: globex,
    OwnerId: jane,
  });
  const alan = store.seed('Lead', {
    FirstName: 'Alan',
    LastName: 'Turing',
    Company: 'Bletchley Park',
    Phone: '+44 20 7946 0958',
    MobilePhone: '07700 900123',
    Email: 'alan@bletchley.test',
    OwnerId: jane,
  });
  const converted = store.seed('Lead', {
    FirstName: 'Ada',
    LastName: 'Lovelace',
    Company: 'Acme Corp',
    Status: 'Closed - Converted',
    IsConverted: true,
    ConvertedContactId: ada,
    OwnerId: jane,
  });
  const expansion = store.seed('Opportunity', {
    Name: 'Acme - Expansion',
    AccountId: acme,
    StageName: 'Prospecting',
    Amount: 5000,
    CloseDate: '2026-04-30',
    OwnerId: jane,
  });
  const renewal = store.seed('Opportunity', {
    Name: 'Acme - Renewal',
    AccountId: acme,
    StageName: 'Closed Won',
    Amount: 12000,
    CloseDate: '2026-02-15',
    OwnerId: jane,
  });
  store.seed('OpportunityContactRole', { OpportunityId: expansion, ContactId: ada, Role: 'Decision Maker' });
  const call = store.seed('Task', {
    Subject: 'Call about Zephyr rollout',
    Status: 'Completed',
    WhoId: ada,
    OwnerId: jane,
  });
  const ticket = store.seed('Case', {
    Subject: 'Zephyr outage',
    SuppliedPhone: '415.555.9999',
    AccountId: acme,
    OwnerId: jane,
  });
  const personContact = store.rows('Contact').find((c) => c.values.IsPersonAccount === true)?.values.Id as string;
  return {
    store,
    advance: (ms: number) => {
      clock += ms;
    },
    ids: {
      jane,
      acme,
      globex,
      blackOrWhite,
      person,
      personContact,
      ada,
      grace,
      linus,
      alan,
      converted,
      expansion,
      renewal,
      call,
      ticket,
    },
  };
}

let org: ReturnType<typeof seedOrg>;
let store: OrgStore;
beforeEach(() => {
  org = seedOrg();
  store = org.store;
});

function find(sosl: string): SearchResult {
  return runSosl(store, sosl, { apiVersion: V });
}

function found(sosl: string): string[] {
  return find(sosl).searchRecords.map((r) => r.Id as string);
}

function searched(body: unknown): SearchResult {
  return runParameterizedSearch(store, body, { apiVersion: V });
}

interface CaughtError {
  status: number;
  errorCode: string;
  message: string;
  body: unknown;
}

function failure(run: () => unknown): CaughtError {
  try {
    run();
  } catch (error) {
    if (!(error instanceof SfApiError)) throw error;
    return {
      status: error.status,
      errorCode: error.first?.errorCode ?? '',
      message: error.first?.message ?? '',
      body: error.body,
    };
  }
  throw new Error('expected the search to fail');
}

function positioned(line: string, column: number, message: string): string {
  return `\n${line}\n${' '.repeat(column - 1)}^\nERROR at Row:1:Column:${column}\n${message}`;
}

describe('statement syntax', () => {
  it('requires the search term in braces', () => {
    const braces = {
      status: 400,
      errorCode: 'MALFORMED_SEARCH',
      message: 'No search term found. The search term must be enclosed in braces.',
      body: [
        { message: 'No search term found. The search term must be enclosed in braces.', errorCode: 'MALFORMED_SEARCH' },
      ],
    };
    expect(failure(() => find('FIND Lovelace'))).toEqual(braces);
    expect(failure(() => find(`FIND 'Lovelace' RETURNING Contact`))).toEqual(braces);
    expect(failure(() => find('FIND {Lovelace RETURNING Contact'))).toEqual(braces);
  });

  it('refuses terms shorter than two characters, wildcards aside', () => {
    const short = {
      status: 400,
      errorCode: 'MALFORMED_SEARCH',
      message: 'search term must be longer than one character',
    };
    expect(failure(() => find('FIND {a}'))).toMatchObject(short);
    expect(failure(() => find('FIND {a*} RETURNING Contact'))).toMatchObject(short);
    expect(failure(() => find('FIND { ? }'))).toMatchObject(short);
    expect(found('FIND {Ad*} IN NAME FIELDS RETURNING Contact(Id)')).toEqual([org.ids.ada]);
  });

  it('reads keywords case-insensitively', () => {
    expect(find('find {hopper} in name fields returning contact(name, phone) limit 5').searchRecords).toEqual([
      {
        attributes: { type: 'Contact', url: `/services/data/v66.0/sobjects/Contact/${org.ids.grace}` },
        Name: 'Grace Hopper',
        Phone: '(415) 555-1212',
      },
    ]);
  });

  it('points at a malformed clause', () => {
    const sosl = 'FIND {Lovelace} RETURNIN Contact';
    expect(failure(() => find(sosl))).toMatchObject({
      errorCode: 'MALFORMED_SEARCH',
      message: positioned(sosl, 17, "unexpected token: 'RETURNIN'"),
    });
    expect(failure(() => find('FIND {Lovelace} IN BOGUS FIELDS')).errorCode).toBe('MALFORMED_SEARCH');
    expect(failure(() => find('FIND {Lovelace} RETURNING Contact(Name WHERE)')).errorCode).toBe('MALFORMED_SEARCH');
    expect(failure(() => find('SEARCH {Lovelace}'))).toMatchObject({
      errorCode: 'MALFORMED_SEARCH',
      message: "unexpected token: 'SEARCH'",
    });
  });

  it('accepts WITH clauses and answers label metadata when asked', () => {
    const result = find(
      `FIND {Hopper} RETURNING Contact(Name, Email) WITH SPELL_CORRECTION = false WITH METADATA = 'LABELS' LIMIT 10`,
    );
    expect(result.searchRecords.map((r) => r.Name)).toEqual(['Grace Hopper']);
    expect(result.metadata).toEqual({
      entityetadata: [
        {
          entityName: 'Contact',
          fieldMetadata: [
            { name: 'Name', label: 'Full Name' },
            { name: 'Email', label: 'Email' },
          ],
        },
      ],
    });
    expect(find('FIND {Hopper} RETURNING Contact(Name)')).not.toHaveProperty('metadata');
  });
});

describe('phone matching', () => {
  const phone = (digits: string) =>
    found(`FIND {${digits}} IN PHONE FIELDS RETURNING Contact(Id), Account(Id), Lead(Id)`);

  it('compares digits, ignoring punctuation', () => {
    expect(phone('4155551212')).toEqual([org.ids.grace, org.ids.acme]);
    expect(phone('(415) 555-1212'.replace(/[()\s-]/g, ''))).toEqual([org.ids.grace, org.ids.acme]);
    expect(found('FIND {"415 555 1212"} IN PHONE FIELDS RETURNING Contact(Id)')).toEqual([org.ids.grace]);
  });

  it('does not normalize country codes or trunk prefixes', () => {
    expect(phone('14155551212')).toEqual([org.ids.ada, org.ids.linus]);
    expect(phone('442079460958')).toEqual([org.ids.globex, org.ids.alan]);
    expect(phone('02079460958')).toEqual([org.ids.ada]);
    expect(phone('2079460958')).toEqual([]);
    expect(phone('4155551212 OR 14155551212')).toEqual([org.ids.ada, org.ids.grace, org.ids.linus, org.ids.acme]);
  });

  it('lets a stored extension not stop the main number from matching', () => {
    expect(found('FIND {14155551212} IN PHONE FIELDS RETURNING Contact(Id)')).toContain(org.ids.linus);
    expect(found('FIND {141555512122*} IN PHONE FIELDS RETURNING Contact(Id)')).toEqual([org.ids.linus]);
    expect(
      find('FIND {14155551212} IN PHONE FIELDS RETURNING Contact(LastName)').searchRecords.map((r) => r.LastName),
    ).toEqual(['Lovelace', "O'Brien"]);
  });

  it('treats a trailing * as a digit prefix', () => {
    expect(phone('415555*')).toEqual([org.ids.grace, org.ids.acme]);
    // The Person Account's contact was created with the account, before the other contacts.
    expect(phone('1415555*')).toEqual([org.ids.personContact, org.ids.ada, org.ids.linus, org.ids.person]);
    expect(phone('141555512*')).toEqual([org.ids.ada, org.ids.linus]);
  });

  it('accepts escaped reserved characters in a number', () => {
    expect(phone('\\+1 \\(415\\) 555\\-1212'.replace(/ /g, ''))).toEqual([org.ids.ada, org.ids.linus]);
  });

  it('searches only phone fields with IN PHONE FIELDS', () => {
    expect(found('FIND {Lovelace} IN PHONE FIELDS RETURNING Contact(Id)')).toEqual([]);
    expect(found('FIND {4155559999} IN PHONE FIELDS RETURNING Case(Id)')).toEqual([org.ids.ticket]);
  });
});

describe('text matching', () => {
  const contacts = (term: string, group = 'ALL') =>
    found(`FIND {${term}} IN ${group} FIELDS RETURNING Contact(Id), Lead(Id)`);

  it('matches whole words case-insensitively', () => {
    expect(contacts('LOVELACE')).toEqual([org.ids.ada, org.ids.converted]);
    expect(contacts('lovelac')).toEqual([]);
    expect(contacts("o'brien")).toEqual([org.ids.linus]);
  });

  it('supports * and ? wildcards', () => {
    expect(contacts('Love*')).toEqual([org.ids.ada, org.ids.converted]);
    expect(contacts('Lovel?ce')).toEqual([org.ids.ada, org.ids.converted]);
    expect(contacts('Lovel?e')).toEqual([]);
    expect(contacts('T*ng')).toEqual([org.ids.alan]);
  });

  it('needs every word without operators, and supports phrases', () => {
    expect(contacts('Grace Hopper')).toEqual([org.ids.grace]);
    expect(contacts('Ada Hopper')).toEqual([]);
    expect(contacts('"Ada Lovelace"')).toEqual([org.ids.ada, org.ids.converted]);
    expect(contacts('"Lovelace Ada"')).toEqual([]);
  });

  it('supports OR, AND, AND NOT and parentheses, case-insensitively', () => {
    expect(contacts('Hopper OR Turing')).toEqual([org.ids.grace, org.ids.alan]);
    expect(contacts('hopper or turing')).toEqual([org.ids.grace, org.ids.alan]);
    expect(contacts('Ada AND Lovelace')).toEqual([org.ids.ada, org.ids.converted]);
    expect(contacts('Lovelace AND NOT Acme')).toEqual([org.ids.ada]);
    expect(contacts('(Grace OR Alan) AND (Hopper OR Turing)')).toEqual([org.ids.grace, org.ids.alan]);
    expect(contacts('(Grace OR Alan) AND NOT (Hopper)')).toEqual([org.ids.alan]);
  });

  it('takes escaped operators and wildcards literally', () => {
    expect(contacts('Hopper \\OR Turing')).toEqual([]);
    expect(found('FIND {Black \\OR White} RETURNING Account(Id)')).toEqual([org.ids.blackOrWhite]);
    expect(found('FIND {"or"} RETURNING Account(Id)')).toEqual([org.ids.blackOrWhite]);
    expect(contacts('Love\\*')).toEqual([]);
    expect(contacts('Lovelace\\*')).toEqual([org.ids.ada, org.ids.converted]);
  });

  it('matches e-mail addresses whole or by their words', () => {
    expect(found('FIND {ada@example.com} IN EMAIL FIELDS RETURNING Contact(Id)')).toEqual([org.ids.ada]);
    expect(find('FIND {ADA@EXAMPLE.COM} IN EMAIL FIELDS RETURNING Contact(Email)').searchRecords[0]?.Email).toBe(
      'Ada@Example.com',
    );
    expect(found('FIND {example.com} IN EMAIL FIELDS RETURNING Contact(Id), Account(Id)')).toEqual([
      org.ids.personContact,
      org.ids.ada,
      org.ids.person,
    ]);
    expect(found('FIND {ada@example.com} IN NAME FIELDS RETURNING Contact(Id)')).toEqual([]);
  });

  it('keeps the search groups apart', () => {
    expect(contacts('Bletchley', 'NAME')).toEqual([org.ids.alan]);
    expect(contacts('bletchley.test', 'EMAIL')).toEqual([org.ids.alan]);
    expect(contacts('Turing', 'EMAIL')).toEqual([]);
    expect(contacts('Turing', 'SIDEBAR')).toEqual([org.ids.alan]);
  });

  it('drops the logical operators of a very long search', () => {
    const padded = `Hopper AND Turing${' '.repeat(4000)}`;
    expect(contacts('Hopper AND Turing')).toEqual([]);
    expect(contacts(padded)).toEqual([org.ids.grace, org.ids.alan]);
    expect(contacts(`Hopper${' '.repeat(10_001)}`)).toEqual([]);
  });
});

describe('RETURNING', () => {
  it('searches every readable searchable object, Id only, without RETURNING', () => {
    expect(find('FIND {Acme}').searchRecords).toEqual([
      // Jane's e-mail is jane@acme.test.
      { attributes: { type: 'User', url: `/services/data/v66.0/sobjects/User/${org.ids.jane}` }, Id: org.ids.jane },
      {
        attributes: { type: 'Lead', url: `/services/data/v66.0/sobjects/Lead/${org.ids.converted}` },
        Id: org.ids.converted,
      },
      {
        attributes: { type: 'Account', url: `/services/data/v66.0/sobjects/Account/${org.ids.acme}` },
        Id: org.ids.acme,
      },
      {
        attributes: { type: 'Opportunity', url: `/services/data/v66.0/sobjects/Opportunity/${org.ids.expansion}` },
        Id: org.ids.expansion,
      },
      {
        attributes: { type: 'Opportunity', url: `/services/data/v66.0/sobjects/Opportunity/${org.ids.renewal}` },
        Id: org.ids.renewal,
      },
    ]);
    expect(found('FIND {Zephyr}')).toEqual([org.ids.call, org.ids.ticket]);
  });

  it('returns the requested fields per object, in RETURNING order, with parent fields', () => {
    const result = find(
      `FIND {Acme} RETURNING Opportunity(Name, Amount, Account.Name), Account(Name, Owner.Name), Contact`,
    );
    expect(result.searchRecords).toEqual([
      {
        attributes: { type: 'Opportunity', url: `/services/data/v66.0/sobjects/Opportunity/${org.ids.expansion}` },
        Name: 'Acme - Expansion',
        Amount: 5000,
        Account: {
          attributes: { type: 'Account', url: `/services/data/v66.0/sobjects/Account/${org.ids.acme}` },
          Name: 'Acme Corp',
        },
      },
      {
        attributes: expect.objectContaining({ type: 'Opportunity' }) as unknown,
        Name: 'Acme - Renewal',
        Amount: 12000,
        Account: expect.objectContaining({ Name: 'Acme Corp' }) as unknown,
      },
      {
        attributes: expect.objectContaining({ type: 'Account' }) as unknown,
        Name: 'Acme Corp',
        Owner: {
          attributes: { type: 'User', url: `/services/data/v66.0/sobjects/User/${org.ids.jane}` },
          Name: 'Jane Doe',
        },
      },
    ]);
  });

  it('applies per-object WHERE, ORDER BY, LIMIT and OFFSET', () => {
    const names = (spec: string) => find(`FIND {Acme} RETURNING Opportunity(${spec})`).searchRecords.map((r) => r.Name);
    expect(names('Name WHERE Amount > 6000')).toEqual(['Acme - Renewal']);
    expect(names('Name WHERE IsClosed = false OR StageName = null')).toEqual(['Acme - Expansion']);
    expect(names('Name ORDER BY Amount DESC')).toEqual(['Acme - Renewal', 'Acme - Expansion']);
    expect(names('Name ORDER BY Amount DESC LIMIT 1')).toEqual(['Acme - Renewal']);
    expect(names('Name ORDER BY Amount DESC LIMIT 1 OFFSET 1')).toEqual(['Acme - Expansion']);
    expect(names('Name WHERE CloseDate = LAST_MONTH')).toEqual(['Acme - Renewal']);
    expect(found('FIND {Lovelace} RETURNING Lead(Id WHERE IsConverted = false), Contact(Id)')).toEqual([org.ids.ada]);
  });

  it('shares an overall LIMIT evenly among the objects', () => {
    for (let i = 0; i < 5; i++) store.seed('Lead', { LastName: 'Smith', FirstName: `Lead${i}`, Company: 'Smiths' });
    for (let i = 0; i < 3; i++) store.seed('Contact', { LastName: 'Smith', FirstName: `Contact${i}` });
    const counts = (limit: string) => {
      const rows = find(`FIND {Smith} RETURNING Lead(Id), Contact(Id) ${limit}`).searchRecords;
      return [
        rows.filter((r) => r.attributes.type === 'Lead').length,
        rows.filter((r) => r.attributes.type === 'Contact').length,
      ];
    };
    expect(counts('')).toEqual([5, 3]);
    expect(counts('LIMIT 4')).toEqual([2, 2]);
    expect(counts('LIMIT 7')).toEqual([4, 3]);
    expect(counts('LIMIT 3')).toEqual([2, 1]);
  });

  it('refuses an unknown object or field the way SOQL does', () => {
    const unknownObject = 'FIND {Acme} RETURNING Widget__c(Name)';
    expect(failure(() => find(unknownObject))).toMatchObject({
      status: 400,
      errorCode: 'INVALID_TYPE',
      message: positioned(
        unknownObject,
        23,
        "sObject type 'Widget__c' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.",
      ),
    });
    const unknownField = 'FIND {Acme} RETURNING Account(Name), Contact(Name, Bacon)';
    expect(failure(() => find(unknownField))).toMatchObject({
      errorCode: 'INVALID_FIELD',
      message: positioned(
        unknownField,
        52,
        "No such column 'Bacon' on entity 'Contact'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.",
      ),
    });
    expect(failure(() => find('FIND {Acme} RETURNING Contact(Acount.Name)')).message).toContain(
      "Didn't understand relationship 'Acount' in field path.",
    );
    expect(failure(() => find('FIND {Acme} RETURNING Contact(Name WHERE Bogus = 1)')).errorCode).toBe('INVALID_FIELD');
  });

  it('refuses objects that are not searchable', () => {
    expect(failure(() => find('FIND {Acme} RETURNING OpportunityContactRole(Id)'))).toMatchObject({
      status: 400,
      errorCode: 'INVALID_TYPE_FOR_OPERATION',
      message: expect.stringContaining('entity type OpportunityContactRole does not support search') as unknown,
    });
  });
});

describe('permissions', () => {
  it('does not search or return a field hidden by field-level security', () => {
    const byMobile = 'FIND {07700900123} IN PHONE FIELDS RETURNING Lead(Name)';
    expect(find(byMobile).searchRecords.map((r) => r.Name)).toEqual(['Alan Turing']);
    store.hideField('Lead', 'MobilePhone');
    expect(find(byMobile).searchRecords).toEqual([]);
    expect(find('FIND {07700900123}').searchRecords).toEqual([]);
    const returning = 'FIND {Turing} RETURNING Lead(Name, MobilePhone)';
    expect(failure(() => find(returning))).toMatchObject({
      errorCode: 'INVALID_FIELD',
      message: expect.stringContaining("No such column 'MobilePhone' on entity 'Lead'") as unknown,
    });
    expect(find('FIND {Turing} RETURNING Lead(Name, Phone)').searchRecords).toHaveLength(1);
  });

  it('refuses an unreadable object and leaves it out of a search without RETURNING', () => {
    expect(found('FIND {Acme}')).toContain(org.ids.expansion);
    store.setObjectPermissions('Opportunity', { read: false });
    expect(found('FIND {Acme}')).toEqual([org.ids.jane, org.ids.converted, org.ids.acme]);
    expect(failure(() => find('FIND {Acme} RETURNING Opportunity(Name)'))).toMatchObject({ errorCode: 'INVALID_TYPE' });
  });

  it('stops searching Person Account fields when Person Accounts are off', () => {
    const byMobile = 'FIND {14155553434} IN PHONE FIELDS RETURNING Account(Name)';
    expect(find(byMobile).searchRecords.map((r) => r.Name)).toEqual(['Pat Person']);
    store.personAccountsEnabled = false;
    expect(find(byMobile).searchRecords).toEqual([]);
    expect(failure(() => find('FIND {Acme} RETURNING Account(Name, IsPersonAccount)')).errorCode).toBe('INVALID_FIELD');
  });
});

describe('the search index', () => {
  it('does not find a record until the index has caught up, while SOQL does', () => {
    store.searchIndexLagMs = 30_000;
    const id = store.create(
      'Lead',
      { FirstName: 'Zed', LastName: 'Newcomer', Company: 'Fresh Co', Phone: '+1 (212) 555-0199' },
      { userId: org.ids.jane },
    );
    expect(found('FIND {12125550199} IN PHONE FIELDS RETURNING Lead(Id)')).toEqual([]);
    expect(searched({ q: 'Newcomer', sobjects: [{ name: 'Lead' }] }).searchRecords).toEqual([]);
    expect(
      runSoql(store, `SELECT Id FROM Lead WHERE LastName = 'Newcomer'`, { apiVersion: V, includeDeleted: false })
        .totalSize,
    ).toBe(1);
    org.advance(29_000);
    expect(found('FIND {Newcomer}')).toEqual([]);
    org.advance(1_000);
    expect(found('FIND {12125550199} IN PHONE FIELDS RETURNING Lead(Id)')).toEqual([id]);
  });

  it('does not find deleted records', () => {
    store.delete('Lead', org.ids.alan);
    expect(found('FIND {Turing}')).toEqual([]);
  });
});

describe('parameterized search', () => {
  it('searches like SOSL and returns the requested fields plus Id', () => {
    const result = searched({
      q: 'Lovelace',
      in: 'name',
      sobjects: [{ name: 'Contact', fields: ['Name', 'Email', 'Account.Name'] }, { name: 'Lead' }],
    });
    expect(result.searchRecords).toEqual([
      {
        attributes: { type: 'Contact', url: `/services/data/v66.0/sobjects/Contact/${org.ids.ada}` },
        Id: org.ids.ada,
        Name: 'Ada Lovelace',
        Email: 'Ada@Example.com',
        Account: expect.objectContaining({ Name: 'Acme Corp' }) as unknown,
      },
      {
        attributes: { type: 'Lead', url: `/services/data/v66.0/sobjects/Lead/${org.ids.converted}` },
        Id: org.ids.converted,
      },
    ]);
  });

  it('applies global fields, where, orderBy and the limits', () => {
    const names = (body: Record<string, unknown>) => searched({ q: 'Acme', ...body }).searchRecords.map((r) => r.Name);
    expect(
      names({ fields: ['Name'], sobjects: [{ name: 'Opportunity', orderBy: 'Amount DESC' }, { name: 'Account' }] }),
    ).toEqual(['Acme - Renewal', 'Acme - Expansion', 'Acme Corp']);
    expect(names({ fields: ['Name'], sobjects: [{ name: 'Opportunity', where: 'Amount < 6000' }] })).toEqual([
      'Acme - Expansion',
    ]);
    expect(
      names({ fields: ['Name'], defaultLimit: 1, sobjects: [{ name: 'Opportunity' }, { name: 'Account', limit: 5 }] }),
    ).toEqual(['Acme - Expansion', 'Acme Corp']);
    expect(
      names({ fields: ['Name'], overallLimit: 2, sobjects: [{ name: 'Opportunity' }, { name: 'Account' }] }),
    ).toEqual(['Acme - Expansion', 'Acme Corp']);
  });

  it('searches every searchable object without sobjects, with the global fields each one has', () => {
    expect(searched({ q: 'Zephyr', fields: ['Subject', 'Status'] }).searchRecords).toEqual([
      {
        attributes: { type: 'Task', url: `/services/data/v66.0/sobjects/Task/${org.ids.call}` },
        Id: org.ids.call,
        Subject: 'Call about Zephyr rollout',
        Status: 'Completed',
      },
      {
        attributes: { type: 'Case', url: `/services/data/v66.0/sobjects/Case/${org.ids.ticket}` },
        Id: org.ids.ticket,
        Subject: 'Zephyr outage',
        Status: 'New',
      },
    ]);
    expect(
      failure(() => searched({ q: 'Zephyr', fields: ['Subject'], sobjects: [{ name: 'Account' }] })).errorCode,
    ).toBe('INVALID_FIELD');
  });

  it('treats q as a search string, not SOSL', () => {
    expect(
      searched({ q: '4155551212', in: 'PHONE', sobjects: [{ name: 'Contact' }] }).searchRecords.map((r) => r.Id),
    ).toEqual([org.ids.grace]);
    expect(searched({ q: 'FIND {Lovelace}', sobjects: [{ name: 'Contact' }] }).searchRecords).toEqual([]);
    expect(searched({ q: 'Hopper OR Turing' }).searchRecords.map((r) => r.Id)).toEqual([org.ids.alan, org.ids.grace]);
  });

  it('validates the body', () => {
    expect(failure(() => searched({}))).toEqual({
      status: 400,
      errorCode: 'MALFORMED_SEARCH',
      message: 'Missing or empty required parameter: q',
      body: [{ message: 'Missing or empty required parameter: q', errorCode: 'MALFORMED_SEARCH' }],
    });
    expect(failure(() => searched({ q: '  ' })).errorCode).toBe('MALFORMED_SEARCH');
    expect(failure(() => searched({ q: 'x' })).message).toBe('search term must be longer than one character');
    expect(failure(() => searched([{ q: 'Acme' }])).errorCode).toBe('JSON_PARSER_ERROR');
    expect(failure(() => searched({ q: 42 })).errorCode).toBe('JSON_PARSER_ERROR');
    expect(failure(() => searched({ q: 'Acme', sobjects: 'Account' })).errorCode).toBe('JSON_PARSER_ERROR');
    expect(failure(() => searched({ q: 'Acme', in: 'EVERYWHERE' })).errorCode).toBe('JSON_PARSER_ERROR');
    expect(failure(() => searched({ q: 'Acme', defaultLimit: 'ten' })).errorCode).toBe('JSON_PARSER_ERROR');
    expect(failure(() => searched({ q: 'Acme', overallLimit: 0 })).errorCode).toBe('MALFORMED_SEARCH');
    expect(failure(() => searched({ q: 'Acme', sobjects: [{ fields: ['Name'] }] })).errorCode).toBe('MALFORMED_SEARCH');
    expect(failure(() => searched({ q: 'Acme', sobjects: [{ name: 'Widget__c' }] })).errorCode).toBe('INVALID_TYPE');
    expect(failure(() => searched({ q: 'Acme', sobjects: [{ name: 'Account', fields: ['Bacon'] }] }))).toMatchObject({
      errorCode: 'INVALID_FIELD',
      message: expect.stringMatching(/^No such column 'Bacon' on entity 'Account'\./) as unknown,
    });
    expect(failure(() => searched({ q: 'Acme', sobjects: [{ name: 'Account', where: 'Name = ' }] })).errorCode).toBe(
      'MALFORMED_SEARCH',
    );
  });

  it('applies field-level security', () => {
    store.hideField('Lead', 'MobilePhone');
    expect(searched({ q: '07700900123', in: 'PHONE' }).searchRecords).toEqual([]);
    expect(
      failure(() => searched({ q: 'Turing', sobjects: [{ name: 'Lead', fields: ['MobilePhone'] }] })).errorCode,
    ).toBe('INVALID_FIELD');
  });
});
