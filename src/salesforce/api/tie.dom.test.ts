import { describe, expect, it } from 'vitest';
import { setupSalesforceHarness } from '../../../mocks/testing/salesforce-harness';
import { setupTestOutbox } from '../../../mocks/testing/test-outbox';
import { createTiedOperation, externalIdUrl, tieOperation, untieOperation } from './tie';
import { writeProblem } from './write-problems';

const V = '/services/data/v66.0';

describe('tie operation builders', () => {
  it('ties with a plain update when nothing (or the same record) holds the tie', () => {
    expect(
      tieOperation({
        sobject: 'Opportunity',
        recordId: '0065g00000AAAAAAAA',
        conversationId: 'conv-1',
        tiedId: null,
        apiVersion: 'v66.0',
      }),
    ).toEqual({
      kind: 'update',
      sobject: 'Opportunity',
      id: '0065g00000AAAAAAAA',
      fields: { conversationId__c: 'conv-1' },
    });
    expect(
      tieOperation({
        sobject: 'Case',
        recordId: '5005g00000AAAAAAAA',
        conversationId: 'conv-1',
        tiedId: '5005g00000AAAAAAAA',
        apiVersion: 'v66.0',
      }).kind,
    ).toBe('update');
  });

  it('moves the tie in one all-or-nothing composite: clear the old record, then set the new one', () => {
    expect(
      tieOperation({
        sobject: 'Opportunity',
        recordId: '0065g00000BBBBBBBB',
        conversationId: 'conv-1',
        tiedId: '0065g00000AAAAAAAA',
        apiVersion: 'v66.0',
      }),
    ).toEqual({
      kind: 'composite',
      allOrNone: true,
      subrequests: [
        {
          method: 'PATCH',
          url: `${V}/sobjects/Opportunity/0065g00000AAAAAAAA`,
          referenceId: 'untie',
          body: { conversationId__c: null },
        },
        {
          method: 'PATCH',
          url: `${V}/sobjects/Opportunity/0065g00000BBBBBBBB`,
          referenceId: 'tie',
          body: { conversationId__c: 'conv-1' },
        },
      ],
    });
  });

  it('unties with an update that clears the field', () => {
    expect(untieOperation('Case', '5005g00000AAAAAAAA')).toEqual({
      kind: 'update',
      sobject: 'Case',
      id: '5005g00000AAAAAAAA',
      fields: { conversationId__c: null },
    });
  });

  it('refuses a record id that is not one', () => {
    expect(() => untieOperation('Case', "5005g' OR Id != '")).toThrow(/Not a Salesforce record id/);
    expect(() =>
      tieOperation({ sobject: 'Case', recordId: '../query', conversationId: 'c', tiedId: null, apiVersion: 'v66.0' }),
    ).toThrow(/Not a Salesforce record id/);
  });

  it('URL-encodes the conversation id in the upsert resource', () => {
    expect(externalIdUrl('v66.0', 'Opportunity', 'conv/100%?#x y')).toBe(
      `${V}/sobjects/Opportunity/conversationId__c/conv%2F100%25%3F%23x%20y`,
    );
  });

  it('creates a tied record with an upsert by the external id, or a composite that first clears the old tie', () => {
    const fields = { Name: 'Deal', StageName: 'Prospecting', CloseDate: '2026-12-31', conversationId__c: 'ignored' };
    expect(
      createTiedOperation({
        sobject: 'Opportunity',
        conversationId: 'conv/1',
        fields,
        tiedId: null,
        apiVersion: 'v66.0',
      }),
    ).toEqual({
      kind: 'upsert',
      sobject: 'Opportunity',
      externalIdField: 'conversationId__c',
      externalId: 'conv/1',
      fields: { Name: 'Deal', StageName: 'Prospecting', CloseDate: '2026-12-31' },
    });
    expect(
      createTiedOperation({
        sobject: 'Case',
        conversationId: 'conv/1',
        fields: { Subject: 'S' },
        tiedId: '5005g00000AAAAAAAA',
        apiVersion: 'v66.0',
      }),
    ).toEqual({
      kind: 'composite',
      allOrNone: true,
      subrequests: [
        {
          method: 'PATCH',
          url: `${V}/sobjects/Case/5005g00000AAAAAAAA`,
          referenceId: 'untie',
          body: { conversationId__c: null },
        },
        {
          method: 'PATCH',
          url: `${V}/sobjects/Case/conversationId__c/conv%2F1`,
          referenceId: 'created',
          body: { Subject: 'S' },
        },
      ],
    });
  });
});

