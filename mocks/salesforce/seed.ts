/**
 * The seed org: an international customer base with the traps the product must handle — phones in
 * mixed formats, a company main number shared by several people, a converted lead, Person Accounts,
 * open/overdue/past activities, open and closed deals and cases, one deal and one case already tied to
 * a conversation, and a value containing HTML. Dates are relative to the store's clock at reset.
 */
import { CASE_STATUSES, PERSON_ACCOUNT_RECORD_TYPE_ID, MASTER_RECORD_TYPE_ID } from './schema';
import { sfDate, sfDateTime, type OrgStore, type SfValues } from './store';

export interface SeedDirectory {
  people: {
    id: string;
    type: 'Lead' | 'Contact' | 'Account' | 'PersonAccount';
    name: string;
    phones: string[];
    email?: string;
    company?: string;
  }[];
  conversations: { id: string; label: string; contact: { phone?: string; email?: string; name?: string } }[];
}

export interface SeedIds {
  users: { jane: string; marco: string; aiko: string; integration: string };
  supportQueue: string;
  accounts: Record<'globex' | 'mueller' | 'tanaka' | 'dupont' | 'northwind' | 'maria' | 'liam', string>;
  contacts: Record<'ada' | 'grace' | 'alan' | 'juergen' | 'aiko' | 'elodie' | 'oliver', string>;
  leads: Record<'sofia' | 'chen' | 'priya' | 'peter' | 'adaConverted' | 'mallory', string>;
  opportunities: Record<
    | 'globexRenewal'
    | 'globexExpansion'
    | 'globexPilot'
    | 'muellerWon'
    | 'muellerLost'
    | 'mariaBundle'
    | 'tanakaRollout',
    string
  >;
  cases: Record<
    'globexOutage' | 'globexInvoice' | 'globexHeadset' | 'northwindVoicemail' | 'mariaPorting' | 'muellerClosed',
    string
  >;
}

/** The conversation ids the seed ties records to. */
export const SEED_CONVERSATIONS = {
  globexRenewal: 'conv-globex-renewal',
  globexOutage: 'conv-globex-outage',
} as const;

/** The Salesforce user the demo and tests sign in as; the x-bees host uses the same e-mail. */
export const SEED_USER_EMAIL = 'jane.doe@acme.example';

