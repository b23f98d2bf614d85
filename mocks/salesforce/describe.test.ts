/**
 * Metadata over HTTP against README "Salesforce API facts": sObject describe, describeGlobal, the UI API
 * object-info and picklist values, and how object access, field-level security and Person Accounts
 * change them.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TEST_ORG_ORIGIN, createTestOrg, signIn } from '../node';
import { setFieldAccess } from './controls';

const { emulator, server } = createTestOrg();
const ORG = TEST_ORG_ORIGIN;
const V = '/services/data/v66.0';
const MASTER = '012000000000000AAA';
const NOT_FOUND = [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }];
let token = '';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(async () => {
  emulator.reset();
  token = (await signIn(emulator)).access_token ?? '';
});
afterAll(() => server.close());

interface DescribeField {
  name: string;
  label: string;
  type: string;
  length: number;
  nillable: boolean;
  createable: boolean;
  updateable: boolean;
  defaultedOnCreate: boolean;
  unique: boolean;
  externalId: boolean;
  referenceTo: string[];
  relationshipName: string | null;
  picklistValues: { active: boolean; defaultValue: boolean; label: string; validFor: null; value: string }[];
}

interface Describe {
  name: string;
  fields: DescribeField[];
  childRelationships: { childSObject: string; field: string; relationshipName: string; cascadeDelete: boolean }[];
  recordTypeInfos: { recordTypeId: string; name: string; master: boolean }[];
  [key: string]: unknown;
}

async function get(path: string): Promise<Response> {
  return fetch(`${ORG}${V}${path}`, { headers: { Authorization: `Bearer ${token}` } });
}

async function describeOf(name: string): Promise<Describe> {
  const response = await get(`/sobjects/${name}/describe`);
  expect(response.status).toBe(200);
  return (await response.json()) as Describe;
}

function fieldOf(d: Describe, name: string): DescribeField | undefined {
  return d.fields.find((f) => f.name === name);
}

/** §5: required on create = nillable:false && createable:true && !defaultedOnCreate. */
function requiredOnCreate(d: Describe): string[] {
  return d.fields.filter((f) => !f.nillable && f.createable && !f.defaultedOnCreate).map((f) => f.name);
}

