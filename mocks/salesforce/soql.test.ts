import { beforeEach, describe, expect, it } from 'vitest';
import { SfApiError } from './errors';
import { PERSON_ACCOUNT_RECORD_TYPE_ID } from './schema';
import { runSoql, type QueryResult, type QueryRow } from './soql';
import { OrgStore } from './store';

/** Wednesday; the week (Sunday start) is 2026-03-15 .. 2026-03-21. */
const NOW = new Date('2026-03-18T12:00:00.000Z');
const V = 'v66.0';

function seedOrg() {
  const store = new OrgStore();
  store.now = () => NOW;
  const jane = store.seed('User', {
    FirstName: 'Jane',
    LastName: 'Doe',
    Email: 'jane@acme.test',
    Username: 'jane@acme.test',
    Phone: '+1 415 555 0100',
    Title: 'Account Executive',
    IsActive: true,
  });
  const sam = store.seed('User', {
    FirstName: 'Sam',
    LastName: 'Lee',
    Email: 'sam@acme.test',
    Username: 'sam@acme.test',
    IsActive: true,
  });
  const queue = store.seed('Group', { Name: 'Support Queue', Type: 'Queue' });
  const acme = store.seed('Account', {
    Name: 'Acme Corp',
    Phone: '(415) 555-1212',
    Industry: 'Technology',
    OwnerId: jane,
  });
  const globex = store.seed('Account', { Name: 'Globex', Phone: '+44 20 7946 0958', OwnerId: sam });
  const initech = store.seed('Account', { Name: 'Initech', OwnerId: sam });
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
    Email: 'ada@example.com',
    Phone: '+14155551212',
    MobilePhone: '020 7946 0958',
    AccountId: acme,
    OwnerId: jane,
    Title: 'R\\D',
    Department: 'Line1\nLine2',
    CreatedDate: '2026-03-17T08:00:00.000+0000',
  });
  const grace = store.seed('Contact', {
    FirstName: 'Grace',
    LastName: 'Hopper',
    Email: 'grace@navy.test',
    Phone: '(415) 555-1212',
    AccountId: acme,
    OwnerId: sam,
    Title: 'Rear Admiral',
    CreatedDate: '2026-03-18T09:30:00.000+0000',
  });
  const linus = store.seed('Contact', {
    FirstName: 'Linus',
    LastName: "O'Brien",
    Phone: '+1 415-555-1212 ext. 22',
    AccountId: globex,
    OwnerId: sam,
    Title: '100% Done_Right',
    CreatedDate: '2026-03-10T12:00:00.000+0000',
  });
  const orphan = store.seed('Contact', {
    LastName: 'Nobody',
    OwnerId: jane,
    CreatedDate: '2026-02-01T00:00:00.000+0000',
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
    ConvertedAccountId: acme,
    ConvertedDate: '2026-03-01',
    OwnerId: jane,
  });
  const queued = store.seed('Lead', { LastName: 'Queued', Company: 'Waiting Ltd', OwnerId: queue });
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
  const pilot = store.seed('Opportunity', {
    Name: 'Globex Pilot',
    AccountId: globex,
    StageName: 'Qualification',
    Amount: 800,
    CloseDate: '2026-03-18',
    OwnerId: sam,
  });
  store.seed('OpportunityContactRole', {
    OpportunityId: expansion,
    ContactId: ada,
    Role: 'Decision Maker',
    IsPrimary: true,
  });
  const openTask = store.seed('Task', {
    Subject: 'Send proposal',
    Status: 'Not Started',
    ActivityDate: '2026-03-20',
    WhoId: ada,
    WhatId: expansion,
    OwnerId: jane,
    LastModifiedDate: '2026-03-17T10:00:00.000+0000',
  });
  const undatedTask = store.seed('Task', {
    Subject: 'Someday',
    Status: 'In Progress',
    WhoId: ada,
    OwnerId: jane,
    LastModifiedDate: '2026-03-16T10:00:00.000+0000',
  });
  const call = store.seed('Task', {
    Subject: 'Inbound call',
    Status: 'Completed',
    TaskSubtype: 'Call',
    CallType: 'Inbound',
    CallDurationInSeconds: 185,
    ActivityDate: '2026-03-10',
    WhoId: ada,
    OwnerId: jane,
    LastModifiedDate: '2026-03-10T15:00:00.000+0000',
  });
  const email = store.seed('Task', {
    Subject: 'Email sent',
    Status: 'Completed',
    TaskSubtype: 'Email',
    ActivityDate: '2026-03-10',
    WhoId: ada,
    OwnerId: jane,
    LastModifiedDate: '2026-03-11T15:00:00.000+0000',
  });
  const leadTask = store.seed('Task', {
    Subject: 'Call Alan',
    Status: 'Not Started',
    ActivityDate: '2026-03-19',
    WhoId: alan,
    OwnerId: queue,
  });
  const pastMeeting = store.seed('Event', {
    Subject: 'Kickoff',
    StartDateTime: '2026-03-01T10:00:00.000+0000',
    EndDateTime: '2026-03-01T11:00:00.000+0000',
    WhoId: ada,
    OwnerId: jane,
    LastModifiedDate: '2026-03-01T11:00:00.000+0000',
  });
  const nextMeeting = store.seed('Event', {
    Subject: 'Review',
    StartDateTime: '2026-03-25T10:00:00.000+0000',
    EndDateTime: '2026-03-25T11:00:00.000+0000',
    WhoId: ada,
    OwnerId: jane,
  });
  const printer = store.seed('Case', {
    Subject: 'Printer on fire',
    AccountId: acme,
    ContactId: ada,
    Priority: 'High',
    Origin: 'Phone',
    OwnerId: queue,
  });
  store.seed('CaseComment', { ParentId: printer, CommentBody: 'Extinguisher sent', IsPublished: true });
  store.seed('Case', { Subject: 'Old issue', AccountId: globex, Status: 'Closed', OwnerId: sam });
  return {
    store,
    ids: {
      jane,
      sam,
      queue,
      acme,
      globex,
      initech,
      person,
      ada,
      grace,
      linus,
      orphan,
      alan,
      converted,
      queued,
      expansion,
      renewal,
      pilot,
    },
    activities: { openTask, undatedTask, call, email, leadTask, pastMeeting, nextMeeting },
  };
}

let org: ReturnType<typeof seedOrg>;
let store: OrgStore;
beforeEach(() => {
  org = seedOrg();
  store = org.store;
});