export function seedOrg(store: OrgStore): { ids: SeedIds; directory: SeedDirectory } {
  const now = store.now();
  const day = 24 * 60 * 60 * 1000;
  const date = (days: number) => sfDate(new Date(now.getTime() + days * day));
  const at = (days: number, hour = 10, minute = 0) => {
    const d = new Date(now.getTime() + days * day);
    d.setUTCHours(hour, minute, 0, 0);
    return sfDateTime(d);
  };
  const stamp = (days: number): SfValues => ({
    CreatedDate: at(days, 9),
    LastModifiedDate: at(days, 9),
    SystemModstamp: at(days, 9),
  });

  // ------------------------------------------------------------------ users and a queue
  const user = (first: string, last: string, email: string, extra: SfValues = {}) =>
    store.seed('User', {
      FirstName: first,
      LastName: last,
      Email: email,
      Username: email,
      IsActive: true,
      TimeZoneSidKey: 'Europe/Rome',
      LanguageLocaleKey: 'en_US',
      ...extra,
    });
  const jane = user('Jane', 'Doe', SEED_USER_EMAIL, { Title: 'Account Executive', Phone: '+1 415 555 0001' });
  const marco = user('Marco', 'Bianchi', 'marco.bianchi@acme.example', {
    Title: 'Support Engineer',
    TimeZoneSidKey: 'Europe/Rome',
  });
  const aikoUser = user('Aiko', 'Sato', 'aiko.sato@acme.example', {
    Title: 'Sales Manager',
    TimeZoneSidKey: 'Asia/Tokyo',
  });
  const integration = user('Integration', 'User', 'integration@acme.example', { Title: 'API only' });
  const supportQueue = store.seed('Group', { Name: 'Support Queue', Type: 'Queue' });
  store.seed(
    'RecordType',
    { Name: 'Master', DeveloperName: 'Master', SobjectType: 'Account', IsActive: true, IsPersonType: false },
    { id: MASTER_RECORD_TYPE_ID },
  );
  store.seed(
    'RecordType',
    {
      Name: 'Person Account',
      DeveloperName: 'PersonAccount',
      SobjectType: 'Account',
      IsActive: true,
      IsPersonType: true,
    },
    { id: PERSON_ACCOUNT_RECORD_TYPE_ID },
  );

  // ------------------------------------------------------------------ business accounts and contacts
  const account = (values: SfValues, days = -400) =>
    store.seed('Account', { OwnerId: jane, IsPersonAccount: false, ...stamp(days), ...values });
  const contact = (values: SfValues, days = -300) =>
    store.seed('Contact', { OwnerId: jane, ...stamp(days), ...values });

  const globex = account({
    Name: 'Globex Corporation',
    Phone: '(415) 555-0100',
    Website: 'https://globex.example',
    Type: 'Customer - Direct',
    Industry: 'Technology',
    BillingCity: 'San Francisco',
    BillingCountry: 'United States',
  });
  const ada = contact({
    FirstName: 'Ada',
    LastName: 'Lovelace',
    Title: 'VP Operations',
    AccountId: globex,
    Phone: '(415) 555-0100',
    MobilePhone: '+1 415 555 0142',
    Email: 'ada.lovelace@globex.example',
  });
  const grace = contact({
    FirstName: 'Grace',
    LastName: 'Hopper',
    Title: 'Head of IT',
    AccountId: globex,
    Phone: '415.555.0100',
    Email: 'grace.hopper@globex.example',
    OwnerId: marco,
  });
  const alan = contact({
    FirstName: 'Alan',
    LastName: 'Turing',
    Title: 'Engineer',
    AccountId: globex,
    Phone: '+1 (415) 555-0100 ext. 204',
    MobilePhone: '4155550177',
    Email: 'alan.turing@globex.example',
  });

  const mueller = account({
    Name: 'Müller Maschinenbau GmbH',
    Phone: '+49 89 1234567',
    Industry: 'Manufacturing',
    BillingCity: 'München',
    BillingCountry: 'Germany',
    OwnerId: marco,
  });
  const juergen = contact({
    FirstName: 'Jürgen',
    LastName: 'Müller',
    Title: 'Geschäftsführer',
    AccountId: mueller,
    Phone: '089 1234567',
    MobilePhone: '+49 151 23456789',
    Email: 'j.mueller@mueller-maschinenbau.example',
    OwnerId: marco,
  });

  const tanaka = account({
    Name: 'Tanaka Trading K.K.',
    Phone: '+81 3-1234-5678',
    Industry: 'Retail',
    BillingCity: 'Tokyo',
    BillingCountry: 'Japan',
    OwnerId: aikoUser,
  });
  const aiko = contact({
    FirstName: 'Aiko',
    LastName: 'Tanaka',
    Title: '購買部長',
    AccountId: tanaka,
    Phone: '03-1234-5678',
    Email: 'aiko.tanaka@tanaka-trading.example',
    OwnerId: aikoUser,
  });

  const dupont = account({
    Name: 'Dupont & Fils SARL',
    Phone: '01 42 68 53 00',
    Industry: 'Hospitality',
    BillingCity: 'Paris',
    BillingCountry: 'France',
  });
  const elodie = contact({
    FirstName: 'Élodie',
    LastName: 'Dupont',
    AccountId: dupont,
    MobilePhone: '+33 6 12 34 56 78',
    Email: 'elodie@dupont-fils.example',
  });

  const northwind = account({
    Name: 'Northwind Traders Ltd',
    Phone: '+44 20 7946 0958',
    Industry: 'Retail',
    BillingCity: 'London',
    BillingCountry: 'United Kingdom',
  });
  const oliver = contact({
    FirstName: 'Oliver',
    LastName: 'Smith',
    AccountId: northwind,
    Phone: '020 7946 0958',
    MobilePhone: '+447700900456',
    Email: 'oliver.smith@northwind.example',
  });

  // ------------------------------------------------------------------ person accounts
  const maria = store.seed('Account', {
    RecordTypeId: PERSON_ACCOUNT_RECORD_TYPE_ID,
    IsPersonAccount: true,
    FirstName: 'María',
    LastName: 'García',
    PersonEmail: 'maria.garcia@example.es',
    PersonMobilePhone: '+34 612 345 678',
    BillingCity: 'Madrid',
    BillingCountry: 'Spain',
    OwnerId: jane,
    ...stamp(-200),
  });
  const liam = store.seed('Account', {
    RecordTypeId: PERSON_ACCOUNT_RECORD_TYPE_ID,
    IsPersonAccount: true,
    FirstName: 'Liam',
    LastName: "O'Connor",
    Phone: '+353 1 555 0199',
    PersonEmail: 'liam.oconnor@example.ie',
    BillingCity: 'Dublin',
    BillingCountry: 'Ireland',
    OwnerId: marco,
    ...stamp(-150),
  });

  // ------------------------------------------------------------------ leads
  const lead = (values: SfValues, days = -60) =>
    store.seed('Lead', { OwnerId: jane, IsConverted: false, ...stamp(days), ...values });
  const sofia = lead({
    FirstName: 'Sofia',
    LastName: 'Rossi',
    Company: 'Rossi Design Studio',
    Title: 'Founder',
    Phone: '+39 02 1234 5678',
    Email: 'sofia@rossidesign.example',
    Status: 'Working - Contacted',
    LeadSource: 'Web',
    City: 'Milano',
    Country: 'Italy',
  });
  const chen = lead({
    FirstName: 'Wei',
    LastName: 'Chen',
    Company: 'Shenzhen Tech Ltd',
    MobilePhone: '+86 138 0013 8000',
    Email: 'chen.wei@shenzhentech.example',
    LeadSource: 'Partner Referral',
    Country: 'China',
  });
  const priya = lead({
    FirstName: 'Priya',
    LastName: 'Sharma',
    Company: 'Sharma Consulting',
    Phone: '+91 98765 43210',
    Email: 'priya@sharmaconsulting.example',
    OwnerId: aikoUser,
    Country: 'India',
  });
  const peter = lead(
    {
      FirstName: 'Peter',
      LastName: 'Gibbons',
      Company: 'Globex Corporation',
      Title: 'Procurement',
      Phone: '+1 415 555 0100',
      Email: 'peter.gibbons@globex.example',
      LeadSource: 'Phone Inquiry',
    },
    -20,
  );
  const adaConverted = lead(
    {
      FirstName: 'Ada',
      LastName: 'Lovelace',
      Company: 'Globex Corporation',
      Phone: '(415) 555-0100',
      MobilePhone: '+1 415 555 0142',
      Email: 'ada.lovelace@globex.example',
      Status: 'Closed - Converted',
      IsConverted: true,
      ConvertedDate: date(-310),
      ConvertedAccountId: globex,
      ConvertedContactId: ada,
    },
    -320,
  );
  const mallory = lead(
    {
      FirstName: 'Mallory',
      LastName: '<img src=x onerror="alert(1)">',
      Company: '<b>Evil</b> Corp <script>alert("xss")</script>',
      Phone: '+1 202 555 0147',
      Email: 'mallory@evil.example',
      Description: '<a href="javascript:alert(1)">click</a>',
    },
    -5,
  );

  // ------------------------------------------------------------------ opportunities
  const opp = (values: SfValues, days = -90) =>
    store.seed('Opportunity', { OwnerId: jane, RecordTypeId: MASTER_RECORD_TYPE_ID, ...stamp(days), ...values });
  const globexRenewal = opp({
    Name: 'Globex – Platform renewal 2027',
    AccountId: globex,
    StageName: 'Negotiation/Review',
    Amount: 48000,
    CloseDate: date(30),
    Description: 'Three-year renewal of 250 seats. Legal review of the DPA pending.',
    NextStep: 'Send redlined DPA',
    conversationId__c: SEED_CONVERSATIONS.globexRenewal,
  });
  const globexExpansion = opp({
    Name: 'Globex – Contact center expansion',
    AccountId: globex,
    StageName: 'Proposal/Price Quote',
    Amount: 125000,
    CloseDate: date(75),
  });
  const globexPilot = opp(
    { Name: 'Globex – Pilot', AccountId: globex, StageName: 'Closed Won', Amount: 9000, CloseDate: date(-200) },
    -260,
  );
  const muellerWon = opp(
    {
      Name: 'Müller – Telefonie Maschinenpark',
      AccountId: mueller,
      StageName: 'Closed Won',
      Amount: 32000,
      CloseDate: date(-120),
      OwnerId: marco,
    },
    -180,
  );
  const muellerLost = opp(
    {
      Name: 'Müller – Erweiterung Werk 2',
      AccountId: mueller,
      StageName: 'Closed Lost',
      Amount: 18000,
      CloseDate: date(-30),
      OwnerId: marco,
    },
    -100,
  );
  const mariaBundle = opp({
    Name: 'García – Home office bundle',
    AccountId: maria,
    StageName: 'Prospecting',
    Amount: 1200,
    CloseDate: date(20),
  });
  const tanakaRollout = opp({
    Name: 'Tanaka – Tokyo office rollout',
    AccountId: tanaka,
    StageName: 'Qualification',
    Amount: 56000,
    CloseDate: date(60),
    OwnerId: aikoUser,
  });
  store.seed('OpportunityContactRole', {
    OpportunityId: globexRenewal,
    ContactId: ada,
    Role: 'Decision Maker',
    IsPrimary: true,
  });
  store.seed('OpportunityContactRole', {
    OpportunityId: globexExpansion,
    ContactId: grace,
    Role: 'Technical Buyer',
    IsPrimary: true,
  });

  // ------------------------------------------------------------------ cases
  const kase = (values: SfValues, days = -10) =>
    store.seed('Case', { OwnerId: jane, Origin: 'Phone', ...stamp(days), ...values });
  const globexOutage = kase(
    {
      Subject: 'Calls drop after 30 seconds',
      Description: 'Outbound calls from the SF office drop after ~30 s since Monday.',
      Status: 'Working',
      Priority: 'High',
      AccountId: globex,
      ContactId: grace,
      conversationId__c: SEED_CONVERSATIONS.globexOutage,
      OwnerId: marco,
    },
    -3,
  );
  const globexInvoice = kase({
    Subject: 'Invoice address change',
    Status: 'New',
    Priority: 'Low',
    AccountId: globex,
    ContactId: ada,
    Origin: 'Email',
    OwnerId: supportQueue,
    CreatedById: jane,
  });
  const globexHeadset = kase(
    { Subject: 'Headset pairing issue', Status: 'Closed', Priority: 'Medium', AccountId: globex, ContactId: alan },
    -40,
  );
  const northwindVoicemail = kase(
    {
      Subject: 'Voicemail to e-mail not delivered',
      Status: 'New',
      Priority: 'Medium',
      AccountId: northwind,
      ContactId: oliver,
    },
    -2,
  );
  const mariaPorting = kase(
    {
      Subject: 'Porting request for mobile number',
      Status: 'Escalated',
      Priority: 'High',
      AccountId: maria,
      Origin: 'Web',
    },
    -6,
  );
  const muellerClosed = kase(
    {
      Subject: 'Rechnung doppelt',
      Status: 'Closed',
      Priority: 'Low',
      AccountId: mueller,
      ContactId: juergen,
      OwnerId: marco,
    },
    -90,
  );
  store.seed('CaseComment', {
    ParentId: globexOutage,
    CommentBody: 'Reproduced on two handsets; SIP trace attached.',
    IsPublished: false,
    CreatedById: marco,
    ...stamp(-2),
  });
  store.seed('CaseComment', {
    ParentId: globexOutage,
    CommentBody: 'We are investigating and will update you by Friday.',
    IsPublished: true,
    CreatedById: marco,
    ...stamp(-1),
  });

  // ------------------------------------------------------------------ notes
  const note = store.seed('ContentNote', {
    Title: 'Renewal call notes',
    Content: toBase64('<p>Ada wants a 3-year term.</p><p>Legal needs the DPA by the 15th.</p>'),
    OwnerId: jane,
    ...stamp(-7),
  });
  store.seed('ContentDocumentLink', {
    ContentDocumentId: note,
    LinkedEntityId: globexRenewal,
    ShareType: 'V',
    Visibility: 'AllUsers',
  });

  // ------------------------------------------------------------------ activities
  const task = (values: SfValues, days: number) =>
    store.seed('Task', {
      OwnerId: jane,
      Priority: 'Normal',
      Status: 'Completed',
      TaskSubtype: 'Task',
      ActivityDate: date(days),
      ...stamp(Math.min(days, 0) - 1),
      ...values,
    });
  const call = (
    who: string,
    what: string | null,
    days: number,
    direction: 'Inbound' | 'Outbound',
    seconds: number,
    extra: SfValues = {},
  ) =>
    task(
      {
        Subject: direction === 'Inbound' ? 'Inbound call' : 'Outbound call',
        TaskSubtype: 'Call',
        Type: 'Call',
        CallType: direction,
        CallDurationInSeconds: seconds,
        CallDisposition: 'Connected',
        WhoId: who,
        WhatId: what,
        ...extra,
      },
      days,
    );
  const event = (values: SfValues, startDays: number, hours = 1) => {
    const start = at(startDays, 14);
    const end = new Date(new Date(start.replace('+0000', 'Z')).getTime() + hours * 3600_000);
    return store.seed('Event', {
      OwnerId: jane,
      Type: 'Meeting',
      StartDateTime: start,
      EndDateTime: sfDateTime(end),
      ActivityDateTime: start,
      ActivityDate: start.slice(0, 10),
      DurationInMinutes: hours * 60,
      ...stamp(Math.min(startDays, 0) - 7),
      ...values,
    });
  };

  // Ada: a full history.
  call(ada, globex, -3, 'Inbound', 185, {
    Subject: 'Call about renewal terms',
    CallObject: 'call-seed-0001',
    Description: 'Asked for 3-year pricing.',
  });
  task(
    { Subject: 'Email: Renewal proposal', TaskSubtype: 'Email', Type: 'Email', WhoId: ada, WhatId: globexRenewal },
    -10,
  );
  event({ Subject: 'Quarterly business review', WhoId: ada, WhatId: globex, Location: 'Globex HQ' }, -14, 2);
  task(
    { Subject: 'Send renewal quote', Status: 'Not Started', Priority: 'High', WhoId: ada, WhatId: globexRenewal },
    2,
  );
  task({ Subject: 'Follow up on invoice', Status: 'Not Started', WhoId: ada, WhatId: globex }, -3);
  event({ Subject: 'Contract signature meeting', WhoId: ada, WhatId: globexRenewal }, 7);
  task(
    {
      Subject: 'Chat: question about seat count',
      WhoId: ada,
      CallObject: 'conv-seed-chat-ada',
      Description: 'Answered in chat.',
    },
    -1,
  );
  call(ada, null, -400, 'Outbound', 62, { Subject: 'Intro call', IsArchived: true });
  // Grace: many past calls, for paging.
  for (let i = 0; i < 28; i++) {
    call(grace, globex, -5 - i * 3, i % 2 === 0 ? 'Inbound' : 'Outbound', 60 + i * 7, {
      OwnerId: i % 3 === 0 ? marco : jane,
      Subject: `Support call #${28 - i}`,
    });
  }
  task(
    { Subject: 'Check SIP trunk logs', Status: 'In Progress', WhoId: grace, WhatId: globexOutage, OwnerId: marco },
    1,
  );
  // Jürgen, Aiko, Oliver, Élodie.
  call(juergen, mueller, -30, 'Outbound', 420, { Subject: 'Gespräch Erweiterung Werk 2' });
  task({ Subject: 'Angebot nachfassen', Status: 'Not Started', WhoId: juergen, WhatId: mueller, OwnerId: marco }, -8);
  call(aiko, tanaka, -12, 'Inbound', 240);
  call(oliver, northwind, -2, 'Inbound', 95, { Subject: 'Voicemail issue reported' });
  task({ Subject: 'Send welcome pack', WhoId: elodie, WhatId: dupont }, -45);
  // Person accounts: activities on their person contacts.
  const mariaContact = store.get(maria)?.values.PersonContactId;
  if (typeof mariaContact === 'string') {
    call(mariaContact, null, -6, 'Inbound', 310, { Subject: 'Porting question' });
    task({ Subject: 'Call back about porting date', Status: 'Not Started', WhoId: mariaContact }, 1);
  }
  // Leads.
  call(sofia, null, -4, 'Outbound', 130, { Subject: 'Discovery call' });
  task({ Subject: 'Send case studies', Status: 'Not Started', WhoId: sofia }, 3);
  task({ Subject: 'Qualify budget', Status: 'Not Started', WhoId: chen, OwnerId: aikoUser }, -6);

  // ------------------------------------------------------------------ case status values (last: the other ids stay as they were)
  CASE_STATUSES.forEach((status, index) => {
    store.seed('CaseStatus', {
      ApiName: status.value,
      MasterLabel: status.label ?? status.value,
      IsClosed: status.closed === true,
      IsDefault: status.default === true,
      SortOrder: index + 1,
    });
  });

  const ids: SeedIds = {
    users: { jane, marco, aiko: aikoUser, integration },
    supportQueue,
    accounts: { globex, mueller, tanaka, dupont, northwind, maria, liam },
    contacts: { ada, grace, alan, juergen, aiko, elodie, oliver },
    leads: { sofia, chen, priya, peter, adaConverted, mallory },
    opportunities: { globexRenewal, globexExpansion, globexPilot, muellerWon, muellerLost, mariaBundle, tanakaRollout },
    cases: { globexOutage, globexInvoice, globexHeadset, northwindVoicemail, mariaPorting, muellerClosed },
  };
  return { ids, directory: buildDirectory(store, ids) };
}

