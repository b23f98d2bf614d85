/**
 * The emulated org's metadata: objects, fields, picklists and relationships. Describe, the UI API,
 * SOQL/SOSL validation and record validation all read this one table, so they agree with each other
 * as they do in a real org. Field-level security and object access are applied on top by the store.
 */

export type FieldType =
  | 'id'
  | 'string'
  | 'textarea'
  | 'email'
  | 'phone'
  | 'url'
  | 'picklist'
  | 'multipicklist'
  | 'combobox'
  | 'boolean'
  | 'int'
  | 'double'
  | 'currency'
  | 'percent'
  | 'date'
  | 'datetime'
  | 'reference'
  | 'base64';

export interface PicklistValueDef {
  value: string;
  label?: string;
  default?: boolean;
  /** Opportunity stages: the UI API's picklist attributes. */
  stage?: { closed: boolean; won: boolean; probability: number; forecast: string };
  /** Case/Task statuses that close the record (drive the derived IsClosed). */
  closed?: boolean;
}

export interface FieldDef {
  name: string;
  label: string;
  type: FieldType;
  length?: number;
  /** Defaults: nillable true, createable true, updateable true. */
  nillable?: boolean;
  createable?: boolean;
  updateable?: boolean;
  defaultedOnCreate?: boolean;
  unique?: boolean;
  externalId?: boolean;
  idLookup?: boolean;
  nameField?: boolean;
  calculated?: boolean;
  autoNumber?: boolean;
  custom?: boolean;
  filterable?: boolean;
  sortable?: boolean;
  referenceTo?: string[];
  relationshipName?: string;
  picklist?: PicklistValueDef[];
  restrictedPicklist?: boolean;
  precision?: number;
  scale?: number;
  /** Only present when Person Accounts are enabled in the org. */
  personAccount?: boolean;
}

export interface ChildRelationshipDef {
  relationshipName: string;
  childSObject: string;
  /** The lookup field on the child; for the activity relationships, the field they are keyed on. */
  field: string;
}

export interface ObjectDef {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  fields: FieldDef[];
  childRelationships: ChildRelationshipDef[];
  /** Describe-only objects (ActivityHistory, OpenActivity) can be read only as a child subquery. */
  queryable?: boolean;
  searchable?: boolean;
  createable?: boolean;
  updateable?: boolean;
  deletable?: boolean;
  custom?: boolean;
  /** Fields SOSL searches per search group. */
  search?: { name: string[]; email: string[]; phone: string[]; text: string[] };
}

type FieldOptions = Omit<FieldDef, 'name' | 'label' | 'type'>;
const field = (name: string, label: string, type: FieldType, options: FieldOptions = {}): FieldDef => ({
  name,
  label,
  type,
  ...options,
});
const readOnly: FieldOptions = { createable: false, updateable: false };

const idField = field('Id', 'Record ID', 'id', {
  ...readOnly,
  nillable: false,
  idLookup: true,
  defaultedOnCreate: true,
  length: 18,
});
const audit = (): FieldDef[] => [
  field('IsDeleted', 'Deleted', 'boolean', { ...readOnly, nillable: false, defaultedOnCreate: true }),
  field('CreatedDate', 'Created Date', 'datetime', { ...readOnly, nillable: false, defaultedOnCreate: true }),
  field('CreatedById', 'Created By ID', 'reference', {
    ...readOnly,
    nillable: false,
    defaultedOnCreate: true,
    referenceTo: ['User'],
    relationshipName: 'CreatedBy',
  }),
  field('LastModifiedDate', 'Last Modified Date', 'datetime', {
    ...readOnly,
    nillable: false,
    defaultedOnCreate: true,
  }),
  field('LastModifiedById', 'Last Modified By ID', 'reference', {
    ...readOnly,
    nillable: false,
    defaultedOnCreate: true,
    referenceTo: ['User'],
    relationshipName: 'LastModifiedBy',
  }),
  field('SystemModstamp', 'System Modstamp', 'datetime', { ...readOnly, nillable: false, defaultedOnCreate: true }),
];
const owner = (referenceTo: string[] = ['User']): FieldDef =>
  field('OwnerId', 'Owner ID', 'reference', {
    nillable: false,
    defaultedOnCreate: true,
    referenceTo,
    relationshipName: 'Owner',
  });