function q(soql: string, options: { apiVersion?: string; includeDeleted?: boolean } = {}): QueryResult {
  return runSoql(store, soql, { apiVersion: options.apiVersion ?? V, includeDeleted: options.includeDeleted ?? false });
}

function ids(soql: string): string[] {
  return q(soql).records.map((r) => r.Id as string);
}

function field(soql: string, name: string): unknown[] {
  return q(soql).records.map((r) => r[name]);
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
  throw new Error('expected the query to fail');
}

const COLUMN_HINT =
  "If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.";
const RELATIONSHIP_HINT =
  "If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.";

function positioned(line: string, column: number, message: string): string {
  return `\n${line}\n${' '.repeat(column - 1)}^\nERROR at Row:1:Column:${column}\n${message}`;
}

describe('select list', () => {
  it('returns the selected fields with canonical casing, attributes and Salesforce JSON types', () => {
    const result = q(
      `select id, NAME, amount, isclosed, closedate, createddate, stagename from opportunity where id = '${org.ids.expansion}'`,
    );
    expect(result).toEqual({
      totalSize: 1,
      done: true,
      records: [
        {
          attributes: { type: 'Opportunity', url: `/services/data/v66.0/sobjects/Opportunity/${org.ids.expansion}` },
          Id: org.ids.expansion,
          Name: 'Acme - Expansion',
          Amount: 5000,
          IsClosed: false,
          CloseDate: '2026-04-30',
          CreatedDate: '2026-03-18T12:00:00.000+0000',
          StageName: 'Prospecting',
        },
      ],
    });
  });

  it('uses the API version of the request in attribute urls', () => {
    const [row] = q(`SELECT Id FROM Account WHERE Id = '${org.ids.acme}'`, { apiVersion: 'v59.0' }).records;
    expect(row?.attributes.url).toBe(`/services/data/v59.0/sobjects/Account/${org.ids.acme}`);
  });

  it('computes compound names and derived flags through the store', () => {
    const [row] = q(`SELECT Name, FirstName FROM Contact WHERE Id = '${org.ids.ada}'`).records;
    expect(row).toMatchObject({ Name: 'Ada Lovelace', FirstName: 'Ada' });
    expect(field(`SELECT IsClosed FROM Task WHERE Id = '${org.activities.call}'`, 'IsClosed')).toEqual([true]);
  });

  it('nests parent fields under the relationship, merging paths that share it', () => {
    const [row] = q(
      `SELECT Id, Owner.Name, Owner.Email, Account.Name, Account.Owner.Name FROM Contact WHERE Id = '${org.ids.ada}'`,
    ).records;
    expect(row).toEqual({
      attributes: { type: 'Contact', url: `/services/data/v66.0/sobjects/Contact/${org.ids.ada}` },
      Id: org.ids.ada,
      Owner: {
        attributes: { type: 'User', url: `/services/data/v66.0/sobjects/User/${org.ids.jane}` },
        Name: 'Jane Doe',
        Email: 'jane@acme.test',
      },
      Account: {
        attributes: { type: 'Account', url: `/services/data/v66.0/sobjects/Account/${org.ids.acme}` },
        Name: 'Acme Corp',
        Owner: {
          attributes: { type: 'User', url: `/services/data/v66.0/sobjects/User/${org.ids.jane}` },
          Name: 'Jane Doe',
        },
      },
    });
  });

  it('answers null for an empty lookup', () => {
    const [row] = q(`SELECT Account.Name, Account.Owner.Name FROM Contact WHERE Id = '${org.ids.orphan}'`).records;
    expect(row).toEqual({ attributes: expect.any(Object) as unknown, Account: null });
  });

  it('resolves polymorphic Who/What/Owner by the referenced record type, through the Name entity', () => {
    const rows = q(
      `SELECT Subject, Who.Name, Who.Type, Who.Email, What.Name, What.Type, Owner.Name, Owner.Type FROM Task WHERE Subject IN ('Send proposal', 'Call Alan') ORDER BY Subject`,
    ).records;
    expect(rows[0]).toMatchObject({
      Subject: 'Call Alan',
      Who: {
        attributes: { type: 'Lead', url: `/services/data/v66.0/sobjects/Lead/${org.ids.alan}` },
        Name: 'Alan Turing',
        Type: 'Lead',
        Email: null,
      },
      What: null,
      Owner: { attributes: { type: 'Group' }, Name: 'Support Queue', Type: 'Queue' },
    });
    expect(rows[1]).toMatchObject({
      Subject: 'Send proposal',
      // The Name entity fills Email only for users.
      Who: { attributes: { type: 'Contact' }, Name: 'Ada Lovelace', Type: 'Contact', Email: null },
      What: { attributes: { type: 'Opportunity' }, Name: 'Acme - Expansion', Type: 'Opportunity' },
      Owner: { attributes: { type: 'User' }, Name: 'Jane Doe', Type: 'User' },
    });
    const printer = q(`SELECT Id, CaseNumber FROM Case WHERE Subject = 'Printer on fire'`).records[0];
    store.seed('Task', {
      Subject: 'Follow up fire',
      Status: 'Not Started',
      WhatId: printer?.Id as string,
      OwnerId: org.ids.jane,
    });
    expect(q(`SELECT What.Name, What.Type FROM Task WHERE Subject = 'Follow up fire'`).records[0]?.What).toMatchObject({
      Name: printer?.CaseNumber,
      Type: 'Case',
    });
    const [lead] = q(`SELECT Owner.Email, Owner.Title FROM Lead WHERE Id = '${org.ids.alan}'`).records;
    expect(lead?.Owner).toMatchObject({ Email: 'jane@acme.test', Title: 'Account Executive' });
  });

  it('refuses a field the Name entity does not have', () => {
    const soql = 'SELECT Who.Company FROM Task';
    expect(failure(() => q(soql))).toMatchObject({
      status: 400,
      errorCode: 'INVALID_FIELD',
      message: positioned(soql, 8, `No such column 'Company' on entity 'Name'. ${COLUMN_HINT}`),
    });
  });

  it('follows ConvertedContact on a converted lead', () => {
    const [row] = q(
      `SELECT IsConverted, ConvertedContact.Name, ConvertedDate FROM Lead WHERE Id = '${org.ids.converted}'`,
    ).records;
    expect(row).toMatchObject({
      IsConverted: true,
      ConvertedContact: { attributes: { type: 'Contact' }, Name: 'Ada Lovelace' },
      ConvertedDate: '2026-03-01',
    });
  });

  it('accepts alias and object-name qualifiers', () => {
    const rows = q(`SELECT c.Name, c.Account.Name FROM Contact c WHERE c.LastName = 'Hopper'`).records;
    expect(rows).toEqual([
      {
        attributes: expect.any(Object) as unknown,
        Name: 'Grace Hopper',
        Account: expect.objectContaining({ Name: 'Acme Corp' }) as unknown,
      },
    ]);
    expect(field(`SELECT Contact.LastName FROM Contact WHERE Contact.FirstName = 'Grace'`, 'LastName')).toEqual([
      'Hopper',
    ]);
  });

  it('supports TYPEOF on polymorphic lookups', () => {
    const rows = q(
      `SELECT Subject, TYPEOF What WHEN Opportunity THEN Name, StageName WHEN Account THEN Name, Phone END FROM Task WHERE WhoId = '${org.ids.ada}' AND WhatId != null`,
    ).records;
    expect(rows).toEqual([
      {
        attributes: expect.any(Object) as unknown,
        Subject: 'Send proposal',
        What: {
          attributes: { type: 'Opportunity', url: `/services/data/v66.0/sobjects/Opportunity/${org.ids.expansion}` },
          Name: 'Acme - Expansion',
          StageName: 'Prospecting',
        },
      },
    ]);
  });

  it('expands FIELDS(STANDARD) and requires a LIMIT for FIELDS(ALL)', () => {
    const [row] = q(`SELECT FIELDS(STANDARD) FROM Case WHERE Subject = 'Printer on fire'`).records;
    expect(row).toMatchObject({ Subject: 'Printer on fire', Priority: 'High', Status: 'New' });
    expect(row).not.toHaveProperty('conversationId__c');
    expect(failure(() => q('SELECT FIELDS(ALL) FROM Case'))).toMatchObject({ errorCode: 'MALFORMED_QUERY' });
    expect(q('SELECT FIELDS(ALL) FROM Case LIMIT 1').records[0]).toHaveProperty('conversationId__c');
  });

  it('returns picklist labels with toLabel()', () => {
    expect(field(`SELECT toLabel(StageName) FROM Opportunity WHERE Id = '${org.ids.pilot}'`, 'StageName')).toEqual([
      'Qualification',
    ]);
  });

  it('refuses a field selected twice, as Salesforce does', () => {
    expect(failure(() => q('SELECT Id, Name, id FROM Account'))).toEqual({
      status: 400,
      errorCode: 'INVALID_FIELD',
      message: 'duplicate field selected: Id',
      body: [{ message: 'duplicate field selected: Id', errorCode: 'INVALID_FIELD' }],
    });
  });
});