const h = setupSalesforceHarness();
const test = setupTestOutbox(h, 'tie-test');
const opportunity = (recordId: string) => h.emulator.store.get(recordId)?.values;

describe('tying through the outbox, against the emulated org', () => {
  it('moves the tie: the first record is untied, the second tied, and a second send changes nothing', async () => {
    const { opportunities } = h.emulator.ids;
    const op = tieOperation({
      sobject: 'Opportunity',
      recordId: opportunities.globexExpansion,
      conversationId: 'conv-globex-renewal',
      tiedId: opportunities.globexRenewal,
      apiVersion: 'v66.0',
    });
    expect((await test.send(op)).state).toBe('done');
    expect((await test.send(op)).state).toBe('done');
    expect(opportunity(opportunities.globexRenewal)?.conversationId__c ?? null).toBeNull();
    expect(opportunity(opportunities.globexExpansion)?.conversationId__c).toBe('conv-globex-renewal');
  });

  it('a tie another record holds already is refused with DUPLICATE_VALUE, explained as such', async () => {
    const { opportunities } = h.emulator.ids;
    const item = await test.send(
      tieOperation({
        sobject: 'Opportunity',
        recordId: opportunities.globexExpansion,
        conversationId: 'conv-globex-renewal',
        tiedId: null,
        apiVersion: 'v66.0',
      }),
    );
    expect(item).toMatchObject({ state: 'failed', lastError: { errorCode: 'DUPLICATE_VALUE' } });
    expect(writeProblem(item.lastError!, 'Opportunity', null)).toEqual({ kind: 'tie-taken', sobject: 'Opportunity' });
    expect(opportunity(opportunities.globexRenewal)?.conversationId__c).toBe('conv-globex-renewal');
  });

  it('creates a tied opportunity once, however often it is sent', async () => {
    const op = createTiedOperation({
      sobject: 'Opportunity',
      conversationId: 'conv/new 1',
      fields: {
        Name: 'Globex – Headsets',
        StageName: 'Prospecting',
        CloseDate: '2026-12-31',
        AccountId: h.emulator.ids.accounts.globex,
      },
      tiedId: null,
      apiVersion: 'v66.0',
    });
    const first = await test.send(op);
    await test.send(op);
    const created = h.emulator.store.rows('Opportunity').filter((row) => row.values.conversationId__c === 'conv/new 1');
    expect(created).toHaveLength(1);
    expect(first.resultId).toBe(created[0]?.values.Id);
    expect(created[0]?.values).toMatchObject({
      Name: 'Globex – Headsets',
      Probability: 10,
      ForecastCategoryName: 'Pipeline',
    });
  });

  it('creating a record for a conversation that has one moves the tie to the new record in the same transaction', async () => {
    const { cases } = h.emulator.ids;
    const op = createTiedOperation({
      sobject: 'Case',
      conversationId: 'conv-globex-outage',
      fields: { Subject: 'Follow-up', Origin: 'Chat' },
      tiedId: cases.globexOutage,
      apiVersion: 'v66.0',
    });
    const item = await test.send(op);
    expect(item.state).toBe('done');
    const tied = h.emulator.store.rows('Case').filter((row) => row.values.conversationId__c === 'conv-globex-outage');
    expect(tied.map((row) => row.values.Subject)).toEqual(['Follow-up']);
    expect(item.resultId).toBe(tied[0]?.values.Id);
  });

  it('several records with this conversation (a 300) fail with a clear reason and create nothing', async () => {
    const { opportunities } = h.emulator.ids;
    h.emulator.store.patchRaw(opportunities.globexExpansion, { conversationId__c: 'conv-globex-renewal' });
    const before = h.emulator.store.rows('Opportunity').length;
    const item = await test.send(
      createTiedOperation({
        sobject: 'Opportunity',
        conversationId: 'conv-globex-renewal',
        fields: { Name: 'X', StageName: 'Prospecting', CloseDate: '2026-12-31' },
        tiedId: null,
        apiVersion: 'v66.0',
      }),
    );
    expect(item).toMatchObject({ state: 'failed', lastError: { errorCode: 'MULTIPLE_CHOICES' } });
    expect(writeProblem(item.lastError!, 'Opportunity', null)).toEqual({
      kind: 'several-tied',
      sobject: 'Opportunity',
    });
    expect(h.emulator.store.rows('Opportunity')).toHaveLength(before);
  });
});