describe('sObject describe', () => {
  it('has the documented top-level keys and values for Lead', async () => {
    const lead = await describeOf('Lead');
    expect(lead).toMatchObject({
      name: 'Lead',
      label: 'Lead',
      labelPlural: 'Leads',
      keyPrefix: '00Q',
      createable: true,
      updateable: true,
      deletable: true,
      queryable: true,
      retrieveable: true,
      searchable: true,
      layoutable: true,
      mergeable: true,
      custom: false,
      urls: {
        sobject: `${V}/sobjects/Lead`,
        describe: `${V}/sobjects/Lead/describe`,
        rowTemplate: `${V}/sobjects/Lead/{ID}`,
      },
    });
    expect(lead.recordTypeInfos).toEqual([
      expect.objectContaining({
        available: true,
        defaultRecordTypeMapping: true,
        master: true,
        name: 'Master',
        recordTypeId: MASTER,
        urls: expect.any(Object) as object,
      }),
    ]);
    expect(lead.childRelationships).toContainEqual(
      expect.objectContaining({
        childSObject: 'Task',
        field: 'WhoId',
        relationshipName: 'Tasks',
        cascadeDelete: false,
      }),
    );
  });

  it('describes Lead.Status as in the §5 example', async () => {
    const status = fieldOf(await describeOf('Lead'), 'Status');
    expect(status).toMatchObject({
      name: 'Status',
      label: 'Lead Status',
      type: 'picklist',
      length: 255,
      nillable: false,
      createable: true,
      updateable: true,
      defaultedOnCreate: true,
      unique: false,
      externalId: false,
      idLookup: false,
      nameField: false,
      calculated: false,
      autoNumber: false,
      restrictedPicklist: false,
      dependentPicklist: false,
      controllerName: null,
      referenceTo: [],
      relationshipName: null,
      soapType: 'xsd:string',
      filterable: true,
      sortable: true,
    });
    expect(status?.picklistValues[0]).toEqual({
      active: true,
      defaultValue: true,
      label: 'Open - Not Contacted',
      validFor: null,
      value: 'Open - Not Contacted',
    });
  });

  it('derives the fields required on create as §6 lists them', async () => {
    expect(requiredOnCreate(await describeOf('Lead'))).toEqual(['LastName', 'Company']);
    expect(requiredOnCreate(await describeOf('Contact'))).toEqual(['LastName']);
    expect(requiredOnCreate(await describeOf('Opportunity'))).toEqual(['Name', 'StageName', 'CloseDate']);
    expect(requiredOnCreate(await describeOf('Task'))).toEqual([]);
    expect(requiredOnCreate(await describeOf('Case'))).toEqual([]);
    const task = await describeOf('Task');
    expect(fieldOf(task, 'Status')).toMatchObject({ nillable: false, defaultedOnCreate: true });
    expect(fieldOf(task, 'TaskSubtype')).toMatchObject({ createable: true, updateable: false });
    expect(fieldOf(task, 'CallType')).toMatchObject({ restrictedPicklist: true });
    expect(fieldOf(task, 'Description')).toMatchObject({ type: 'textarea', length: 32000, label: 'Description' });
  });

  it('describes reference fields with referenceTo and relationshipName', async () => {
    expect(fieldOf(await describeOf('Lead'), 'OwnerId')).toMatchObject({
      type: 'reference',
      referenceTo: ['User', 'Group'],
      relationshipName: 'Owner',
    });
    expect(fieldOf(await describeOf('Task'), 'WhoId')).toMatchObject({
      type: 'reference',
      referenceTo: ['Contact', 'Lead'],
      relationshipName: 'Who',
    });
  });

  it('declares conversationId__c on Opportunity and Case as Text(255), unique external ID', async () => {
    for (const name of ['Opportunity', 'Case']) {
      expect(fieldOf(await describeOf(name), 'conversationId__c')).toMatchObject({
        name: 'conversationId__c',
        type: 'string',
        length: 255,
        custom: true,
        unique: true,
        externalId: true,
        idLookup: true,
        nillable: true,
        createable: true,
        updateable: true,
      });
    }
  });

  it('leaves out a field hidden by FLS, and marks a read-only one not createable/updateable', async () => {
    setFieldAccess(emulator, 'Lead', 'MobilePhone', 'none');
    setFieldAccess(emulator, 'Lead', 'Phone', 'read');
    const lead = await describeOf('Lead');
    expect(fieldOf(lead, 'MobilePhone')).toBeUndefined();
    expect(fieldOf(lead, 'Phone')).toMatchObject({ createable: false, updateable: false });
    setFieldAccess(emulator, 'Lead', 'MobilePhone', 'edit');
    expect(fieldOf(await describeOf('Lead'), 'MobilePhone')).toMatchObject({ createable: true, updateable: true });
  });

  it('drops conversationId__c everywhere when it is removed', async () => {
    setFieldAccess(emulator, 'Opportunity', 'conversationId__c', 'none');
    expect(fieldOf(await describeOf('Opportunity'), 'conversationId__c')).toBeUndefined();
    const info = (await (await get('/ui-api/object-info/Opportunity')).json()) as { fields: Record<string, unknown> };
    expect(info.fields).not.toHaveProperty('conversationId__c');
    const query = await get(
      `/query?q=${encodeURIComponent("SELECT Id FROM Opportunity WHERE conversationId__c = 'x'")}`,
    );
    expect(query.status).toBe(400);
    expect(((await query.json()) as { errorCode: string }[])[0]?.errorCode).toBe('INVALID_FIELD');
  });

  it('reflects object permissions in the flags', async () => {
    emulator.store.setObjectPermissions('Case', { create: false, delete: false });
    expect(await describeOf('Case')).toMatchObject({
      queryable: true,
      retrieveable: true,
      createable: false,
      updateable: true,
      deletable: false,
    });
  });

  it('answers an object the user cannot see with 404, and hides it from describeGlobal, /sobjects/X and relationships', async () => {
    emulator.store.setObjectPermissions('Opportunity', { read: false });
    for (const path of [
      '/sobjects/Opportunity/describe',
      '/sobjects/Opportunity',
      '/ui-api/object-info/Opportunity',
      `/ui-api/object-info/Opportunity/picklist-values/${MASTER}/StageName`,
    ]) {
      const response = await get(path);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual(NOT_FOUND);
    }
    const global = (await (await get('/sobjects')).json()) as { sobjects: { name: string }[] };
    expect(global.sobjects.map((o) => o.name)).not.toContain('Opportunity');
    expect(global.sobjects.map((o) => o.name)).toContain('Case');
    expect((await describeOf('Account')).childRelationships.map((r) => r.childSObject)).not.toContain('Opportunity');
  });

  it('answers an unknown object with 404', async () => {
    const response = await get('/sobjects/Bacon__c/describe');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual(NOT_FOUND);
  });

  it('shows Person Account fields and record type only when Person Accounts are enabled', async () => {
    const personFields = [
      'IsPersonAccount',
      'PersonEmail',
      'PersonMobilePhone',
      'PersonHomePhone',
      'PersonContactId',
      'FirstName',
      'LastName',
    ];
    const enabled = await describeOf('Account');
    for (const name of personFields) expect(fieldOf(enabled, name), name).toBeDefined();
    expect(enabled.recordTypeInfos.map((rt) => rt.name)).toEqual(['Master', 'Person Account']);
    expect(fieldOf(await describeOf('Contact'), 'IsPersonAccount')).toBeDefined();

    emulator.store.personAccountsEnabled = false;
    const disabled = await describeOf('Account');
    for (const name of personFields) expect(fieldOf(disabled, name), name).toBeUndefined();
    expect(disabled.recordTypeInfos.map((rt) => rt.name)).toEqual(['Master']);
    expect(fieldOf(await describeOf('Contact'), 'IsPersonAccount')).toBeUndefined();
    const query = await get(`/query?q=${encodeURIComponent('SELECT Id, PersonEmail FROM Account')}`);
    expect(query.status).toBe(400);
    expect(((await query.json()) as { errorCode: string }[])[0]?.errorCode).toBe('INVALID_FIELD');
  });
});