const phone = (name: string, label: string, extra: FieldOptions = {}): FieldDef =>
  field(name, label, 'phone', { length: 40, ...extra });
const text = (name: string, label: string, length = 255, extra: FieldOptions = {}): FieldDef =>
  field(name, label, 'string', { length, ...extra });
const picklist = (name: string, label: string, values: PicklistValueDef[], extra: FieldOptions = {}): FieldDef =>
  field(name, label, 'picklist', { length: 255, picklist: values, ...extra });
const values = (...names: string[]): PicklistValueDef[] => names.map((value) => ({ value }));
const compoundName = (label = 'Full Name'): FieldDef =>
  field('Name', label, 'string', { ...readOnly, length: 121, nameField: true, defaultedOnCreate: false });
const conversationIdField = (): FieldDef =>
  text('conversationId__c', 'conversationId', 255, { custom: true, unique: true, externalId: true, idLookup: true });

/** Activity relationships every person-like and deal-like object has. */
const activityChildren = (parentField: string): ChildRelationshipDef[] => [
  { relationshipName: 'ActivityHistories', childSObject: 'ActivityHistory', field: parentField },
  { relationshipName: 'OpenActivities', childSObject: 'OpenActivity', field: parentField },
  { relationshipName: 'Tasks', childSObject: 'Task', field: parentField },
  { relationshipName: 'Events', childSObject: 'Event', field: parentField },
];

export const LEAD_STATUSES: PicklistValueDef[] = [
  { value: 'Open - Not Contacted', default: true },
  { value: 'Working - Contacted' },
  { value: 'Closed - Converted', closed: true },
  { value: 'Closed - Not Converted', closed: true },
];

export const OPPORTUNITY_STAGES: PicklistValueDef[] = [
  { value: 'Prospecting', stage: { closed: false, won: false, probability: 10, forecast: 'Pipeline' } },
  { value: 'Qualification', stage: { closed: false, won: false, probability: 10, forecast: 'Pipeline' } },
  { value: 'Needs Analysis', stage: { closed: false, won: false, probability: 20, forecast: 'Pipeline' } },
  { value: 'Value Proposition', stage: { closed: false, won: false, probability: 50, forecast: 'Pipeline' } },
  { value: 'Id. Decision Makers', stage: { closed: false, won: false, probability: 60, forecast: 'Pipeline' } },
  { value: 'Perception Analysis', stage: { closed: false, won: false, probability: 70, forecast: 'Pipeline' } },
  { value: 'Proposal/Price Quote', stage: { closed: false, won: false, probability: 75, forecast: 'Pipeline' } },
  { value: 'Negotiation/Review', stage: { closed: false, won: false, probability: 90, forecast: 'Commit' } },
  { value: 'Closed Won', stage: { closed: true, won: true, probability: 100, forecast: 'Closed' } },
  { value: 'Closed Lost', stage: { closed: true, won: false, probability: 0, forecast: 'Omitted' } },
];

export const TASK_STATUSES: PicklistValueDef[] = [
  { value: 'Not Started', default: true },
  { value: 'In Progress' },
  { value: 'Completed', closed: true },
  { value: 'Waiting on someone else' },
  { value: 'Deferred' },
];

export const CASE_STATUSES: PicklistValueDef[] = [
  { value: 'New', default: true },
  { value: 'Working' },
  { value: 'Escalated' },
  { value: 'Closed', closed: true },
];

const PRIORITIES_TASK: PicklistValueDef[] = [{ value: 'High' }, { value: 'Normal', default: true }, { value: 'Low' }];
const PRIORITIES_CASE: PicklistValueDef[] = [{ value: 'High' }, { value: 'Medium', default: true }, { value: 'Low' }];

export const MASTER_RECORD_TYPE_ID = '012000000000000AAA';
export const PERSON_ACCOUNT_RECORD_TYPE_ID = '0125g000000PAccAAG';