describe('WHERE', () => {
  it('compares strings case-insensitively and ids in 15- or 18-character form', () => {
    expect(ids(`SELECT Id FROM Contact WHERE LastName = 'LOVELACE'`)).toEqual([org.ids.ada]);
    expect(ids(`SELECT Id FROM Contact WHERE Id = '${org.ids.ada.slice(0, 15)}'`)).toEqual([org.ids.ada]);
    expect(
      ids(`SELECT Id FROM Contact WHERE AccountId IN ('${org.ids.globex}', '${org.ids.initech.slice(0, 15)}')`),
    ).toEqual([org.ids.linus]);
  });

  it('treats != and <> alike, and counts nulls as different', () => {
    const all = ids('SELECT Id FROM Contact');
    const notAda = all.filter((id) => id !== org.ids.ada);
    expect(ids(`SELECT Id FROM Contact WHERE FirstName != 'Ada'`)).toEqual(notAda);
    expect(ids(`SELECT Id FROM Contact WHERE FirstName <> 'ada'`)).toEqual(notAda);
    expect(ids(`SELECT Id FROM Contact WHERE FirstName = null`)).toEqual([org.ids.orphan]);
    expect(ids(`SELECT Id FROM Contact WHERE AccountId != null AND IsPersonAccount = false`)).toEqual([
      org.ids.ada,
      org.ids.grace,
      org.ids.linus,
    ]);
  });

  it('compares numbers, dates and strings with < <= > >=', () => {
    expect(field('SELECT Name FROM Opportunity WHERE Amount > 800', 'Name')).toEqual([
      'Acme - Expansion',
      'Acme - Renewal',
    ]);
    expect(field('SELECT Name FROM Opportunity WHERE Amount >= 800 AND Amount < 12000', 'Name')).toEqual([
      'Acme - Expansion',
      'Globex Pilot',
    ]);
    expect(field('SELECT Name FROM Opportunity WHERE CloseDate <= 2026-03-18', 'Name')).toEqual([
      'Acme - Renewal',
      'Globex Pilot',
    ]);
    expect(field(`SELECT Name FROM Account WHERE Name < 'b'`, 'Name')).toEqual(['Acme Corp']);
  });

  it('supports IN, NOT IN with nulls', () => {
    expect(field(`SELECT LastName FROM Contact WHERE FirstName IN ('ada', 'GRACE')`, 'LastName')).toEqual([
      'Lovelace',
      'Hopper',
    ]);
    expect(field(`SELECT LastName FROM Contact WHERE FirstName IN ('Ada', null)`, 'LastName')).toEqual([
      'Lovelace',
      'Nobody',
    ]);
    expect(
      field(
        `SELECT LastName FROM Contact WHERE FirstName NOT IN ('Ada', 'Grace', 'Pat') AND IsPersonAccount = false`,
        'LastName',
      ),
    ).toEqual(["O'Brien", 'Nobody']);
  });

  it('matches LIKE case-insensitively with % and _, honouring \\% and \\_', () => {
    expect(field(`SELECT Name FROM Account WHERE Name LIKE 'acme%'`, 'Name')).toEqual(['Acme Corp']);
    expect(field(`SELECT Name FROM Account WHERE Name LIKE '_lobex'`, 'Name')).toEqual(['Globex']);
    expect(field(`SELECT LastName FROM Contact WHERE Title LIKE '100\\% Done\\_%'`, 'LastName')).toEqual(["O'Brien"]);
    // Unescaped, % and _ are wildcards and match other titles too.
    expect(field(`SELECT LastName FROM Contact WHERE Title LIKE '%r%'`, 'LastName')).toEqual([
      'Lovelace',
      'Hopper',
      "O'Brien",
    ]);
    expect(field(`SELECT LastName FROM Contact WHERE Title LIKE '1__\\% %'`, 'LastName')).toEqual(["O'Brien"]);
    expect(field(`SELECT LastName FROM Contact WHERE Title LIKE '100\\_%'`, 'LastName')).toEqual([]);
  });

  it('unescapes string literals', () => {
    expect(ids(`SELECT Id FROM Contact WHERE LastName = 'O\\'Brien'`)).toEqual([org.ids.linus]);
    expect(ids(`SELECT Id FROM Contact WHERE Title = 'R\\\\D'`)).toEqual([org.ids.ada]);
    expect(ids(`SELECT Id FROM Contact WHERE Department = 'Line1\\nLine2'`)).toEqual([org.ids.ada]);
    expect(failure(() => q(`SELECT Id FROM Contact WHERE LastName = 'a\\qb'`))).toMatchObject({
      errorCode: 'MALFORMED_QUERY',
      message: expect.stringContaining('Illegal character sequence \\q in string literal') as unknown,
    });
  });

  it('combines AND, OR, NOT and parentheses into a proper tree', () => {
    const names = (where: string) => field(`SELECT Name FROM Opportunity WHERE ${where}`, 'Name');
    expect(names(`(StageName = 'Prospecting' OR StageName = 'Qualification') AND Amount > 1000`)).toEqual([
      'Acme - Expansion',
    ]);
    expect(names(`StageName = 'Closed Won' OR (StageName = 'Qualification' AND Amount < 1000)`)).toEqual([
      'Acme - Renewal',
      'Globex Pilot',
    ]);
    expect(names(`NOT (StageName = 'Prospecting' OR Amount > 10000)`)).toEqual(['Globex Pilot']);
    expect(names(`NOT StageName = 'Prospecting' AND Amount > 10000`)).toEqual(['Acme - Renewal']);
    expect(names(`Amount > 100 AND NOT (NOT (IsWon = true))`)).toEqual(['Acme - Renewal']);
    expect(names(`((Amount > 100)) AND (IsClosed = false AND (Name LIKE '%Pilot' OR Name LIKE '%Expansion'))`)).toEqual(
      ['Acme - Expansion', 'Globex Pilot'],
    );
  });

  it('refuses AND and OR mixed without parentheses', () => {
    const soql = `SELECT Id FROM Opportunity WHERE Amount > 1 AND Amount < 5 OR Name = 'x'`;
    expect(failure(() => q(soql))).toEqual({
      status: 400,
      errorCode: 'MALFORMED_QUERY',
      message: positioned(soql, 60, "unexpected token: 'OR'"),
      body: expect.any(Array) as unknown,
    });
    // Older API versions print the token unquoted.
    expect(failure(() => q(soql, { apiVersion: 'v58.0' })).message).toMatch(/unexpected token: OR$/);
  });

  it('filters booleans and refuses quoted booleans or unquoted strings', () => {
    expect(ids('SELECT Id FROM Lead WHERE IsConverted = false')).toEqual([org.ids.alan, org.ids.queued]);
    expect(ids('SELECT Id FROM Lead WHERE IsConverted = TRUE')).toEqual([org.ids.converted]);
    const quoted = `SELECT Id FROM Lead WHERE IsConverted = 'false'`;
    expect(failure(() => q(quoted))).toMatchObject({
      errorCode: 'MALFORMED_QUERY',
      message: positioned(
        quoted,
        27,
        "value of filter criterion for field 'IsConverted' must be of type boolean and should not be enclosed in quotes",
      ),
    });
    expect(failure(() => q(quoted, { apiVersion: 'v58.0' })).errorCode).toBe('INVALID_QUERY_FILTER_OPERATOR');
    expect(failure(() => q('SELECT Id FROM Lead WHERE LastName = 5')).message).toContain(
      "value of filter criterion for field 'LastName' must be of type string and should be enclosed in quotes",
    );
    expect(failure(() => q(`SELECT Id FROM Opportunity WHERE CloseDate = '2026-01-01'`)).message).toContain(
      'must be of type date and should not be enclosed',
    );
  });

  it('refuses a malformed id', () => {
    expect(failure(() => q(`SELECT Id FROM Contact WHERE AccountId = 'abc'`))).toMatchObject({
      errorCode: 'MALFORMED_QUERY',
      message: expect.stringContaining('invalid ID field: abc') as unknown,
    });
  });

  it('refuses a long text area in WHERE and ORDER BY', () => {
    const soql = `SELECT Id FROM Lead WHERE Description = 'x'`;
    expect(failure(() => q(soql))).toMatchObject({
      errorCode: 'INVALID_FIELD',
      message: positioned(soql, 27, "field 'Description' can not be filtered in a query call"),
    });
    expect(failure(() => q('SELECT Id FROM Lead ORDER BY Description')).message).toContain(
      "field 'Description' can not be sorted in a query call",
    );
  });

  it('filters through relationship paths, including polymorphic ones', () => {
    expect(field(`SELECT LastName FROM Contact WHERE Account.Name = 'acme corp'`, 'LastName')).toEqual([
      'Lovelace',
      'Hopper',
    ]);
    expect(field(`SELECT LastName FROM Contact WHERE Account.Owner.LastName = 'Lee'`, 'LastName')).toEqual(["O'Brien"]);
    expect(field(`SELECT Subject FROM Task WHERE Who.Type = 'Lead'`, 'Subject')).toEqual(['Call Alan']);
    expect(field(`SELECT LastName FROM Lead WHERE Owner.Type = 'Queue'`, 'LastName')).toEqual(['Queued']);
  });

  it('supports Id IN (SELECT …) semi-joins', () => {
    expect(
      field(`SELECT Name FROM Account WHERE Id IN (SELECT AccountId FROM Contact WHERE LastName = 'Hopper')`, 'Name'),
    ).toEqual(['Acme Corp']);
    expect(
      field(
        `SELECT Name FROM Account WHERE Id NOT IN (SELECT AccountId FROM Opportunity) AND IsPersonAccount = false`,
        'Name',
      ),
    ).toEqual(['Initech']);
  });
});