describe('describeGlobal and sObject basic info', () => {
  it('answers {encoding, maxBatchSize, sobjects[]} with the documented per-object keys', async () => {
    const response = await get('/sobjects');
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      encoding: string;
      maxBatchSize: number;
      sobjects: Record<string, unknown>[];
    };
    expect(body.encoding).toBe('UTF-8');
    expect(body.maxBatchSize).toBe(200);
    expect(body.sobjects.find((o) => o.name === 'Account')).toMatchObject({
      name: 'Account',
      label: 'Account',
      keyPrefix: '001',
      createable: true,
      updateable: true,
      deletable: true,
      queryable: true,
      retrieveable: true,
      searchable: true,
      layoutable: true,
      custom: false,
      urls: {
        sobject: `${V}/sobjects/Account`,
        describe: `${V}/sobjects/Account/describe`,
        rowTemplate: `${V}/sobjects/Account/{ID}`,
      },
    });
    for (const name of [
      'Lead',
      'Contact',
      'Account',
      'Task',
      'Event',
      'Opportunity',
      'Case',
      'ContentNote',
      'ContentDocumentLink',
      'User',
    ]) {
      expect(body.sobjects.map((o) => o.name)).toContain(name);
    }
  });

  it('answers GET /sobjects/Lead with objectDescribe and recentItems', async () => {
    const body = (await (await get('/sobjects/Lead')).json()) as {
      objectDescribe: { name: string };
      recentItems: unknown[];
    };
    expect(body.objectDescribe.name).toBe('Lead');
    expect(body.recentItems).toEqual([]);
  });
});

