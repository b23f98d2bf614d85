/**
 * Composite (references, allOrNone, always HTTP 200), composite/batch and sObject Collections over HTTP,
 * against README "Salesforce API facts"
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TEST_ORG_ORIGIN, createTestOrg, signIn } from '../node';

const { emulator, server } = createTestOrg();
const ORG = TEST_ORG_ORIGIN;
const V = '/services/data/v66.0';
const HALTED = {
  errorCode: 'PROCESSING_HALTED',
  message: 'The transaction was rolled back since another operation in the same transaction failed.',
};
const ROLLED_BACK = {
  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
  fields: [],
};
let token = '';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(async () => {
  emulator.reset();
  token = (await signIn(emulator)).access_token ?? '';
});
afterAll(() => server.close());

interface SubResponse {
  body: unknown;
  httpHeaders: Record<string, string>;
  httpStatusCode: number;
  referenceId: string;
}

interface SaveResult {
  id?: string | null;
  success: boolean;
  errors: { statusCode: string; message: string; fields: string[] }[];
  created?: boolean;
}

function call(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${ORG}${V}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function composite(body: unknown): Promise<SubResponse[]> {
  const response = await call('POST', '/composite', body);
  expect(response.status).toBe(200);
  return ((await response.json()) as { compositeResponse: SubResponse[] }).compositeResponse;
}

function leadCount(lastName: string): number {
  return emulator.store.rows('Lead').filter((r) => r.values.LastName === lastName).length;
}

describe('composite', () => {
  it('runs the documented note + link example with @{note.id}', async () => {
    const lead = emulator.ids.leads.sofia;
    const responses = await composite({
      allOrNone: true,
      collateSubrequests: false,
      compositeRequest: [
        {
          method: 'POST',
          url: `${V}/sobjects/ContentNote`,
          referenceId: 'note',
          body: { Title: 'Call summary', Content: 'PHA+Q2FsbGVkIGJhY2s8L3A+' },
        },
        {
          method: 'POST',
          url: `${V}/sobjects/ContentDocumentLink`,
          referenceId: 'link',
          body: { ContentDocumentId: '@{note.id}', LinkedEntityId: lead, ShareType: 'V', Visibility: 'AllUsers' },
        },
      ],
    });
    expect(responses).toHaveLength(2);
    const [note, link] = responses;
    expect(Object.keys(note ?? {})).toEqual(['body', 'httpHeaders', 'httpStatusCode', 'referenceId']);
    const noteId = (note?.body as { id: string }).id;
    expect(note).toEqual({
      body: { id: expect.stringMatching(/^069/) as string, success: true, errors: [] },
      httpHeaders: { Location: `${V}/sobjects/ContentNote/${noteId}` },
      httpStatusCode: 201,
      referenceId: 'note',
    });
    expect(link).toMatchObject({ httpStatusCode: 201, referenceId: 'link' });
    const stored = emulator.store.rows('ContentDocumentLink').find((r) => r.values.LinkedEntityId === lead);
    expect(stored?.values.ContentDocumentId).toBe(noteId);
    expect(emulator.store.get(noteId)?.values.TextPreview).toBe('Called back');
  });

  it('resolves @{q.records[0].Id} from a query subrequest and answers PATCH with 204 and a null body', async () => {
    const responses = await composite({
      allOrNone: false,
      compositeRequest: [
        {
          method: 'GET',
          url: `${V}/query?q=${encodeURIComponent("SELECT Id FROM Lead WHERE Email = 'sofia@rossidesign.example'")}`,
          referenceId: 'q',
        },
        { method: 'PATCH', url: `${V}/sobjects/Lead/@{q.records[0].Id}`, referenceId: 'upd', body: { Title: 'Owner' } },
        { method: 'GET', url: `${V}/sobjects/Lead/@{q.records[0].Id}?fields=Title`, referenceId: 'read' },
      ],
    });
    expect(responses.map((r) => r.httpStatusCode)).toEqual([200, 204, 200]);
    expect(responses[1]).toEqual({ body: null, httpHeaders: {}, httpStatusCode: 204, referenceId: 'upd' });
    expect(responses[2]?.body).toMatchObject({ Title: 'Owner' });
  });

  it('with allOrNone: rolls everything back, keeps the root cause and marks the others PROCESSING_HALTED', async () => {
    const responses = await composite({
      allOrNone: true,
      compositeRequest: [
        {
          method: 'POST',
          url: `${V}/sobjects/Lead`,
          referenceId: 'lead',
          body: { LastName: 'Rollback', Company: 'R' },
        },
        {
          method: 'POST',
          url: `${V}/sobjects/Task`,
          referenceId: 'task',
          body: { Subject: 'x', CallType: 'Sideways', WhoId: '@{lead.id}' },
        },
        {
          method: 'POST',
          url: `${V}/sobjects/Lead`,
          referenceId: 'after',
          body: { LastName: 'Rollback', Company: 'R2' },
        },
      ],
    });
    expect(responses).toEqual([
      { body: [HALTED], httpHeaders: {}, httpStatusCode: 400, referenceId: 'lead' },
      {
        body: [
          {
            message: 'Call Type: bad value for restricted picklist field: Sideways',
            errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
            fields: ['CallType'],
          },
        ],
        httpHeaders: {},
        httpStatusCode: 400,
        referenceId: 'task',
      },
      { body: [HALTED], httpHeaders: {}, httpStatusCode: 400, referenceId: 'after' },
    ]);
    expect(leadCount('Rollback')).toBe(0);
    // The first error that is not PROCESSING_HALTED is the root cause.
    const root = responses
      .flatMap((r) => r.body as { errorCode: string }[])
      .find((e) => e.errorCode !== 'PROCESSING_HALTED');
    expect(root?.errorCode).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
  });

  it('without allOrNone: keeps what succeeded and runs on after a failure', async () => {
    const responses = await composite({
      allOrNone: false,
      compositeRequest: [
        { method: 'POST', url: `${V}/sobjects/Lead`, referenceId: 'ok1', body: { LastName: 'Partial', Company: 'P' } },
        { method: 'POST', url: `${V}/sobjects/Lead`, referenceId: 'bad', body: { LastName: 'Partial' } },
        { method: 'POST', url: `${V}/sobjects/Lead`, referenceId: 'ok2', body: { LastName: 'Partial', Company: 'P2' } },
      ],
    });
    expect(responses.map((r) => r.httpStatusCode)).toEqual([201, 400, 201]);
    expect(responses[1]?.body).toEqual([
      { message: 'Required fields are missing: [Company]', errorCode: 'REQUIRED_FIELD_MISSING', fields: ['Company'] },
    ]);
    expect(leadCount('Partial')).toBe(2);
  });

  it('answers a reference to an unknown or failed subrequest with PROCESSING_HALTED "Invalid reference specified"', async () => {
    const responses = await composite({
      allOrNone: false,
      compositeRequest: [
        { method: 'POST', url: `${V}/sobjects/Lead`, referenceId: 'bad', body: { LastName: 'NoCompany' } },
        { method: 'POST', url: `${V}/sobjects/Task`, referenceId: 'task', body: { Subject: 'x', WhoId: '@{bad.id}' } },
        { method: 'GET', url: `${V}/sobjects/Lead/@{nope.id}`, referenceId: 'read' },
      ],
    });
    expect(responses[1]).toMatchObject({ httpStatusCode: 400, referenceId: 'task' });
    expect(responses[1]?.body).toEqual([
      {
        errorCode: 'PROCESSING_HALTED',
        message: expect.stringMatching(/^Invalid reference specified\. No value for bad\.id found in bad\./) as string,
      },
    ]);
    expect(responses[2]?.body).toEqual([
      {
        errorCode: 'PROCESSING_HALTED',
        message: expect.stringMatching(
          /^Invalid reference specified\. No value for nope\.id found in nope\./,
        ) as string,
      },
    ]);
  });

  it('refuses more than 25 subrequests, more than 5 queries and duplicate referenceIds as a whole', async () => {
    const lead = (i: number) => ({
      method: 'POST',
      url: `${V}/sobjects/Lead`,
      referenceId: `l${String(i)}`,
      body: { LastName: 'Many', Company: 'M' },
    });
    const tooMany = await call('POST', '/composite', {
      compositeRequest: Array.from({ length: 26 }, (_, i) => lead(i)),
    });
    expect(tooMany.status).toBe(400);
    expect(await tooMany.json()).toEqual([{ message: expect.any(String) as string, errorCode: 'LIMIT_EXCEEDED' }]);
    expect(leadCount('Many')).toBe(0);
    expect(
      (await composite({ compositeRequest: Array.from({ length: 25 }, (_, i) => lead(i)) })).every(
        (r) => r.httpStatusCode === 201,
      ),
    ).toBe(true);

    const query = (i: number) => ({
      method: 'GET',
      url: `${V}/query?q=SELECT+Id+FROM+Lead`,
      referenceId: `q${String(i)}`,
    });
    const queries = await call('POST', '/composite', {
      compositeRequest: Array.from({ length: 6 }, (_, i) => query(i)),
    });
    expect(queries.status).toBe(400);
    const duplicate = await call('POST', '/composite', { compositeRequest: [query(1), query(1)] });
    expect(duplicate.status).toBe(400);
  });

  it('answers a subrequest for an unknown version or resource with 404 in its slot', async () => {
    const responses = await composite({
      compositeRequest: [
        { method: 'GET', url: '/services/data/v20.0/limits', referenceId: 'old' },
        { method: 'GET', url: '/services/apexrest/nope', referenceId: 'other' },
        { method: 'GET', url: '/services/data/v67.0/limits', referenceId: 'ok' },
      ],
    });
    const notFound = [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }];
    expect(
      responses.map((r) => [r.httpStatusCode, r.body === null ? null : r.httpStatusCode === 404 ? r.body : 'ok']),
    ).toEqual([
      [404, notFound],
      [404, notFound],
      [200, 'ok'],
    ]);
  });

  it("applies a subrequest's httpHeaders (Sforce-Duplicate-Rule-Header) to that subrequest only", async () => {
    const duplicate = { LastName: 'Rossi', Company: 'Dup', Email: 'sofia@rossidesign.example' };
    const responses = await composite({
      compositeRequest: [
        { method: 'POST', url: `${V}/sobjects/Lead`, referenceId: 'plain', body: duplicate },
        {
          method: 'POST',
          url: `${V}/sobjects/Lead`,
          referenceId: 'allowed',
          body: duplicate,
          httpHeaders: { 'Sforce-Duplicate-Rule-Header': 'allowSave=true' },
        },
      ],
    });
    expect(responses.map((r) => r.httpStatusCode)).toEqual([400, 201]);
    expect((responses[0]?.body as { errorCode: string }[])[0]?.errorCode).toBe('DUPLICATES_DETECTED');
  });

  it('logs the subrequests of a composite call', async () => {
    await composite({ compositeRequest: [{ method: 'GET', url: `${V}/limits`, referenceId: 'limits' }] });
    expect(emulator.log.at(-1)).toMatchObject({
      method: 'POST',
      path: `${V}/composite`,
      status: 200,
      subrequests: [`GET ${V}/limits`],
    });
  });
});

describe('composite/batch', () => {
  it('answers {hasErrors, results[{statusCode, result}]}', async () => {
    const sofia = emulator.ids.leads.sofia;
    const response = await call('POST', '/composite/batch', {
      haltOnError: false,
      batchRequests: [
        { method: 'PATCH', url: `v66.0/sobjects/Lead/${sofia}`, richInput: { Title: 'Boss' } },
        { method: 'GET', url: `v66.0/sobjects/Lead/${sofia}?fields=Title` },
        { method: 'GET', url: 'v66.0/sobjects/Lead/00Q5g000009ZZZZZZZ' },
      ],
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { hasErrors: boolean; results: { statusCode: number; result: unknown }[] };
    expect(body.hasErrors).toBe(true);
    expect(body.results[0]).toEqual({ statusCode: 204, result: null });
    expect(body.results[1]).toMatchObject({ statusCode: 200, result: { Title: 'Boss' } });
    expect(body.results[2]).toEqual({
      statusCode: 404,
      result: [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }],
    });
  });
});

describe('sObject Collections', () => {
  it('creates records per item, with statusCode errors for the failures', async () => {
    const response = await call('POST', '/composite/sobjects', {
      allOrNone: false,
      records: [
        { attributes: { type: 'Task' }, Subject: 'Logged call', WhoId: emulator.ids.contacts.ada, Status: 'Completed' },
        { attributes: { type: 'Lead' }, LastName: 'Only' },
      ],
    });
    expect(response.status).toBe(200);
    const results = (await response.json()) as SaveResult[];
    expect(results[0]).toEqual({ id: expect.stringMatching(/^00T/) as string, success: true, errors: [] });
    expect(results[1]).toMatchObject({
      success: false,
      errors: [
        {
          statusCode: 'REQUIRED_FIELD_MISSING',
          message: 'Required fields are missing: [Company]',
          fields: ['Company'],
        },
      ],
    });
    expect(results[1]?.errors[0]).not.toHaveProperty('errorCode');
    expect(emulator.store.get(results[0]?.id ?? '')).toBeDefined();
  });

  it('with allOrNone: saves nothing and reports ALL_OR_NONE_OPERATION_ROLLED_BACK on the valid records', async () => {
    const response = await call('POST', '/composite/sobjects', {
      allOrNone: true,
      records: [
        { attributes: { type: 'Lead' }, LastName: 'AllOrNone', Company: 'A' },
        { attributes: { type: 'Lead' }, LastName: 'AllOrNone' },
      ],
    });
    expect(response.status).toBe(200);
    const results = (await response.json()) as SaveResult[];
    expect(results[0]).toMatchObject({ success: false, errors: [ROLLED_BACK] });
    expect(results[1]?.errors[0]?.statusCode).toBe('REQUIRED_FIELD_MISSING');
    expect(leadCount('AllOrNone')).toBe(0);
  });

  it('updates records by Id; a missing record is NOT_FOUND, a deleted one ENTITY_IS_DELETED', async () => {
    const { sofia, chen } = emulator.ids.leads;
    expect((await call('DELETE', `/sobjects/Lead/${emulator.ids.leads.peter}`)).status).toBe(204);
    const response = await call('PATCH', '/composite/sobjects', {
      allOrNone: false,
      records: [
        { attributes: { type: 'Lead' }, Id: sofia, Title: 'A' },
        { attributes: { type: 'Lead' }, Id: chen, Status: 'Working - Contacted' },
        { attributes: { type: 'Lead' }, Id: emulator.ids.leads.adaConverted, Title: 'C' },
        { attributes: { type: 'Lead' }, Id: '00Q5g000009ZZZZZZZ', Title: 'D' },
        { attributes: { type: 'Lead' }, Id: emulator.ids.leads.peter, Title: 'E' },
      ],
    });
    const results = (await response.json()) as SaveResult[];
    expect(results.map((r) => r.success)).toEqual([true, true, false, false, false]);
    expect(results[0]).toEqual({ id: sofia, success: true, errors: [] });
    expect(results[2]?.errors[0]?.statusCode).toBe('CANNOT_UPDATE_CONVERTED_LEAD');
    expect(results[3]?.errors[0]?.statusCode).toBe('NOT_FOUND');
    expect(results[4]?.errors[0]?.statusCode).toBe('ENTITY_IS_DELETED');
    expect(emulator.store.get(sofia)?.values.Title).toBe('A');
  });

  it('deletes by ids, reporting ENTITY_IS_DELETED for a deleted one', async () => {
    const { priya, peter } = emulator.ids.leads;
    expect((await call('DELETE', `/sobjects/Lead/${peter}`)).status).toBe(204);
    const response = await call('DELETE', `/composite/sobjects?ids=${priya},${peter}&allOrNone=false`);
    expect(response.status).toBe(200);
    const results = (await response.json()) as SaveResult[];
    expect(results[0]).toEqual({ id: priya, success: true, errors: [] });
    expect(results[1]).toMatchObject({
      id: peter,
      success: false,
      errors: [{ statusCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] }],
    });
    expect(emulator.store.get(priya)).toBeUndefined();
  });

  it('with allOrNone=true in the query string: a failed delete keeps the others', async () => {
    const { priya, peter } = emulator.ids.leads;
    await call('DELETE', `/sobjects/Lead/${peter}`);
    const results = (await (
      await call('DELETE', `/composite/sobjects?ids=${priya},${peter}&allOrNone=true`)
    ).json()) as SaveResult[];
    expect(results[0]).toMatchObject({ success: false, errors: [ROLLED_BACK] });
    expect(emulator.store.get(priya)).toBeDefined();
  });

  it('upserts by conversationId__c with created true/false', async () => {
    const response = await call('PATCH', '/composite/sobjects/Opportunity/conversationId__c', {
      allOrNone: false,
      records: [
        { attributes: { type: 'Opportunity' }, conversationId__c: 'conv-globex-renewal', NextStep: 'Upserted' },
        {
          attributes: { type: 'Opportunity' },
          conversationId__c: 'conv-brand-new',
          Name: 'New',
          StageName: 'Prospecting',
          CloseDate: '2026-12-01',
        },
      ],
    });
    expect(response.status).toBe(200);
    const results = (await response.json()) as SaveResult[];
    expect(results[0]).toEqual({
      id: emulator.ids.opportunities.globexRenewal,
      success: true,
      errors: [],
      created: false,
    });
    expect(results[1]).toEqual({
      id: expect.stringMatching(/^006/) as string,
      success: true,
      errors: [],
      created: true,
    });
    expect(emulator.store.get(emulator.ids.opportunities.globexRenewal)?.values.NextStep).toBe('Upserted');
  });

  it('reads several records by ids, null for the ones that are not there', async () => {
    const { sofia } = emulator.ids.leads;
    const response = await call('GET', `/composite/sobjects/Lead?ids=${sofia},00Q5g000009ZZZZZZZ&fields=Id,Name`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual([
      { attributes: { type: 'Lead', url: `${V}/sobjects/Lead/${sofia}` }, Id: sofia, Name: 'Sofia Rossi' },
      null,
    ]);
  });
});