describe('date and datetime literals (now pinned to Wednesday 2026-03-18 12:00Z)', () => {
  it('compares date fields by date', () => {
    const closing = (literal: string) => field(`SELECT Name FROM Opportunity WHERE CloseDate = ${literal}`, 'Name');
    expect(closing('TODAY')).toEqual(['Globex Pilot']);
    expect(closing('THIS_MONTH')).toEqual(['Globex Pilot']);
    expect(closing('LAST_MONTH')).toEqual(['Acme - Renewal']);
    expect(closing('NEXT_MONTH')).toEqual(['Acme - Expansion']);
    expect(closing('THIS_YEAR')).toEqual(['Acme - Expansion', 'Acme - Renewal', 'Globex Pilot']);
    expect(closing('NEXT_N_DAYS:43')).toEqual(['Acme - Expansion']);
    expect(closing('NEXT_N_DAYS:42')).toEqual([]);
    expect(closing('LAST_N_DAYS:31')).toEqual(['Acme - Renewal', 'Globex Pilot']);
    expect(closing('LAST_N_DAYS:30')).toEqual(['Globex Pilot']);
    expect(field('SELECT Name FROM Opportunity WHERE CloseDate < THIS_MONTH', 'Name')).toEqual(['Acme - Renewal']);
    expect(field('SELECT Name FROM Opportunity WHERE CloseDate > TODAY', 'Name')).toEqual(['Acme - Expansion']);
    expect(field('SELECT Name FROM Opportunity WHERE CloseDate >= TODAY', 'Name')).toEqual([
      'Acme - Expansion',
      'Globex Pilot',
    ]);
    expect(field('SELECT Name FROM Opportunity WHERE CloseDate <= LAST_MONTH', 'Name')).toEqual(['Acme - Renewal']);
  });

  it('uses the literal range for datetime fields', () => {
    const created = (literal: string) =>
      field(`SELECT LastName FROM Contact WHERE CreatedDate = ${literal} AND IsPersonAccount = false`, 'LastName');
    expect(created('TODAY')).toEqual(['Hopper']);
    expect(created('YESTERDAY')).toEqual(['Lovelace']);
    expect(created('THIS_WEEK')).toEqual(['Lovelace', 'Hopper']);
    expect(created('LAST_WEEK')).toEqual(["O'Brien"]);
    expect(created('LAST_N_DAYS:1')).toEqual(['Lovelace', 'Hopper']);
    expect(field(`SELECT LastName FROM Contact WHERE CreatedDate < THIS_WEEK`, 'LastName')).toEqual([
      "O'Brien",
      'Nobody',
    ]);
  });

  it('compares datetime literals in any offset as instants', () => {
    const after = (literal: string) =>
      field(`SELECT LastName FROM Contact WHERE CreatedDate > ${literal} AND IsPersonAccount = false`, 'LastName');
    expect(after('2026-03-18T09:00:00Z')).toEqual(['Hopper']);
    expect(after('2026-03-18T11:00:00+02:00')).toEqual(['Hopper']);
    expect(after('2026-03-18T06:00:00-04:00')).toEqual([]);
    expect(after('2026-03-17T07:59:59.000Z')).toEqual(['Lovelace', 'Hopper']);
    expect(failure(() => q('SELECT Id FROM Contact WHERE CreatedDate > 2026-03-18')).message).toContain(
      'must be of type dateTime',
    );
  });

  it('follows the pinned clock', () => {
    store.now = () => new Date('2026-05-02T00:00:00.000Z');
    expect(field('SELECT Name FROM Opportunity WHERE CloseDate = LAST_MONTH', 'Name')).toEqual(['Acme - Expansion']);
  });
});