describe('UI API', () => {
  it('answers object-info with fields as a map, keyed by API name', async () => {
    const response = await get('/ui-api/object-info/Lead');
    expect(response.status).toBe(200);
    const info = (await response.json()) as Record<string, unknown> & {
      fields: Record<string, Record<string, unknown>>;
    };
    expect(info).toMatchObject({
      apiName: 'Lead',
      label: 'Lead',
      labelPlural: 'Leads',
      keyPrefix: '00Q',
      createable: true,
      updateable: true,
      deletable: true,
      queryable: true,
      searchable: true,
      layoutable: true,
      mruEnabled: true,
      nameFields: ['Name'],
      defaultRecordTypeId: MASTER,
      recordTypeInfos: {
        [MASTER]: {
          available: true,
          defaultRecordTypeMapping: true,
          master: true,
          name: 'Master',
          recordTypeId: MASTER,
        },
      },
      dependentFields: {},
      themeInfo: { color: expect.any(String) as string, iconUrl: expect.any(String) as string },
    });
    expect(Array.isArray(info.fields)).toBe(false);
    expect(Array.isArray(info.childRelationships)).toBe(true);
    expect(info.fields.Phone).toMatchObject({
      apiName: 'Phone',
      dataType: 'Phone',
      label: 'Phone',
      required: false,
      createable: true,
      updateable: true,
      nameField: false,
      reference: false,
      referenceToInfos: [],
      length: 40,
    });
    expect(info.fields.LastName).toMatchObject({ required: true });
    expect(info.fields.OwnerId).toMatchObject({
      dataType: 'Reference',
      reference: true,
      referenceToInfos: [
        { apiName: 'User', nameFields: ['Name'] },
        { apiName: 'Group', nameFields: ['Name'] },
      ],
    });
  });

  it('applies FLS to object-info', async () => {
    setFieldAccess(emulator, 'Lead', 'MobilePhone', 'none');
    const info = (await (await get('/ui-api/object-info/Lead')).json()) as { fields: Record<string, unknown> };
    expect(info.fields).not.toHaveProperty('MobilePhone');
    expect(info.fields).toHaveProperty('Phone');
  });

  it('answers StageName picklist values with the OpportunityStage attributes, misspelling included', async () => {
    const response = await get(`/ui-api/object-info/Opportunity/picklist-values/${MASTER}/StageName`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      values: { attributes: Record<string, unknown> | null; value: string }[];
    } & Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['controllerValues', 'defaultValue', 'eTag', 'url', 'values']);
    expect(body).toMatchObject({
      controllerValues: {},
      defaultValue: null,
      eTag: expect.any(String) as string,
      url: `${V}/ui-api/object-info/Opportunity/picklist-values/${MASTER}/StageName`,
    });
    expect(body.values[0]).toEqual({
      attributes: {
        closed: false,
        defaultProbability: 10.0,
        forecastCategoryName: 'Pipeline',
        picklistAtrributesValueType: 'OpportunityStage',
        won: false,
      },
      label: 'Prospecting',
      validFor: [],
      value: 'Prospecting',
    });
    expect(body.values.find((v) => v.value === 'Closed Won')?.attributes).toMatchObject({
      closed: true,
      won: true,
      defaultProbability: 100,
    });
    expect(body.values.find((v) => v.value === 'Closed Lost')?.attributes).toMatchObject({
      closed: true,
      won: false,
      defaultProbability: 0,
    });
  });

  it('gives other picklists attributes: null', async () => {
    const body = (await (await get(`/ui-api/object-info/Lead/picklist-values/${MASTER}/Status`)).json()) as {
      values: { attributes: unknown }[];
      defaultValue: { value: string };
    };
    expect(body.values.length).toBeGreaterThan(0);
    for (const value of body.values) expect(value.attributes).toBeNull();
    expect(body.defaultValue.value).toBe('Open - Not Contacted');
  });

  it('answers all picklists of a record type under picklistFieldValues', async () => {
    const body = (await (await get(`/ui-api/object-info/Opportunity/picklist-values/${MASTER}`)).json()) as {
      picklistFieldValues: Record<string, { values: unknown[] }>;
    };
    expect(Object.keys(body.picklistFieldValues)).toEqual(
      expect.arrayContaining(['StageName', 'ForecastCategoryName']),
    );
    expect(body.picklistFieldValues.StageName?.values).toHaveLength(10);
  });

  it('answers an unknown record type or a field that is not a picklist with 404', async () => {
    expect((await get('/ui-api/object-info/Opportunity/picklist-values/0125g000000NopeAAA/StageName')).status).toBe(
      404,
    );
    expect((await get(`/ui-api/object-info/Opportunity/picklist-values/${MASTER}/Name`)).status).toBe(404);
  });
});