const activityCommon = (): FieldDef[] => [
  text('Subject', 'Subject', 255, {}),
  field('ActivityDate', 'Due Date Only', 'date'),
  field('WhoId', 'Name ID', 'reference', { referenceTo: ['Contact', 'Lead'], relationshipName: 'Who' }),
  field('WhatId', 'Related To ID', 'reference', {
    referenceTo: ['Account', 'Opportunity', 'Case'],
    relationshipName: 'What',
  }),
  field('AccountId', 'Account ID', 'reference', { ...readOnly, referenceTo: ['Account'], relationshipName: 'Account' }),
  field('Description', 'Description', 'textarea', { length: 32000 }),
  owner(['User', 'Group']),
  ...audit(),
];

const OBJECTS: ObjectDef[] = [
  {
    name: 'User',
    label: 'User',
    labelPlural: 'Users',
    keyPrefix: '005',
    createable: false,
    updateable: false,
    deletable: false,
    childRelationships: [],
    search: { name: ['Name'], email: ['Email'], phone: ['Phone', 'MobilePhone'], text: ['Name', 'Email', 'Title'] },
    fields: [
      idField,
      text('Username', 'Username', 80, readOnly),
      text('FirstName', 'First Name', 40, readOnly),
      text('LastName', 'Last Name', 80, readOnly),
      compoundName(),
      field('Email', 'Email', 'email', { ...readOnly, length: 128 }),
      text('Title', 'Title', 80, readOnly),
      phone('Phone', 'Phone', readOnly),
      phone('MobilePhone', 'Mobile', readOnly),
      field('IsActive', 'Active', 'boolean', readOnly),
      text('TimeZoneSidKey', 'Time Zone', 40, readOnly),
      text('LanguageLocaleKey', 'Language', 40, readOnly),
      ...audit(),
    ],
  },
  {
    name: 'Lead',
    label: 'Lead',
    labelPlural: 'Leads',
    keyPrefix: '00Q',
    childRelationships: activityChildren('WhoId'),
    search: {
      name: ['Name', 'FirstName', 'LastName', 'Company'],
      email: ['Email'],
      phone: ['Phone', 'MobilePhone'],
      text: ['Name', 'FirstName', 'LastName', 'Company', 'Email', 'Phone', 'MobilePhone', 'Title', 'Description'],
    },
    fields: [
      idField,
      text('FirstName', 'First Name', 40),
      text('LastName', 'Last Name', 80, { nillable: false }),
      text('Salutation', 'Salutation', 40),
      compoundName(),
      text('Title', 'Title', 128),
      text('Company', 'Company', 255, { nillable: false }),
      field('Email', 'Email', 'email', { length: 80 }),
      phone('Phone', 'Phone'),
      phone('MobilePhone', 'Mobile Phone'),
      picklist('Status', 'Lead Status', LEAD_STATUSES, { nillable: false, defaultedOnCreate: true }),
      picklist(
        'LeadSource',
        'Lead Source',
        values('Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'),
      ),
      text('City', 'City', 40),
      text('Country', 'Country', 80),
      field('Description', 'Description', 'textarea', { length: 32000 }),
      field('IsConverted', 'Converted', 'boolean', { ...readOnly, nillable: false, defaultedOnCreate: true }),
      field('ConvertedDate', 'Converted Date', 'date', readOnly),
      field('ConvertedAccountId', 'Converted Account ID', 'reference', {
        ...readOnly,
        referenceTo: ['Account'],
        relationshipName: 'ConvertedAccount',
      }),
      field('ConvertedContactId', 'Converted Contact ID', 'reference', {
        ...readOnly,
        referenceTo: ['Contact'],
        relationshipName: 'ConvertedContact',
      }),
      field('ConvertedOpportunityId', 'Converted Opportunity ID', 'reference', {
        ...readOnly,
        referenceTo: ['Opportunity'],
        relationshipName: 'ConvertedOpportunity',
      }),
      field('LastActivityDate', 'Last Activity', 'date', readOnly),
      owner(['User', 'Group']),
      ...audit(),
    ],
  },
  {
    name: 'Account',
    label: 'Account',
    labelPlural: 'Accounts',
    keyPrefix: '001',
    childRelationships: [
      { relationshipName: 'Contacts', childSObject: 'Contact', field: 'AccountId' },
      { relationshipName: 'Opportunities', childSObject: 'Opportunity', field: 'AccountId' },
      { relationshipName: 'Cases', childSObject: 'Case', field: 'AccountId' },
      ...activityChildren('WhatId'),
    ],
    search: {
      name: ['Name'],
      email: ['PersonEmail'],
      phone: ['Phone', 'PersonMobilePhone', 'PersonHomePhone', 'Fax'],
      text: ['Name', 'Phone', 'Website', 'Description', 'PersonEmail', 'PersonMobilePhone', 'PersonHomePhone'],
    },
    fields: [
      idField,
      field('Name', 'Account Name', 'string', { length: 255, nameField: true, nillable: false }),
      phone('Phone', 'Account Phone'),
      phone('Fax', 'Account Fax'),
      field('Website', 'Website', 'url', { length: 255 }),
      picklist(
        'Type',
        'Account Type',
        values('Prospect', 'Customer - Direct', 'Customer - Channel', 'Partner', 'Other'),
      ),
      picklist(
        'Industry',
        'Industry',
        values('Technology', 'Manufacturing', 'Retail', 'Healthcare', 'Finance', 'Hospitality'),
      ),
      text('BillingCity', 'Billing City', 40),
      text('BillingCountry', 'Billing Country', 80),
      field('Description', 'Account Description', 'textarea', { length: 32000 }),
      field('RecordTypeId', 'Record Type ID', 'reference', {
        referenceTo: ['RecordType'],
        relationshipName: 'RecordType',
        defaultedOnCreate: true,
      }),
      field('LastActivityDate', 'Last Activity', 'date', readOnly),
      // Person Account fields (only when Person Accounts are enabled).
      field('IsPersonAccount', 'Is Person Account', 'boolean', {
        ...readOnly,
        nillable: false,
        defaultedOnCreate: true,
        personAccount: true,
      }),
      text('FirstName', 'First Name', 40, { personAccount: true }),
      text('LastName', 'Last Name', 80, { personAccount: true }),
      text('Salutation', 'Salutation', 40, { personAccount: true }),
      field('PersonEmail', 'Email', 'email', { length: 80, personAccount: true }),
      phone('PersonMobilePhone', 'Mobile', { personAccount: true }),
      phone('PersonHomePhone', 'Home Phone', { personAccount: true }),
      text('PersonTitle', 'Title', 80, { personAccount: true }),
      field('PersonContactId', 'Person Contact ID', 'reference', {
        ...readOnly,
        referenceTo: ['Contact'],
        relationshipName: 'PersonContact',
        personAccount: true,
      }),
      owner(),
      ...audit(),
    ],
  },
  {
    name: 'Contact',
    label: 'Contact',
    labelPlural: 'Contacts',
    keyPrefix: '003',
    childRelationships: [
      { relationshipName: 'Cases', childSObject: 'Case', field: 'ContactId' },
      { relationshipName: 'OpportunityContactRoles', childSObject: 'OpportunityContactRole', field: 'ContactId' },
      ...activityChildren('WhoId'),
    ],
    search: {
      name: ['Name', 'FirstName', 'LastName'],
      email: ['Email'],
      phone: ['Phone', 'MobilePhone', 'HomePhone', 'OtherPhone', 'AssistantPhone'],
      text: [
        'Name',
        'FirstName',
        'LastName',
        'Email',
        'Phone',
        'MobilePhone',
        'HomePhone',
        'OtherPhone',
        'Title',
        'Description',
      ],
    },
    fields: [
      idField,
      text('FirstName', 'First Name', 40),
      text('LastName', 'Last Name', 80, { nillable: false }),
      text('Salutation', 'Salutation', 40),
      compoundName(),
      text('Title', 'Title', 128),
      text('Department', 'Department', 80),
      field('Email', 'Email', 'email', { length: 80 }),
      phone('Phone', 'Business Phone'),
      phone('MobilePhone', 'Mobile Phone'),
      phone('HomePhone', 'Home Phone'),
      phone('OtherPhone', 'Other Phone'),
      phone('AssistantPhone', 'Asst. Phone'),
      field('AccountId', 'Account ID', 'reference', { referenceTo: ['Account'], relationshipName: 'Account' }),
      field('IsPersonAccount', 'Is Person Account', 'boolean', {
        ...readOnly,
        nillable: false,
        defaultedOnCreate: true,
        personAccount: true,
      }),
      field('Description', 'Contact Description', 'textarea', { length: 32000 }),
      field('LastActivityDate', 'Last Activity', 'date', readOnly),
      owner(),
      ...audit(),
    ],
  },
  {
    name: 'Task',
    label: 'Task',
    labelPlural: 'Tasks',
    keyPrefix: '00T',
    childRelationships: [],
    search: { name: ['Subject'], email: [], phone: [], text: ['Subject', 'Description'] },
    fields: [
      idField,
      ...activityCommon(),
      picklist('Status', 'Status', TASK_STATUSES, { nillable: false, defaultedOnCreate: true }),
      picklist('Priority', 'Priority', PRIORITIES_TASK, { nillable: false, defaultedOnCreate: true }),
      picklist('Type', 'Type', values('Call', 'Email', 'Meeting', 'Other')),
      picklist('TaskSubtype', 'Task Subtype', values('Task', 'Email', 'ListEmail', 'Cadence', 'Call', 'LinkedIn'), {
        updateable: false,
        defaultedOnCreate: true,
      }),
      field('IsClosed', 'Closed', 'boolean', { ...readOnly, nillable: false, defaultedOnCreate: true }),
      field('IsHighPriority', 'High Priority', 'boolean', { ...readOnly, nillable: false, defaultedOnCreate: true }),
      picklist('CallType', 'Call Type', values('Inbound', 'Internal', 'Outbound'), { restrictedPicklist: true }),
      field('CallDurationInSeconds', 'Call Duration', 'int'),
      text('CallObject', 'Call Object Identifier', 255),
      text('CallDisposition', 'Call Result', 255),
      field('IsReminderSet', 'Reminder Set', 'boolean', { nillable: false, defaultedOnCreate: true }),
      field('ReminderDateTime', 'Reminder Date/Time', 'datetime'),
      field('CompletedDateTime', 'Completed Date/Time', 'datetime', readOnly),
      field('IsArchived', 'Archived', 'boolean', { ...readOnly, nillable: false, defaultedOnCreate: true }),
    ],
  },
  {
    name: 'Event',
    label: 'Event',
    labelPlural: 'Events',
    keyPrefix: '00U',
    childRelationships: [],
    search: { name: ['Subject'], email: [], phone: [], text: ['Subject', 'Description', 'Location'] },
    fields: [
      idField,
      ...activityCommon(),
      field('StartDateTime', 'Start', 'datetime'),
      field('EndDateTime', 'End', 'datetime'),
      field('ActivityDateTime', 'Due Date Time', 'datetime'),
      field('DurationInMinutes', 'Duration', 'int'),
      field('IsAllDayEvent', 'All-Day Event', 'boolean', { nillable: false, defaultedOnCreate: true }),
      text('Location', 'Location', 255),
      picklist('Type', 'Type', values('Call', 'Email', 'Meeting', 'Other')),
      picklist('EventSubtype', 'Event Subtype', values('Event'), { updateable: false, defaultedOnCreate: true }),
    ],
  },
  {
    name: 'Opportunity',
    label: 'Opportunity',
    labelPlural: 'Opportunities',
    keyPrefix: '006',
    childRelationships: [
      { relationshipName: 'OpportunityContactRoles', childSObject: 'OpportunityContactRole', field: 'OpportunityId' },
      ...activityChildren('WhatId'),
    ],
    search: { name: ['Name'], email: [], phone: [], text: ['Name', 'Description'] },
    fields: [
      idField,
      text('Name', 'Name', 120, { nillable: false, nameField: true }),
      field('AccountId', 'Account ID', 'reference', { referenceTo: ['Account'], relationshipName: 'Account' }),
      picklist('StageName', 'Stage', OPPORTUNITY_STAGES, { nillable: false }),
      field('Amount', 'Amount', 'currency', { precision: 18, scale: 2 }),
      field('Probability', 'Probability (%)', 'percent', { precision: 3, scale: 0, defaultedOnCreate: true }),
      field('CloseDate', 'Close Date', 'date', { nillable: false }),
      picklist(
        'ForecastCategoryName',
        'Forecast Category',
        values('Omitted', 'Pipeline', 'Best Case', 'Commit', 'Closed'),
        {
          defaultedOnCreate: true,
        },
      ),
      field('IsClosed', 'Closed', 'boolean', { ...readOnly, nillable: false, defaultedOnCreate: true }),
      field('IsWon', 'Won', 'boolean', { ...readOnly, nillable: false, defaultedOnCreate: true }),
      field('Description', 'Description', 'textarea', { length: 32000 }),
      text('NextStep', 'Next Step', 255),
      field('RecordTypeId', 'Record Type ID', 'reference', {
        referenceTo: ['RecordType'],
        relationshipName: 'RecordType',
        defaultedOnCreate: true,
      }),
      field('LastActivityDate', 'Last Activity', 'date', readOnly),
      conversationIdField(),
      owner(),
      ...audit(),
    ],
  },
  {
    name: 'OpportunityContactRole',
    label: 'Opportunity Contact Role',
    labelPlural: 'Opportunity Contact Roles',
    keyPrefix: '00K',
    childRelationships: [],
    fields: [
      idField,
      field('OpportunityId', 'Opportunity ID', 'reference', {
        nillable: false,
        referenceTo: ['Opportunity'],
        relationshipName: 'Opportunity',
      }),
      field('ContactId', 'Contact ID', 'reference', {
        nillable: false,
        referenceTo: ['Contact'],
        relationshipName: 'Contact',
      }),
      picklist(
        'Role',
        'Role',
        values('Business User', 'Decision Maker', 'Economic Buyer', 'Technical Buyer', 'Influencer', 'Other'),
      ),
      field('IsPrimary', 'Primary', 'boolean', { nillable: false, defaultedOnCreate: true }),
      ...audit(),
    ],
  },
  {
    name: 'Case',
    label: 'Case',
    labelPlural: 'Cases',
    keyPrefix: '500',
    childRelationships: [
      { relationshipName: 'CaseComments', childSObject: 'CaseComment', field: 'ParentId' },
      ...activityChildren('WhatId'),
    ],
    search: {
      name: ['CaseNumber', 'Subject'],
      email: ['SuppliedEmail'],
      phone: ['SuppliedPhone'],
      text: ['CaseNumber', 'Subject', 'Description'],
    },
    fields: [
      idField,
      field('CaseNumber', 'Case Number', 'string', {
        ...readOnly,
        length: 30,
        autoNumber: true,
        nameField: true,
        nillable: false,
        defaultedOnCreate: true,
      }),
      text('Subject', 'Subject', 255),
      field('Description', 'Description', 'textarea', { length: 32000 }),
      picklist('Status', 'Status', CASE_STATUSES, { nillable: false, defaultedOnCreate: true }),
      picklist('Priority', 'Priority', PRIORITIES_CASE, { defaultedOnCreate: true }),
      picklist('Origin', 'Case Origin', values('Phone', 'Email', 'Web', 'Chat')),
      picklist(
        'Reason',
        'Case Reason',
        values('Installation', 'Equipment Complexity', 'Performance', 'Breakdown', 'Feedback', 'Other'),
      ),
      field('IsClosed', 'Closed', 'boolean', { ...readOnly, nillable: false, defaultedOnCreate: true }),
      field('ClosedDate', 'Closed Date', 'datetime', readOnly),
      field('AccountId', 'Account ID', 'reference', { referenceTo: ['Account'], relationshipName: 'Account' }),
      field('ContactId', 'Contact ID', 'reference', { referenceTo: ['Contact'], relationshipName: 'Contact' }),
      field('SuppliedEmail', 'Web Email', 'email', { length: 80 }),
      phone('SuppliedPhone', 'Web Phone'),
      conversationIdField(),
      owner(['User', 'Group']),
      ...audit(),
    ],
  },
  {
    // The org's case status values with their flags (Setup → Case Status): read-only, one row per value.
    name: 'CaseStatus',
    label: 'Case Status Value',
    labelPlural: 'Case Status Values',
    keyPrefix: '01J',
    createable: false,
    updateable: false,
    deletable: false,
    childRelationships: [],
    fields: [
      idField,
      text('ApiName', 'Api Name', 255, { ...readOnly, nillable: false }),
      text('MasterLabel', 'Master Label', 255, { ...readOnly, nillable: false }),
      field('IsClosed', 'Closed', 'boolean', { ...readOnly, nillable: false, defaultedOnCreate: true }),
      field('IsDefault', 'Is Default', 'boolean', { ...readOnly, nillable: false, defaultedOnCreate: true }),
      field('SortOrder', 'Sort Order', 'int', readOnly),
      ...audit(),
    ],
  },
  {
    name: 'CaseComment',
    label: 'Case Comment',
    labelPlural: 'Case Comments',
    keyPrefix: '00a',
    childRelationships: [],
    fields: [
      idField,
      field('ParentId', 'Parent ID', 'reference', {
        nillable: false,
        updateable: false,
        referenceTo: ['Case'],
        relationshipName: 'Parent',
      }),
      field('CommentBody', 'Body', 'textarea', { length: 4000 }),
      field('IsPublished', 'Published', 'boolean', { nillable: false, defaultedOnCreate: true }),
      ...audit(),
    ],
  },
  {
    name: 'ContentNote',
    label: 'Note',
    labelPlural: 'Notes',
    keyPrefix: '069',
    childRelationships: [],
    fields: [
      idField,
      text('Title', 'Title', 255, { nillable: false }),
      field('Content', 'Content', 'base64'),
      text('FileType', 'File Type', 20, readOnly),
      text('TextPreview', 'Text Preview', 255, readOnly),
      field('FileExtension', 'File Extension', 'string', { ...readOnly, length: 40 }),
      field('LatestPublishedVersionId', 'Latest Published Version ID', 'reference', {
        ...readOnly,
        referenceTo: ['ContentVersion'],
      }),
      owner(),
      ...audit(),
    ],
  },
  {
    name: 'ContentDocumentLink',
    label: 'Content Document Link',
    labelPlural: 'Content Document Links',
    keyPrefix: '06A',
    childRelationships: [],
    updateable: false,
    fields: [
      idField,
      field('ContentDocumentId', 'ContentDocument ID', 'reference', {
        nillable: false,
        updateable: false,
        referenceTo: ['ContentDocument'],
        relationshipName: 'ContentDocument',
      }),
      field('LinkedEntityId', 'Linked Entity ID', 'reference', {
        nillable: false,
        updateable: false,
        referenceTo: ['Account', 'Contact', 'Lead', 'Opportunity', 'Case', 'User'],
        relationshipName: 'LinkedEntity',
      }),
      picklist('ShareType', 'Share Type', values('V', 'C', 'I'), { nillable: false }),
      picklist('Visibility', 'Visibility', values('AllUsers', 'InternalUsers', 'SharedUsers'), {
        defaultedOnCreate: true,
      }),
      field('IsDeleted', 'Deleted', 'boolean', { ...readOnly, nillable: false, defaultedOnCreate: true }),
      field('SystemModstamp', 'System Modstamp', 'datetime', { ...readOnly, nillable: false, defaultedOnCreate: true }),
    ],
  },
  {
    name: 'ContentDocument',
    label: 'Content Document',
    labelPlural: 'Content Documents',
    keyPrefix: '069',
    childRelationships: [],
    createable: false,
    fields: [
      idField,
      text('Title', 'Title', 255, { nillable: false }),
      text('FileType', 'File Type', 20, readOnly),
      owner(),
      ...audit(),
    ],
  },
  {
    name: 'Note',
    label: 'Note',
    labelPlural: 'Notes',
    keyPrefix: '002',
    childRelationships: [],
    fields: [
      idField,
      field('ParentId', 'Parent ID', 'reference', {
        nillable: false,
        updateable: false,
        referenceTo: ['Account', 'Contact', 'Lead', 'Opportunity', 'Case'],
        relationshipName: 'Parent',
      }),
      text('Title', 'Title', 80, { nillable: false }),
      field('Body', 'Body', 'textarea', { length: 32000 }),
      field('IsPrivate', 'Private', 'boolean', { nillable: false, defaultedOnCreate: true }),
      owner(),
      ...audit(),
    ],
  },
  {
    name: 'RecordType',
    label: 'Record Type',
    labelPlural: 'Record Types',
    keyPrefix: '012',
    childRelationships: [],
    createable: false,
    updateable: false,
    deletable: false,
    fields: [
      idField,
      text('Name', 'Record Type Label', 80, { ...readOnly, nameField: true }),
      text('DeveloperName', 'Record Type Name', 80, readOnly),
      text('SobjectType', 'SObject Type Name', 40, readOnly),
      field('IsActive', 'Active', 'boolean', readOnly),
      field('IsPersonType', 'Is Person Type', 'boolean', { ...readOnly, personAccount: true }),
    ],
  },
  {
    name: 'Group',
    label: 'Group',
    labelPlural: 'Groups',
    keyPrefix: '00G',
    childRelationships: [],
    createable: false,
    updateable: false,
    deletable: false,
    fields: [idField, text('Name', 'Name', 40, { ...readOnly, nameField: true }), text('Type', 'Type', 40, readOnly)],
  },
];