describe('ORDER BY, LIMIT, OFFSET', () => {
  it('sorts by several fields, descending, with relationship fields', () => {
    expect(field('SELECT Name FROM Opportunity ORDER BY Account.Name DESC, Amount', 'Name')).toEqual([
      'Globex Pilot',
      'Acme - Expansion',
      'Acme - Renewal',
    ]);
    expect(field('SELECT Name FROM Opportunity ORDER BY Amount DESC', 'Name')).toEqual([
      'Acme - Renewal',
      'Acme - Expansion',
      'Globex Pilot',
    ]);
  });

  it('puts nulls first ascending and last descending unless told otherwise', () => {
    const asc = field(`SELECT FirstName FROM Contact WHERE IsPersonAccount = false ORDER BY FirstName`, 'FirstName');
    expect(asc).toEqual([null, 'Ada', 'Grace', 'Linus']);
    expect(
      field(`SELECT FirstName FROM Contact WHERE IsPersonAccount = false ORDER BY FirstName DESC`, 'FirstName'),
    ).toEqual(['Linus', 'Grace', 'Ada', null]);
    expect(
      field(
        `SELECT FirstName FROM Contact WHERE IsPersonAccount = false ORDER BY FirstName ASC NULLS LAST`,
        'FirstName',
      ),
    ).toEqual(['Ada', 'Grace', 'Linus', null]);
    expect(
      field(
        `SELECT FirstName FROM Contact WHERE IsPersonAccount = false ORDER BY FirstName DESC NULLS FIRST`,
        'FirstName',
      ),
    ).toEqual([null, 'Linus', 'Grace', 'Ada']);
  });

  it('sorts picklists in their defined order', () => {
    expect(field('SELECT StageName FROM Opportunity ORDER BY StageName', 'StageName')).toEqual([
      'Prospecting',
      'Qualification',
      'Closed Won',
    ]);
  });

  it('applies LIMIT and OFFSET after sorting', () => {
    expect(field('SELECT Name FROM Opportunity ORDER BY Name LIMIT 2', 'Name')).toEqual([
      'Acme - Expansion',
      'Acme - Renewal',
    ]);
    expect(field('SELECT Name FROM Opportunity ORDER BY Name LIMIT 1 OFFSET 1', 'Name')).toEqual(['Acme - Renewal']);
    expect(q('SELECT Name FROM Opportunity ORDER BY Name OFFSET 2').totalSize).toBe(1);
  });

  it('refuses an OFFSET above 2000', () => {
    expect(q('SELECT Id FROM Lead OFFSET 2000').records).toEqual([]);
    expect(failure(() => q('SELECT Id FROM Lead OFFSET 2001'))).toEqual({
      status: 400,
      errorCode: 'NUMBER_OUTSIDE_VALID_RANGE',
      message: 'Maximum SOQL offset allowed is 2000',
      body: [{ message: 'Maximum SOQL offset allowed is 2000', errorCode: 'NUMBER_OUTSIDE_VALID_RANGE' }],
    });
  });
});