function buildDirectory(store: OrgStore, ids: SeedIds): SeedDirectory {
  const str = (id: string, field: string): string | undefined => {
    const record = store.get(id);
    if (!record) return undefined;
    const value = store.value(record, field);
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const phones = (id: string, fields: string[]) => fields.flatMap((f) => str(id, f) ?? []);
  const person = (
    id: string,
    type: SeedDirectory['people'][number]['type'],
    phoneFields: string[],
    emailField: string,
    company?: string,
  ) => {
    const email = str(id, emailField);
    return {
      id,
      type,
      name: str(id, 'Name') ?? id,
      phones: phones(id, phoneFields),
      ...(email ? { email } : {}),
      ...(company ? { company } : {}),
    };
  };
  const accountName = (id: string) => str(id, 'Name') ?? '';
  const people: SeedDirectory['people'] = [
    ...Object.values(ids.contacts).map((id) =>
      person(id, 'Contact', ['Phone', 'MobilePhone'], 'Email', accountName(str(id, 'AccountId') ?? '')),
    ),
    ...[ids.leads.sofia, ids.leads.chen, ids.leads.priya, ids.leads.peter, ids.leads.mallory].map((id) =>
      person(id, 'Lead', ['Phone', 'MobilePhone'], 'Email', str(id, 'Company')),
    ),
    ...[
      ids.accounts.globex,
      ids.accounts.mueller,
      ids.accounts.tanaka,
      ids.accounts.dupont,
      ids.accounts.northwind,
    ].map((id) => person(id, 'Account', ['Phone'], 'PersonEmail')),
    ...[ids.accounts.maria, ids.accounts.liam].map((id) =>
      person(id, 'PersonAccount', ['Phone', 'PersonMobilePhone'], 'PersonEmail'),
    ),
  ];
  const conversations: SeedDirectory['conversations'] = [
    {
      id: SEED_CONVERSATIONS.globexRenewal,
      label: 'Ada Lovelace (Contact, Globex) — chat tied to the renewal deal',
      contact: { phone: '+14155550142', name: 'Ada Lovelace' },
    },
    {
      id: SEED_CONVERSATIONS.globexOutage,
      label: 'Grace Hopper (Contact, Globex) — chat tied to the outage case',
      contact: { email: 'grace.hopper@globex.example', name: 'Grace Hopper' },
    },
    {
      id: 'conv-globex-main-line',
      label: 'Globex main line — shared number, several matches',
      contact: { phone: '+14155550100' },
    },
    {
      id: 'conv-mueller-call',
      label: 'Jürgen Müller — stored as national 089 number, only closed deals',
      contact: { phone: '+49891234567', name: 'Jürgen Müller' },
    },
    {
      id: 'conv-northwind-call',
      label: 'Oliver Smith — stored as 020 number, open case only',
      contact: { phone: '+442079460958' },
    },
    {
      id: 'conv-maria-chat',
      label: 'María García (Person Account) — chat',
      contact: { email: 'maria.garcia@example.es', name: 'María García' },
    },
    {
      id: 'conv-sofia-call',
      label: 'Sofia Rossi (Lead) — call',
      contact: { phone: '+390212345678', name: 'Sofia Rossi' },
    },
    {
      id: 'conv-unknown-caller',
      label: 'Unknown caller — not in Salesforce',
      contact: { phone: '+12025550199', name: 'Sam Unknown' },
    },
    { id: 'conv-mallory', label: 'Mallory (Lead with HTML in its fields)', contact: { email: 'mallory@evil.example' } },
  ];
  return { people, conversations };
}

function toBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
