/**
 * The emulated org's REST API over HTTP, against README "Salesforce API facts": versions and resources, the
 * session and edition errors, limits, sObject create/read/update/delete/upsert with their errors, and
 * query paging. Composite and collections are in composite.test.ts, metadata in describe.test.ts.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TEST_ORG_ORIGIN, createTestOrg, signIn } from '../node';
import { setFieldAccess } from './controls';

const { emulator, server } = createTestOrg();
const ORG = TEST_ORG_ORIGIN;
let token = '';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(async () => {
  emulator.reset();
  token = (await signIn(emulator)).access_token ?? '';
});
afterAll(() => server.close());

type Json = Record<string, unknown>;

interface CallOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  version?: string;
  bearer?: string | null;
}

function api(path: string, options: CallOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  const bearer = options.bearer === undefined ? token : options.bearer;
  if (bearer !== null) headers.Authorization = `Bearer ${bearer}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  return fetch(`${ORG}/services/data/${options.version ?? 'v66.0'}${path}`, {
    method: options.method ?? 'GET',
    headers,
    ...(options.body !== undefined
      ? { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }
      : {}),
  });
}

async function json<T = Json>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

async function expectError(response: Response, status: number, body: unknown[]): Promise<void> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/json;charset=UTF-8');
  expect(await response.json()).toEqual(body);
}

interface Page {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: unknown[];
}

function q(soql: string): string {
  return `/query?q=${encodeURIComponent(soql)}`;
}

describe('versions and resources', () => {
  it('lists versions without authentication, labelled with their releases', async () => {
    const response = await fetch(`${ORG}/services/data/`);
    expect(response.status).toBe(200);
    const versions = await json<{ label: string; url: string; version: string }[]>(response);
    expect(versions).toContainEqual({ label: "Spring '26", url: '/services/data/v66.0', version: '66.0' });
    expect(versions).toContainEqual({ label: "Summer '26", url: '/services/data/v67.0', version: '67.0' });
    expect(versions).toContainEqual({ label: "Winter '27", url: '/services/data/v68.0', version: '68.0' });
    expect(versions).toContainEqual({ label: "Winter '26", url: '/services/data/v65.0', version: '65.0' });
    expect(versions).toContainEqual({ label: "Summer '14", url: '/services/data/v31.0', version: '31.0' });
    expect(versions.map((v) => v.version)).not.toContain('30.0');
    for (const v of versions) expect(Object.keys(v)).toEqual(['label', 'url', 'version']);
  });

  it('answers an unknown or retired version with 404 NOT_FOUND', async () => {
    for (const version of ['v20.0', 'v99.0']) {
      await expectError(await api('/sobjects', { version }), 404, [
        { errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' },
      ]);
    }
  });

  it('lists the version resources', async () => {
    const response = await api('/');
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({
      sobjects: '/services/data/v66.0/sobjects',
      query: '/services/data/v66.0/query',
      queryAll: '/services/data/v66.0/queryAll',
      search: '/services/data/v66.0/search',
      composite: '/services/data/v66.0/composite',
      limits: '/services/data/v66.0/limits',
    });
  });

  it('answers an unknown resource with 404 and a wrong method with 405', async () => {
    await expectError(await api('/nope'), 404, [
      { errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' },
    ]);
    const wrong = await api('/sobjects', { method: 'POST', body: {} });
    expect(wrong.status).toBe(405);
    expect((await json<{ errorCode: string }[]>(wrong))[0]?.errorCode).toBe('METHOD_NOT_ALLOWED');
  });
});

describe('session and org errors', () => {
  const invalidSession = [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }];

  it('answers a missing, unknown or expired token with 401 INVALID_SESSION_ID and WWW-Authenticate: Token', async () => {
    for (const bearer of [null, '00D5g000004XYZA!AQnotatoken']) {
      const response = await api('/limits', { bearer });
      expect(response.headers.get('www-authenticate')).toBe('Token');
      await expectError(response, 401, invalidSession);
    }
    const controls = await fetch(`${ORG}/__emulator/tokens/expire-access`, { method: 'POST' });
    expect(await controls.json()).toEqual({ expired: 1 });
    const expired = await api('/limits');
    expect(expired.headers.get('www-authenticate')).toBe('Token');
    await expectError(expired, 401, invalidSession);
  });

  it('answers a token without the api scope with the not-valid-for-REST variant', async () => {
    const tokens = await signIn(emulator, { scope: 'openid refresh_token' });
    const response = await api('/limits', { bearer: tokens.access_token ?? '' });
    expect(response.headers.get('www-authenticate')).toBe('Token');
    await expectError(response, 401, [
      { message: 'This session is not valid for use with the REST API', errorCode: 'INVALID_SESSION_ID' },
    ]);
  });

  it('answers with the not-valid-for-REST variant when API Access Control blocks the app', async () => {
    emulator.settings.restSessionValid = false;
    await expectError(await api('/limits'), 401, [
      { message: 'This session is not valid for use with the REST API', errorCode: 'INVALID_SESSION_ID' },
    ]);
  });

  it('answers every call in an edition without API access with 403 API_DISABLED_FOR_ORG', async () => {
    emulator.settings.apiEnabled = false;
    for (const path of ['/limits', q('SELECT Id FROM Lead'), '/sobjects/Lead/describe']) {
      await expectError(await api(path), 403, [
        { message: 'The REST API is not enabled for this Organization.', errorCode: 'API_DISABLED_FOR_ORG' },
      ]);
    }
  });

  it('counts calls in Sforce-Limit-Info and refuses calls over the daily limit with REQUEST_LIMIT_EXCEEDED', async () => {
    emulator.settings.dailyApiMax = 2;
    expect((await api('/limits')).headers.get('sforce-limit-info')).toBe('api-usage=1/2');
    const second = await api('/sobjects/Lead/00Q000000000000AAA');
    expect(second.status).toBe(404);
    expect(second.headers.get('sforce-limit-info')).toBe('api-usage=2/2');
    await expectError(await api('/limits'), 403, [
      { message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' },
    ]);
  });

  it('reports the daily API requests in /limits', async () => {
    await api('/limits');
    const response = await api('/limits');
    expect(response.status).toBe(200);
    const body = await json<Record<string, { Max: number; Remaining: number }>>(response);
    expect(body.DailyApiRequests).toEqual({ Max: 15000, Remaining: 14998 });
    for (const value of Object.values(body)) expect(Object.keys(value)).toEqual(['Max', 'Remaining']);
  });

  it('answers a body that is not JSON with JSON_PARSER_ERROR', async () => {
    const response = await api('/sobjects/Lead', { method: 'POST', body: '{"LastName":' });
    expect(response.status).toBe(400);
    expect((await json<{ errorCode: string }[]>(response))[0]?.errorCode).toBe('JSON_PARSER_ERROR');
  });
});

describe('create', () => {
  it('answers 201 with {id, success, errors} and a Location header', async () => {
    const response = await api('/sobjects/Lead', {
      method: 'POST',
      body: { FirstName: 'Ada', LastName: 'Byron', Company: 'Analytical', Phone: '+1 415 555 1212' },
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    const body = await json<{ id: string }>(response);
    expect(body).toEqual({ id: expect.stringMatching(/^00Q[A-Za-z0-9]{15}$/) as string, success: true, errors: [] });
    expect(Object.keys(body)).toEqual(['id', 'success', 'errors']);
    expect(response.headers.get('location')).toBe(`/services/data/v66.0/sobjects/Lead/${body.id}`);
    const read = await json(await api(`/sobjects/Lead/${body.id}?fields=Phone,Status,OwnerId,IsConverted`));
    // Phones are stored exactly as sent; Status and OwnerId are defaulted.
    expect(read).toMatchObject({
      Phone: '+1 415 555 1212',
      Status: 'Open - Not Contacted',
      OwnerId: emulator.ids.users.jane,
      IsConverted: false,
    });
  });

  it('lists the missing required fields in REQUIRED_FIELD_MISSING', async () => {
    await expectError(await api('/sobjects/Lead', { method: 'POST', body: { FirstName: 'Nobody' } }), 400, [
      {
        message: 'Required fields are missing: [LastName, Company]',
        errorCode: 'REQUIRED_FIELD_MISSING',
        fields: ['LastName', 'Company'],
      },
    ]);
    await expectError(await api('/sobjects/Opportunity', { method: 'POST', body: { Name: 'Deal' } }), 400, [
      {
        message: 'Required fields are missing: [StageName, CloseDate]',
        errorCode: 'REQUIRED_FIELD_MISSING',
        fields: ['StageName', 'CloseDate'],
      },
    ]);
  });

  it('refuses a Lead with an existing e-mail with DUPLICATES_DETECTED shaped as §2.4, in the request version', async () => {
    const sofia = emulator.ids.leads.sofia;
    const response = await api('/sobjects/Lead', {
      method: 'POST',
      version: 'v60.0',
      body: { LastName: 'Rossi', Company: 'Other', Email: 'SOFIA@rossidesign.example' },
    });
    expect(response.status).toBe(400);
    const body = await json<Json[]>(response);
    expect(body).toEqual([
      {
        duplicateResult: {
          allowSave: true,
          duplicateRule: 'Standard_Lead_Duplicate_Rule',
          duplicateRuleEntityType: 'Lead',
          errorMessage: 'Use one of these records?',
          matchResults: [
            {
              entityType: 'Lead',
              errors: [],
              matchEngine: 'FuzzyMatchEngine',
              matchRecords: [
                {
                  additionalInformation: [],
                  fieldDiffs: [],
                  matchConfidence: 100.0,
                  record: {
                    attributes: { type: 'Lead', url: `/services/data/v60.0/sobjects/Lead/${sofia}` },
                    Id: sofia,
                  },
                },
              ],
              rule: 'Standard_Lead_Match_Rule_v1_0',
              size: 1,
              success: true,
            },
          ],
        },
        errorCode: 'DUPLICATES_DETECTED',
        message: 'Use one of these records?',
      },
    ]);
    expect(Object.keys(body[0] ?? {})).toEqual(['duplicateResult', 'errorCode', 'message']);
  });

  it('saves the duplicate with Sforce-Duplicate-Rule-Header: allowSave=true', async () => {
    const response = await api('/sobjects/Lead', {
      method: 'POST',
      headers: { 'Sforce-Duplicate-Rule-Header': 'allowSave=true, includeRecordDetails=true, runAsCurrentUser=true' },
      body: { LastName: 'Rossi', Company: 'Other', Email: 'sofia@rossidesign.example' },
    });
    expect(response.status).toBe(201);
  });

  it('matches a new Contact against Contacts with the Contact rule', async () => {
    const response = await api('/sobjects/Contact', {
      method: 'POST',
      body: { LastName: 'Hopper', Email: 'grace.hopper@globex.example' },
    });
    expect(response.status).toBe(400);
    const [error] = await json<
      {
        duplicateResult: {
          duplicateRule: string;
          matchResults: { rule: string; matchRecords: { record: { Id: string } }[] }[];
        };
      }[]
    >(response);
    expect(error?.duplicateResult.duplicateRule).toBe('Standard_Contact_Duplicate_Rule');
    expect(error?.duplicateResult.matchResults[0]?.rule).toBe('Standard_Contact_Match_Rule_v1_1');
    expect(error?.duplicateResult.matchResults[0]?.matchRecords[0]?.record.Id).toBe(emulator.ids.contacts.grace);
  });

  it('refuses a Task whose WhoId is a Lead and that also has a WhatId', async () => {
    const response = await api('/sobjects/Task', {
      method: 'POST',
      body: { Subject: 'Call', WhoId: emulator.ids.leads.sofia, WhatId: emulator.ids.accounts.globex },
    });
    expect(response.status).toBe(400);
    const [error] = await json<{ errorCode: string; fields: string[] }[]>(response);
    expect(error).toMatchObject({ errorCode: 'FIELD_INTEGRITY_EXCEPTION', fields: ['WhatId'] });
  });

  it('refuses a bad value for a restricted picklist', async () => {
    await expectError(
      await api('/sobjects/Task', {
        method: 'POST',
        body: { Subject: 'Call', CallType: 'Sideways', WhoId: emulator.ids.contacts.ada },
      }),
      400,
      [
        {
          message: 'Call Type: bad value for restricted picklist field: Sideways',
          errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
          fields: ['CallType'],
        },
      ],
    );
  });

  it('logs a call as the guide shows it, with Status and Priority defaulted and IsClosed derived', async () => {
    const response = await api('/sobjects/Task', {
      method: 'POST',
      body: {
        Subject: 'Inbound call',
        Status: 'Completed',
        Priority: 'Normal',
        TaskSubtype: 'Call',
        CallType: 'Inbound',
        CallDurationInSeconds: 185,
        CallObject: 'conv-7f3a',
        CallDisposition: 'Connected',
        ActivityDate: '2026-01-15',
        WhoId: emulator.ids.contacts.ada,
        WhatId: emulator.ids.opportunities.globexRenewal,
        Description: 'Talked about the renewal.',
      },
    });
    expect(response.status).toBe(201);
    const { id } = await json<{ id: string }>(response);
    expect(
      await json(await api(`/sobjects/Task/${id}?fields=IsClosed,TaskSubtype,CallObject,AccountId`)),
    ).toMatchObject({
      IsClosed: true,
      TaskSubtype: 'Call',
      CallObject: 'conv-7f3a',
      AccountId: emulator.ids.accounts.globex,
    });
  });

  it('refuses a write to a read-only field (FLS) and to a field the user cannot see', async () => {
    setFieldAccess(emulator, 'Lead', 'MobilePhone', 'read');
    const readOnly = await api('/sobjects/Lead', {
      method: 'POST',
      body: { LastName: 'X', Company: 'Y', MobilePhone: '+1 202 555 0100' },
    });
    expect(readOnly.status).toBe(400);
    expect(await json(readOnly)).toEqual([
      {
        message: expect.stringMatching(/^Unable to create\/update fields: MobilePhone\./) as string,
        errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
        fields: ['MobilePhone'],
      },
    ]);
    setFieldAccess(emulator, 'Lead', 'MobilePhone', 'none');
    const hidden = await api('/sobjects/Lead', {
      method: 'POST',
      body: { LastName: 'X', Company: 'Y', MobilePhone: '+1 202 555 0100' },
    });
    expect(hidden.status).toBe(400);
    expect((await json<{ errorCode: string }[]>(hidden))[0]?.errorCode).toBe('INVALID_FIELD');
  });

  it('answers an object the user cannot see with 404 NOT_FOUND', async () => {
    emulator.store.setObjectPermissions('Case', { read: false });
    await expectError(await api('/sobjects/Case', { method: 'POST', body: { Subject: 'x' } }), 404, [
      { errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' },
    ]);
  });
});

describe('read', () => {
  it('returns only the requested fields, with attributes first', async () => {
    const sofia = emulator.ids.leads.sofia;
    const response = await api(`/sobjects/Lead/${sofia}?fields=Id,Name,Phone`);
    expect(response.status).toBe(200);
    const body = await json(response);
    expect(body).toEqual({
      attributes: { type: 'Lead', url: `/services/data/v66.0/sobjects/Lead/${sofia}` },
      Id: sofia,
      Name: 'Sofia Rossi',
      Phone: '+39 02 1234 5678',
    });
    expect(Object.keys(body)).toEqual(['attributes', 'Id', 'Name', 'Phone']);
  });

  it('returns every visible field without ?fields, nulls included, and none hidden by FLS', async () => {
    setFieldAccess(emulator, 'Lead', 'MobilePhone', 'none');
    const body = await json(await api(`/sobjects/Lead/${emulator.ids.leads.sofia}`));
    expect(body).toMatchObject({
      Id: emulator.ids.leads.sofia,
      LastName: 'Rossi',
      Company: 'Rossi Design Studio',
      Salutation: null,
      IsConverted: false,
    });
    expect(body).not.toHaveProperty('MobilePhone');
  });

  it('accepts a 15-character id', async () => {
    const id = emulator.ids.contacts.ada;
    const body = await json(await api(`/sobjects/Contact/${id.slice(0, 15)}?fields=Id`));
    expect(body.Id).toBe(id);
  });

  it('answers an unknown record, a record of another type and an unknown field as Salesforce does', async () => {
    const notFound = [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }];
    await expectError(await api('/sobjects/Lead/00Q5g000009ZZZZZZZ'), 404, notFound);
    await expectError(await api(`/sobjects/Lead/${emulator.ids.contacts.ada}`), 404, notFound);
    const field = await api(`/sobjects/Lead/${emulator.ids.leads.sofia}?fields=Bacon__c`);
    expect(field.status).toBe(400);
    expect((await json<{ errorCode: string }[]>(field))[0]?.errorCode).toBe('INVALID_FIELD');
  });
});

describe('blob fields', () => {
  it("serves a ContentNote's Content as the note's bytes, and 404 for an unknown note", async () => {
    const [link] = emulator.store.rows('ContentDocumentLink');
    const noteId = String(link?.values.ContentDocumentId);
    const response = await api(`/sobjects/ContentNote/${noteId}/Content`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
    expect(new TextDecoder().decode(await response.arrayBuffer())).toBe(
      '<p>Ada wants a 3-year term.</p><p>Legal needs the DPA by the 15th.</p>',
    );
    const created = await json<{ id: string }>(
      await api('/sobjects/ContentNote', {
        method: 'POST',
        body: {
          Title: 'Ümlaut',
          Content: btoa(String.fromCharCode(...new TextEncoder().encode('<p>Grüße &amp; mehr</p>'))),
        },
      }),
    );
    expect(
      new TextDecoder().decode(await (await api(`/sobjects/ContentNote/${created.id}/Content`)).arrayBuffer()),
    ).toBe('<p>Grüße &amp; mehr</p>');
    await expectError(await api(`/sobjects/ContentNote/${noteId.slice(0, 12)}ZZZ/Content`), 404, [
      { errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' },
    ]);
  });
});

describe('update and delete', () => {
  it('answers PATCH with 204 and no body; null clears a field', async () => {
    const id = emulator.ids.leads.sofia;
    const response = await api(`/sobjects/Lead/${id}`, {
      method: 'PATCH',
      body: { Status: 'Closed - Not Converted', Title: null },
    });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect(response.headers.get('sforce-limit-info')).toMatch(/^api-usage=\d+\/15000$/);
    expect(await json(await api(`/sobjects/Lead/${id}?fields=Status,Title`))).toMatchObject({
      Status: 'Closed - Not Converted',
      Title: null,
    });
  });

  it('refuses to update a converted lead', async () => {
    const response = await api(`/sobjects/Lead/${emulator.ids.leads.adaConverted}`, {
      method: 'PATCH',
      body: { Phone: '1' },
    });
    expect(response.status).toBe(400);
    expect((await json<{ errorCode: string }[]>(response))[0]?.errorCode).toBe('CANNOT_UPDATE_CONVERTED_LEAD');
  });

  it('refuses a malformed record id with MALFORMED_ID on Id', async () => {
    await expectError(await api('/sobjects/Lead/nope', { method: 'PATCH', body: { Phone: '1' } }), 400, [
      { message: 'Record ID: id value of incorrect type: nope', errorCode: 'MALFORMED_ID', fields: ['Id'] },
    ]);
  });

  it('refuses to write a create-only field on update', async () => {
    const task = emulator.store.rows('Task')[0]?.values.Id as string;
    const response = await api(`/sobjects/Task/${task}`, { method: 'PATCH', body: { TaskSubtype: 'Email' } });
    expect(response.status).toBe(400);
    expect((await json<{ errorCode: string; fields: string[] }[]>(response))[0]).toMatchObject({
      errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
      fields: ['TaskSubtype'],
    });
  });

  it('answers DELETE with 204, then ENTITY_IS_DELETED; the record is gone for reads', async () => {
    const id = emulator.ids.leads.chen;
    const response = await api(`/sobjects/Lead/${id}`, { method: 'DELETE' });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    await expectError(await api(`/sobjects/Lead/${id}`, { method: 'DELETE' }), 404, [
      { errorCode: 'ENTITY_IS_DELETED', message: 'entity is deleted' },
    ]);
    expect((await api(`/sobjects/Lead/${id}`)).status).toBe(404);
    const update = await api(`/sobjects/Lead/${id}`, { method: 'PATCH', body: { Phone: '1' } });
    expect(update.status).toBe(404);
    expect((await json<{ errorCode: string }[]>(update))[0]?.errorCode).toBe('ENTITY_IS_DELETED');
  });

  it('refuses writes the user has no object permission for', async () => {
    emulator.store.setObjectPermissions('Lead', { edit: false, delete: false });
    const update = await api(`/sobjects/Lead/${emulator.ids.leads.sofia}`, { method: 'PATCH', body: { Phone: '1' } });
    expect(update.status).toBe(400);
    expect((await json<{ errorCode: string }[]>(update))[0]?.errorCode).toBe('INSUFFICIENT_ACCESS_OR_READONLY');
    const remove = await api(`/sobjects/Lead/${emulator.ids.leads.sofia}`, { method: 'DELETE' });
    expect(remove.status).toBe(400);
  });
});

describe('upsert by external ID', () => {
  const path = (value: string) => `/sobjects/Opportunity/conversationId__c/${encodeURIComponent(value)}`;
  const deal = { Name: 'Chat deal', StageName: 'Prospecting', CloseDate: '2026-12-31', AccountId: '' };

  it('creates with 201 {id, success, errors, created: true} when nothing matches', async () => {
    const response = await api(path('conv-new-1'), {
      method: 'PATCH',
      body: { ...deal, AccountId: emulator.ids.accounts.globex },
    });
    expect(response.status).toBe(201);
    const body = await json<{ id: string }>(response);
    expect(body).toEqual({ id: expect.stringMatching(/^006/) as string, success: true, errors: [], created: true });
    expect(Object.keys(body)).toEqual(['id', 'success', 'errors', 'created']);
    expect(
      await json(await api(`/sobjects/Opportunity/${body.id}?fields=conversationId__c,Probability`)),
    ).toMatchObject({ conversationId__c: 'conv-new-1', Probability: 10 });
  });

  it('updates with 200 {…, created: false} when one record matches', async () => {
    const response = await api(path('conv-globex-renewal'), { method: 'PATCH', body: { NextStep: 'Call back' } });
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({
      id: emulator.ids.opportunities.globexRenewal,
      success: true,
      errors: [],
      created: false,
    });
    expect(
      await json(await api(`/sobjects/Opportunity/${emulator.ids.opportunities.globexRenewal}?fields=NextStep`)),
    ).toMatchObject({ NextStep: 'Call back' });
  });

  it('answers an update with 204 and no body in v45.0', async () => {
    const response = await api(path('conv-globex-renewal'), {
      method: 'PATCH',
      version: 'v45.0',
      body: { NextStep: 'Call back' },
    });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
  });

  it('answers 300 with the URLs of every match', async () => {
    emulator.store.patchRaw(emulator.ids.opportunities.globexExpansion, { conversationId__c: 'conv-globex-renewal' });
    const response = await api(path('conv-globex-renewal'), { method: 'PATCH', body: { NextStep: 'x' } });
    expect(response.status).toBe(300);
    expect(await json(response)).toEqual([
      `/services/data/v66.0/sobjects/Opportunity/${emulator.ids.opportunities.globexRenewal}`,
      `/services/data/v66.0/sobjects/Opportunity/${emulator.ids.opportunities.globexExpansion}`,
    ]);
  });

  it('answers an unknown or hidden external ID field with 404', async () => {
    await expectError(await api('/sobjects/Opportunity/Nope__c/x', { method: 'PATCH', body: deal }), 404, [
      { errorCode: 'NOT_FOUND', message: 'Provided external ID field does not exist or is not accessible: Nope__c' },
    ]);
    setFieldAccess(emulator, 'Case', 'conversationId__c', 'none');
    await expectError(
      await api('/sobjects/Case/conversationId__c/conv-globex-outage', { method: 'PATCH', body: { Subject: 'x' } }),
      404,
      [
        {
          errorCode: 'NOT_FOUND',
          message: 'Provided external ID field does not exist or is not accessible: conversationId__c',
        },
      ],
    );
  });

  it('takes the value URL-encoded, including / and %', async () => {
    const value = 'conv/100%?#x';
    const response = await api(path(value), { method: 'PATCH', body: deal });
    expect(response.status).toBe(201);
    const { id } = await json<{ id: string }>(response);
    expect(await json(await api(`/sobjects/Opportunity/${id}?fields=conversationId__c`))).toMatchObject({
      conversationId__c: value,
    });
    expect((await api(path(value), { method: 'PATCH', body: { NextStep: 'again' } })).status).toBe(200);
  });

  it('reads a record by its external ID', async () => {
    const response = await api(`${path('conv-globex-outage').replace('Opportunity', 'Case')}?fields=Id,Subject`);
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({
      Id: emulator.ids.cases.globexOutage,
      Subject: 'Calls drop after 30 seconds',
    });
  });

  it('enforces the uniqueness of conversationId__c on a plain create', async () => {
    const response = await api('/sobjects/Case', {
      method: 'POST',
      body: { Subject: 'Dup', conversationId__c: 'conv-globex-outage' },
    });
    expect(response.status).toBe(400);
    expect((await json<{ errorCode: string }[]>(response))[0]?.errorCode).toBe('DUPLICATE_VALUE');
  });
});

describe('query', () => {
  const graceCalls = () => `SELECT Id, Subject FROM Task WHERE WhoId = '${emulator.ids.contacts.grace}'`;

  it('pages with nextRecordsUrl: the locator stays, the offset counts up, and totalSize is the whole count', async () => {
    emulator.settings.queryBatchSize = 10;
    const first = await api(q(graceCalls()));
    expect(first.status).toBe(200);
    const page1 = await json<{ totalSize: number; done: boolean; nextRecordsUrl?: string; records: { Id: string }[] }>(
      first,
    );
    expect(Object.keys(page1)).toEqual(['totalSize', 'done', 'nextRecordsUrl', 'records']);
    expect(page1).toMatchObject({ totalSize: 29, done: false });
    expect(page1.records).toHaveLength(10);
    const match = /^\/services\/data\/v66\.0\/query\/(01g[A-Za-z0-9]+)-10$/.exec(page1.nextRecordsUrl ?? '');
    expect(match).not.toBeNull();

    const page2 = await json<typeof page1>(
      await fetch(`${ORG}${page1.nextRecordsUrl ?? ''}`, { headers: { Authorization: `Bearer ${token}` } }),
    );
    expect(page2.nextRecordsUrl).toBe(`/services/data/v66.0/query/${match?.[1] ?? ''}-20`);
    expect(page2.records).toHaveLength(10);
    const page3 = await json<typeof page1>(
      await fetch(`${ORG}${page2.nextRecordsUrl ?? ''}`, { headers: { Authorization: `Bearer ${token}` } }),
    );
    expect(page3).toMatchObject({ totalSize: 29, done: true });
    expect(page3).not.toHaveProperty('nextRecordsUrl');
    expect(page3.records).toHaveLength(9);
    const ids = new Set([...page1.records, ...page2.records, ...page3.records].map((r) => r.Id));
    expect(ids.size).toBe(29);
  });

  it('keeps a Sforce-Query-Options batch size (200..2000) for the following pages', async () => {
    emulator.settings.queryBatchSize = 2000;
    for (let i = 0; i < 450; i++)
      emulator.store.seed('Lead', { LastName: `Bulk ${String(i)}`, Company: 'Bulk Co', IsConverted: false });
    const soql = "SELECT Id FROM Lead WHERE Company = 'Bulk Co'";
    const first = await json<Page>(await api(q(soql), { headers: { 'Sforce-Query-Options': 'batchSize=200' } }));
    expect(first.totalSize).toBe(450);
    expect(first.records).toHaveLength(200);
    expect(first.nextRecordsUrl).toMatch(/-200$/);
    const next = (url: string | undefined) =>
      fetch(`${ORG}${url ?? ''}`, { headers: { Authorization: `Bearer ${token}` } });
    const second = await json<Page>(await next(first.nextRecordsUrl));
    expect(second.records).toHaveLength(200);
    expect(second.nextRecordsUrl).toMatch(/-400$/);
    const third = await json<Page>(await next(second.nextRecordsUrl));
    expect(third).toMatchObject({ done: true });
    expect(third.records).toHaveLength(50);
    // A smaller batchSize than 200 is raised to 200.
    const small = await json<Page>(await api(q(soql), { headers: { 'Sforce-Query-Options': 'batchSize=50' } }));
    expect(small.records).toHaveLength(200);
  });

  it('answers an unknown query locator with 400', async () => {
    const response = await api('/query/01g5g00000nope-2000');
    expect(response.status).toBe(400);
    expect((await json<{ errorCode: string }[]>(response))[0]?.errorCode).toBe('INVALID_QUERY_LOCATOR');
  });

  it('answers a missing q with MALFORMED_QUERY and a syntax error with MALFORMED_QUERY', async () => {
    const missing = await api('/query');
    expect(missing.status).toBe(400);
    expect((await json<{ errorCode: string }[]>(missing))[0]?.errorCode).toBe('MALFORMED_QUERY');
    // As recorded from a v51 org (§2.3); newer versions quote the token.
    const bad = await api(q('SELEKT Name FROM Account'), { version: 'v51.0' });
    expect(bad.status).toBe(400);
    expect(await json(bad)).toEqual([{ message: 'unexpected token: SELEKT', errorCode: 'MALFORMED_QUERY' }]);
    const current = await json<{ errorCode: string; message: string }[]>(await api(q('SELEKT Name FROM Account')));
    expect(current[0]?.errorCode).toBe('MALFORMED_QUERY');
    expect(current[0]?.message).toContain('SELEKT');
  });

  it('answers an unknown column with INVALID_FIELD as recorded in §2.3', async () => {
    const response = await api(q('SELECT Bacon__c FROM Account LIMIT 2'));
    expect(response.status).toBe(400);
    const [error] = await json<{ errorCode: string; message: string }[]>(response);
    expect(error?.errorCode).toBe('INVALID_FIELD');
    expect(error?.message).toMatch(
      /^\nSELECT Bacon__c FROM Account LIMIT 2\n {7}\^\nERROR at Row:1:Column:8\nNo such column 'Bacon__c' on entity 'Account'\./,
    );
  });

  it('answers a field hidden by FLS with INVALID_FIELD, as in an org whose profiles were not set up', async () => {
    expect((await api(q('SELECT Id, MobilePhone FROM Lead'))).status).toBe(200);
    setFieldAccess(emulator, 'Lead', 'MobilePhone', 'none');
    const response = await api(q('SELECT Id, MobilePhone FROM Lead'));
    expect(response.status).toBe(400);
    expect((await json<{ errorCode: string }[]>(response))[0]?.errorCode).toBe('INVALID_FIELD');
  });

  it('answers an object the user cannot see with INVALID_TYPE', async () => {
    emulator.store.setObjectPermissions('Opportunity', { read: false });
    const response = await api(q('SELECT Id FROM Opportunity'));
    expect(response.status).toBe(400);
    expect((await json<{ errorCode: string }[]>(response))[0]?.errorCode).toBe('INVALID_TYPE');
  });

  it('finds deleted rows only through queryAll', async () => {
    const id = emulator.ids.leads.priya;
    expect((await api(`/sobjects/Lead/${id}`, { method: 'DELETE' })).status).toBe(204);
    const soql = `SELECT Id, IsDeleted FROM Lead WHERE Id = '${id}'`;
    expect(await json(await api(q(soql)))).toEqual({ totalSize: 0, done: true, records: [] });
    const all = await json<{ totalSize: number; records: Json[] }>(
      await api(`/queryAll?q=${encodeURIComponent(soql)}`),
    );
    expect(all.totalSize).toBe(1);
    expect(all.records[0]).toEqual({
      attributes: { type: 'Lead', url: `/services/data/v66.0/sobjects/Lead/${id}` },
      Id: id,
      IsDeleted: true,
    });
  });

  it('returns archived tasks only through queryAll', async () => {
    const soql = `SELECT Id FROM Task WHERE WhoId = '${emulator.ids.contacts.ada}' AND IsArchived = true`;
    expect((await json<{ totalSize: number }>(await api(q(soql)))).totalSize).toBe(0);
    expect((await json<{ totalSize: number }>(await api(`/queryAll?q=${encodeURIComponent(soql)}`))).totalSize).toBe(1);
  });

  it('pages queryAll with queryAll locators', async () => {
    emulator.settings.queryBatchSize = 5;
    const page = await json<{ nextRecordsUrl: string }>(await api(`/queryAll?q=${encodeURIComponent(graceCalls())}`));
    expect(page.nextRecordsUrl).toMatch(/^\/services\/data\/v66\.0\/queryAll\/01g[A-Za-z0-9]+-5$/);
  });
});

describe('search', () => {
  it('answers SOSL with {searchRecords}', async () => {
    const response = await api(
      `/search?q=${encodeURIComponent('FIND {Rossi} IN NAME FIELDS RETURNING Lead(Id, Name)')}`,
    );
    expect(response.status).toBe(200);
    const body = await json<{ searchRecords: Json[] }>(response);
    expect(body.searchRecords).toContainEqual({
      attributes: { type: 'Lead', url: `/services/data/v66.0/sobjects/Lead/${emulator.ids.leads.sofia}` },
      Id: emulator.ids.leads.sofia,
      Name: 'Sofia Rossi',
    });
  });

  it('answers a missing search term with MALFORMED_SEARCH', async () => {
    const message = [
      { message: 'No search term found. The search term must be enclosed in braces.', errorCode: 'MALFORMED_SEARCH' },
    ];
    await expectError(await api('/search?q='), 400, message);
    await expectError(await api(`/search?q=${encodeURIComponent('FIND Rossi')}`), 400, message);
  });

  it('answers parameterized search by POST and GET', async () => {
    const post = await api('/parameterizedSearch', {
      method: 'POST',
      body: { q: 'Rossi', sobjects: [{ name: 'Lead', fields: ['Id', 'Name'] }], in: 'NAME' },
    });
    expect(post.status).toBe(200);
    expect((await json<{ searchRecords: { Id: string }[] }>(post)).searchRecords.map((r) => r.Id)).toContain(
      emulator.ids.leads.sofia,
    );
    const get = await api('/parameterizedSearch?q=Rossi&sobject=Lead&Lead.fields=Id,Name&Lead.limit=5');
    expect(get.status).toBe(200);
    expect((await json<{ searchRecords: { Id: string }[] }>(get)).searchRecords.map((r) => r.Id)).toContain(
      emulator.ids.leads.sofia,
    );
  });
});