const activityView = (name: string, label: string, labelPlural: string): ObjectDef => ({
  name,
  label,
  labelPlural,
  keyPrefix: '',
  queryable: false,
  searchable: false,
  createable: false,
  updateable: false,
  deletable: false,
  childRelationships: [],
  fields: [
    idField,
    ...activityCommon().map((f) => ({ ...f, createable: false, updateable: false })),
    field('IsTask', 'Task', 'boolean', readOnly),
    field('IsClosed', 'Closed', 'boolean', readOnly),
    field('IsHighPriority', 'High Priority', 'boolean', readOnly),
    picklist(
      'ActivitySubtype',
      'Activity Subtype',
      values('Task', 'Email', 'ListEmail', 'Cadence', 'Call', 'Event', 'LinkedIn'),
      readOnly,
    ),
    picklist('ActivityType', 'Activity Type', values('Call', 'Email', 'Meeting', 'Other'), readOnly),
    picklist('Status', 'Status', TASK_STATUSES, readOnly),
    picklist('Priority', 'Priority', PRIORITIES_TASK, readOnly),
    picklist('CallType', 'Call Type', values('Inbound', 'Internal', 'Outbound'), readOnly),
    field('CallDurationInSeconds', 'Call Duration', 'int', readOnly),
    text('CallObject', 'Call Object Identifier', 255, readOnly),
    text('CallDisposition', 'Call Result', 255, readOnly),
    field('ActivityDateTime', 'Due Date Time', 'datetime', readOnly),
    field('StartDateTime', 'Start', 'datetime', readOnly),
    field('EndDateTime', 'End', 'datetime', readOnly),
    field('DurationInMinutes', 'Duration', 'int', readOnly),
    field('IsAllDayEvent', 'All-Day Event', 'boolean', readOnly),
    text('Location', 'Location', 255, readOnly),
  ],
});