describe('aggregates', () => {
  it('answers COUNT() with totalSize and no records', () => {
    expect(q('SELECT COUNT() FROM Lead')).toEqual({ totalSize: 3, done: true, records: [] });
    expect(q('SELECT COUNT() FROM Lead WHERE IsConverted = false')).toEqual({ totalSize: 2, done: true, records: [] });
    expect(q('SELECT COUNT() FROM Lead LIMIT 1').totalSize).toBe(1);
    expect(failure(() => q('SELECT COUNT() FROM Lead GROUP BY Status')).errorCode).toBe('MALFORMED_QUERY');
    expect(failure(() => q('SELECT COUNT(), Name FROM Lead')).errorCode).toBe('MALFORMED_QUERY');
  });

  it('answers COUNT(field) with AggregateResult rows named expr0 or by alias', () => {
    expect(q('SELECT COUNT(Id) FROM Contact WHERE AccountId != null AND IsPersonAccount = false')).toEqual({
      totalSize: 1,
      done: true,
      records: [{ attributes: { type: 'AggregateResult' }, expr0: 3 }],
    });
    expect(q('SELECT COUNT(FirstName) named, COUNT(Id) FROM Contact').records).toEqual([
      { attributes: { type: 'AggregateResult' }, named: 4, expr0: 5 },
    ]);
  });

  it('groups, filters groups with HAVING and sorts by aggregates', () => {
    const result = q(
      'SELECT AccountId, COUNT(Id) n, SUM(Amount) total, MAX(CloseDate) FROM Opportunity GROUP BY AccountId ORDER BY SUM(Amount) DESC',
    );
    expect(result.records).toEqual([
      { attributes: { type: 'AggregateResult' }, AccountId: org.ids.acme, n: 2, total: 17000, expr0: '2026-04-30' },
      { attributes: { type: 'AggregateResult' }, AccountId: org.ids.globex, n: 1, total: 800, expr0: '2026-03-18' },
    ]);
    expect(
      q('SELECT Account.Name, COUNT(Id) FROM Opportunity GROUP BY Account.Name HAVING COUNT(Id) > 1').records,
    ).toEqual([{ attributes: { type: 'AggregateResult' }, Name: 'Acme Corp', expr0: 2 }]);
  });

  it('refuses a field that is neither grouped nor aggregated', () => {
    const soql = 'SELECT Name, COUNT(Id) FROM Opportunity GROUP BY StageName';
    expect(failure(() => q(soql))).toMatchObject({
      errorCode: 'MALFORMED_QUERY',
      message: positioned(soql, 8, 'Field must be grouped or aggregated: Name'),
    });
  });
});

describe('child subqueries', () => {
  it('nests child records, or null when there are none', () => {
    const rows = q(
      `SELECT Name, (SELECT LastName FROM Contacts ORDER BY LastName), (SELECT Name, StageName FROM opportunities WHERE IsClosed = false) FROM Account WHERE Name IN ('Acme Corp', 'Initech') ORDER BY Name`,
    ).records;
    expect(rows).toEqual([
      {
        attributes: { type: 'Account', url: `/services/data/v66.0/sobjects/Account/${org.ids.acme}` },
        Name: 'Acme Corp',
        Contacts: {
          totalSize: 2,
          done: true,
          records: [
            {
              attributes: { type: 'Contact', url: `/services/data/v66.0/sobjects/Contact/${org.ids.grace}` },
              LastName: 'Hopper',
            },
            {
              attributes: { type: 'Contact', url: `/services/data/v66.0/sobjects/Contact/${org.ids.ada}` },
              LastName: 'Lovelace',
            },
          ],
        },
        Opportunities: {
          totalSize: 1,
          done: true,
          records: [
            {
              attributes: expect.objectContaining({ type: 'Opportunity' }) as unknown,
              Name: 'Acme - Expansion',
              StageName: 'Prospecting',
            },
          ],
        },
      },
      { attributes: expect.any(Object) as unknown, Name: 'Initech', Contacts: null, Opportunities: null },
    ]);
  });

  it('honours the subquery LIMIT, relationship prefixes and parent fields inside', () => {
    const [row] = q(
      `SELECT Account.Name, (SELECT Contact.FirstName, Owner.Name FROM Account.Contacts ORDER BY FirstName DESC LIMIT 1) FROM Account WHERE Id = '${org.ids.acme}'`,
    ).records;
    expect(row).toMatchObject({
      Name: 'Acme Corp',
      Contacts: { totalSize: 1, records: [{ FirstName: 'Grace', Owner: { Name: 'Sam Lee' } }] },
    });
  });

  it('reads Tasks, Events, Cases, CaseComments and OpportunityContactRoles', () => {
    const [contact] = q(
      `SELECT (SELECT Subject FROM Tasks ORDER BY Subject), (SELECT Subject FROM Events WHERE StartDateTime > TODAY), (SELECT Subject, Priority FROM Cases), (SELECT Role, Opportunity.Name FROM OpportunityContactRoles) FROM Contact WHERE Id = '${org.ids.ada}'`,
    ).records;
    expect((contact?.Tasks as QueryResult).records.map((r) => r.Subject)).toEqual([
      'Email sent',
      'Inbound call',
      'Send proposal',
      'Someday',
    ]);
    expect((contact?.Events as QueryResult).records.map((r) => r.Subject)).toEqual(['Review']);
    expect((contact?.Cases as QueryResult).records).toEqual([
      { attributes: expect.any(Object) as unknown, Subject: 'Printer on fire', Priority: 'High' },
    ]);
    expect((contact?.OpportunityContactRoles as QueryResult).records[0]).toMatchObject({
      Role: 'Decision Maker',
      Opportunity: { Name: 'Acme - Expansion' },
    });
    const [kase] = q(
      `SELECT (SELECT CommentBody FROM CaseComments) FROM Case WHERE Subject = 'Printer on fire'`,
    ).records;
    expect((kase?.CaseComments as QueryResult).records.map((r) => r.CommentBody)).toEqual(['Extinguisher sent']);
  });

  it('refuses an unknown child relationship', () => {
    const soql = 'SELECT Id, (SELECT Id FROM Contactz) FROM Account';
    expect(failure(() => q(soql))).toEqual({
      status: 400,
      errorCode: 'INVALID_TYPE',
      message: positioned(
        soql,
        28,
        `Didn't understand relationship 'Contactz' in FROM part of query call. ${RELATIONSHIP_HINT}`,
      ),
      body: expect.any(Array) as unknown,
    });
  });

  it('refuses an unknown field inside a subquery, pointing at it', () => {
    const soql = 'SELECT Name, (SELECT Bacon FROM Contacts) FROM Account';
    expect(failure(() => q(soql)).message).toBe(
      positioned(soql, 22, `No such column 'Bacon' on entity 'Contact'. ${COLUMN_HINT}`),
    );
  });
});