OBJECTS.push(
  activityView('ActivityHistory', 'Activity History', 'Activity Histories'),
  activityView('OpenActivity', 'Open Activity', 'Open Activities'),
);

export const SCHEMA: ReadonlyMap<string, ObjectDef> = new Map(OBJECTS.map((o) => [o.name.toLowerCase(), o]));

/** Case-insensitive object lookup, as SOQL and the REST paths are. */
export function objectDef(name: string): ObjectDef | undefined {
  return SCHEMA.get(name.toLowerCase());
}

export function fieldDef(object: ObjectDef, name: string): FieldDef | undefined {
  const lower = name.toLowerCase();
  return object.fields.find((f) => f.name.toLowerCase() === lower);
}

/** Objects with a key prefix, for telling an id's type. ContentNote wins 069 (ContentDocument shares it). */
export function objectForId(id: string): ObjectDef | undefined {
  const prefix = id.slice(0, 3);
  return OBJECTS.find((o) => o.keyPrefix === prefix && o.name !== 'ContentDocument');
}

export function requiredOnCreate(f: FieldDef): boolean {
  return f.nillable === false && f.createable !== false && f.defaultedOnCreate !== true && f.type !== 'boolean';
}

export function allObjects(): readonly ObjectDef[] {
  return OBJECTS;
}