describe('ActivityHistories and OpenActivities', () => {
  const history = (extra = '') =>
    `SELECT Id, (SELECT Id, Subject, ActivityDate, ActivitySubtype, IsTask, CallDurationInSeconds, Owner.Name FROM ActivityHistories ${extra || 'ORDER BY ActivityDate DESC, LastModifiedDate DESC LIMIT 200'}) FROM Contact`;

  it('lists closed tasks and past events for one parent, in the required order', () => {
    const [row] = q(`${history()} WHERE Id = '${org.ids.ada}'`).records;
    const activity = row?.ActivityHistories as QueryResult;
    expect(activity.totalSize).toBe(3);
    expect(activity.records.map((r) => [r.Subject, r.ActivityDate, r.ActivitySubtype, r.IsTask])).toEqual([
      ['Email sent', '2026-03-10', 'Email', true],
      ['Inbound call', '2026-03-10', 'Call', true],
      ['Kickoff', '2026-03-01', 'Event', false],
    ]);
    expect(activity.records[1]).toMatchObject({
      attributes: {
        type: 'ActivityHistory',
        url: `/services/data/v66.0/sobjects/ActivityHistory/${org.activities.call}`,
      },
      CallDurationInSeconds: 185,
      Owner: { attributes: { type: 'User' }, Name: 'Jane Doe' },
    });
  });

  it('lists open tasks and future events, undated ones last', () => {
    const [row] = q(
      `SELECT (SELECT Subject, ActivityDate, IsTask FROM OpenActivities ORDER BY ActivityDate ASC NULLS LAST, LastModifiedDate DESC LIMIT 500) FROM Contact WHERE Id = '${org.ids.ada}'`,
    ).records;
    const open = row?.OpenActivities as QueryResult;
    expect(open.records.map((r) => r.Subject)).toEqual(['Send proposal', 'Review', 'Someday']);
    expect(open.records[0]?.attributes).toEqual({
      type: 'OpenActivity',
      url: `/services/data/v66.0/sobjects/OpenActivity/${org.activities.openTask}`,
    });
  });

  it('answers null when a parent has no activity, and nothing when no parent matches', () => {
    expect(q(`${history()} WHERE Id = '${org.ids.grace}'`).records[0]?.ActivityHistories).toBeNull();
    expect(q(`${history()} WHERE Id = '${org.ids.alan.slice(0, 3)}000000000000'`).records).toEqual([]);
  });

  it('requires the outer query to return exactly one record', () => {
    expect(failure(() => q(`${history()} WHERE LastName IN ('Lovelace', 'Hopper')`))).toMatchObject({
      status: 400,
      errorCode: 'MALFORMED_QUERY',
      message: expect.stringMatching(
        /^There is an implementation restriction on ActivityHistories\. .*single parent record/,
      ) as unknown,
    });
    expect(q(`${history()} WHERE LastName = 'Lovelace' LIMIT 1`).totalSize).toBe(1);
  });

  it('refuses a WHERE, a LIMIT above 500 or another order in the subquery', () => {
    const restriction = (inner: string, relationship = 'ActivityHistories') =>
      failure(() => q(`SELECT (SELECT Id FROM ${relationship} ${inner}) FROM Contact WHERE Id = '${org.ids.ada}'`));
    expect(restriction(`WHERE IsTask = true ORDER BY ActivityDate DESC, LastModifiedDate DESC`).message).toMatch(
      /^There is an implementation restriction on ActivityHistories\. .*WHERE/,
    );
    expect(restriction('ORDER BY ActivityDate DESC, LastModifiedDate DESC LIMIT 501').message).toMatch(
      /^There is an implementation restriction on ActivityHistories\. .*500/,
    );
    expect(restriction('LIMIT 10').message).toBe(
      "There is an implementation restriction on ActivityHistories. When you query this relationship, security evaluation is implemented for users who don't have administrator permissions, and you must use a specific sort order: ActivityDate DESC, LastModifiedDate DESC",
    );
    expect(restriction('ORDER BY ActivityDate ASC, LastModifiedDate DESC').errorCode).toBe('MALFORMED_QUERY');
    expect(restriction('ORDER BY ActivityDate ASC, LastModifiedDate DESC', 'OpenActivities').message).toMatch(
      /^There is an implementation restriction on OpenActivities\. .*ActivityDate ASC NULLS LAST, LastModifiedDate DESC$/,
    );
    // Spelling out the default NULLS LAST of a descending sort is the same order.
    const explicit = q(
      `SELECT (SELECT Id FROM ActivityHistories ORDER BY ActivityDate DESC NULLS LAST, LastModifiedDate DESC NULLS LAST LIMIT 500) FROM Contact WHERE Id = '${org.ids.ada}'`,
    );
    expect((explicit.records[0]?.ActivityHistories as QueryResult).totalSize).toBe(3);
  });

  it('refuses FROM ActivityHistory and FROM OpenActivity', () => {
    const soql = 'SELECT Id FROM ActivityHistory';
    expect(failure(() => q(soql))).toMatchObject({
      status: 400,
      errorCode: 'INVALID_TYPE_FOR_OPERATION',
      message: positioned(soql, 16, 'entity type ActivityHistory does not support query'),
    });
    expect(failure(() => q('SELECT Id FROM OpenActivity')).errorCode).toBe('INVALID_TYPE_FOR_OPERATION');
  });
});

describe('errors', () => {
  it('reports a parse failure at the first token bare, as Salesforce does', () => {
    expect(failure(() => q('SELEKT Name FROM Account'))).toEqual({
      status: 400,
      errorCode: 'MALFORMED_QUERY',
      message: "unexpected token: 'SELEKT'",
      body: [{ message: "unexpected token: 'SELEKT'", errorCode: 'MALFORMED_QUERY' }],
    });
    expect(failure(() => q('SELEKT Name FROM Account', { apiVersion: 'v51.0' })).message).toBe(
      'unexpected token: SELEKT',
    );
  });

  it('points later parse failures at the token', () => {
    expect(failure(() => q('SELECT Id, FROM Account')).message).toBe(
      positioned('SELECT Id, FROM Account', 12, "unexpected token: 'FROM'"),
    );
    expect(failure(() => q('SELECT Id FROM Account WHERE')).message).toBe(
      positioned('SELECT Id FROM Account WHERE', 29, "unexpected token: '<EOF>'"),
    );
    expect(failure(() => q(`SELECT Id FROM Account WHERE Name = :name`)).errorCode).toBe('MALFORMED_QUERY');
  });

  it('reproduces the recorded INVALID_FIELD message', () => {
    expect(failure(() => q('SELECT Bacon__c FROM Account LIMIT 2'))).toEqual({
      status: 400,
      errorCode: 'INVALID_FIELD',
      message:
        "\nSELECT Bacon__c FROM Account LIMIT 2\n       ^\nERROR at Row:1:Column:8\nNo such column 'Bacon__c' on entity 'Account'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.",
      body: expect.any(Array) as unknown,
    });
  });

  it('points at unknown fields in WHERE and ORDER BY, on the right row of a multi-line query', () => {
    const where = `SELECT Name FROM Lead WHERE Nmae = 'x'`;
    expect(failure(() => q(where)).message).toBe(
      positioned(where, 29, `No such column 'Nmae' on entity 'Lead'. ${COLUMN_HINT}`),
    );
    const multi = 'SELECT Id, Name\nFROM Lead\nORDER BY Name, Bogus DESC';
    expect(failure(() => q(multi)).message).toBe(
      `\nORDER BY Name, Bogus DESC\n               ^\nERROR at Row:3:Column:16\nNo such column 'Bogus' on entity 'Lead'. ${COLUMN_HINT}`,
    );
  });

  it('refuses an unknown relationship in a field path', () => {
    const soql = 'SELECT Acount.Name FROM Contact';
    expect(failure(() => q(soql))).toMatchObject({
      errorCode: 'INVALID_FIELD',
      message: positioned(soql, 8, `Didn't understand relationship 'Acount' in field path. ${RELATIONSHIP_HINT}`),
    });
    expect(failure(() => q('SELECT Account.Bogus FROM Contact')).message).toContain(
      "No such column 'Bogus' on entity 'Account'",
    );
  });

  it('refuses an unknown object with INVALID_TYPE', () => {
    const soql = 'SELECT Id FROM Accountz LIMIT 2';
    expect(failure(() => q(soql))).toEqual({
      status: 400,
      errorCode: 'INVALID_TYPE',
      message: positioned(
        soql,
        16,
        "sObject type 'Accountz' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.",
      ),
      body: expect.any(Array) as unknown,
    });
  });
});

describe('permissions', () => {
  it('hides a field removed by field-level security everywhere', () => {
    expect(q(`SELECT MobilePhone FROM Lead WHERE Id = '${org.ids.alan}'`).records[0]?.MobilePhone).toBe('07700 900123');
    store.hideField('Lead', 'MobilePhone');
    const select = 'SELECT Id, MobilePhone FROM Lead';
    expect(failure(() => q(select))).toMatchObject({
      errorCode: 'INVALID_FIELD',
      message: positioned(select, 12, `No such column 'MobilePhone' on entity 'Lead'. ${COLUMN_HINT}`),
    });
    expect(failure(() => q(`SELECT Id FROM Lead WHERE MobilePhone != null`)).errorCode).toBe('INVALID_FIELD');
    expect(failure(() => q(`SELECT Id FROM Lead ORDER BY MobilePhone`)).errorCode).toBe('INVALID_FIELD');
    expect(failure(() => q(`SELECT Id, (SELECT Id FROM Tasks) FROM Lead WHERE MobilePhone = null`)).errorCode).toBe(
      'INVALID_FIELD',
    );
    expect(q('SELECT FIELDS(STANDARD) FROM Lead').records[0]).not.toHaveProperty('MobilePhone');
  });

  it('does not follow a hidden lookup field', () => {
    store.hideField('Contact', 'AccountId');
    expect(failure(() => q('SELECT Account.Name FROM Contact')).message).toContain(
      "Didn't understand relationship 'Account' in field path.",
    );
  });

  it('refuses an object the user cannot read, also as a parent or child', () => {
    store.setObjectPermissions('Opportunity', { read: false });
    expect(failure(() => q('SELECT Id FROM Opportunity'))).toMatchObject({
      status: 400,
      errorCode: 'INVALID_TYPE',
      message: expect.stringContaining("sObject type 'Opportunity' is not supported.") as unknown,
    });
    expect(failure(() => q('SELECT Id, (SELECT Id FROM Opportunities) FROM Account'))).toMatchObject({
      errorCode: 'INVALID_TYPE',
      message: expect.stringContaining(
        "Didn't understand relationship 'Opportunities' in FROM part of query call.",
      ) as unknown,
    });
    expect(failure(() => q('SELECT Opportunity.Name FROM OpportunityContactRole')).message).toContain(
      "Didn't understand relationship 'Opportunity' in field path.",
    );
    store.setObjectPermissions('Account', { read: false });
    expect(failure(() => q('SELECT Account.Name FROM Contact')).errorCode).toBe('INVALID_FIELD');
  });

  it('hides Person Account fields when Person Accounts are off', () => {
    expect(ids('SELECT Id FROM Account WHERE IsPersonAccount = true')).toEqual([org.ids.person]);
    store.personAccountsEnabled = false;
    const soql = 'SELECT Id, IsPersonAccount FROM Account';
    expect(failure(() => q(soql))).toMatchObject({
      errorCode: 'INVALID_FIELD',
      message: positioned(soql, 12, `No such column 'IsPersonAccount' on entity 'Account'. ${COLUMN_HINT}`),
    });
    expect(failure(() => q('SELECT Id FROM Contact WHERE IsPersonAccount = false')).errorCode).toBe('INVALID_FIELD');
    expect(failure(() => q('SELECT PersonEmail FROM Account')).errorCode).toBe('INVALID_FIELD');
  });
});

describe('deleted records and the search index', () => {
  it('excludes soft-deleted rows unless includeDeleted (queryAll)', () => {
    store.delete('Lead', org.ids.queued);
    expect(ids('SELECT Id FROM Lead')).toEqual([org.ids.alan, org.ids.converted]);
    const all = q('SELECT Id, IsDeleted FROM Lead', { includeDeleted: true }).records;
    expect(all.map((r: QueryRow) => [r.Id, r.IsDeleted])).toEqual([
      [org.ids.alan, false],
      [org.ids.converted, false],
      [org.ids.queued, true],
    ]);
    expect(q('SELECT Id FROM Lead WHERE IsDeleted = true', { includeDeleted: true }).records.map((r) => r.Id)).toEqual([
      org.ids.queued,
    ]);
  });

  it('finds a just-created record at once, whatever the search index lag', () => {
    store.searchIndexLagMs = 60_000;
    const id = store.create('Lead', { LastName: 'Fresh', Company: 'New Co' }, { userId: org.ids.jane });
    expect(ids(`SELECT Id FROM Lead WHERE LastName = 'Fresh'`)).toEqual([id]);
  });
});
