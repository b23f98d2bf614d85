import { describe, expect, it } from 'vitest';
import { setFieldAccess } from '../../../mocks/salesforce/controls';
import { setupSalesforceHarness } from '../../../mocks/testing/salesforce-harness';
import { setupTestOutbox } from '../../../mocks/testing/test-outbox';
import { blockedWrite, writeProblem } from './write-problems';

const h = setupSalesforceHarness();
const test = setupTestOutbox(h, 'write-problems-test');

describe('permissions', () => {
  it('names the field the user cannot edit before anything is sent, and the object Salesforce refused', async () => {
    setFieldAccess(h.emulator, 'Opportunity', 'conversationId__c', 'read');
    const info = await h.describes.get('Opportunity');
    expect(blockedWrite(info, 'Opportunity', ['conversationId__c'], 'update')).toEqual({
      kind: 'field-access',
      sobject: 'Opportunity',
      field: 'conversationId__c',
      label: 'conversationId',
    });
    expect(blockedWrite(info, 'Opportunity', ['Description'], 'update')).toBeNull();
    setFieldAccess(h.emulator, 'Opportunity', 'conversationId__c', 'edit');
    h.emulator.store.setObjectPermissions('Opportunity', { edit: false });
    const item = await test.send({
      kind: 'update',
      sobject: 'Opportunity',
      id: h.emulator.ids.opportunities.globexExpansion,
      fields: { Description: 'x' },
    });
    expect(writeProblem(item.lastError!, 'Opportunity', null)).toEqual({
      kind: 'object-access',
      sobject: 'Opportunity',
    });
    expect(
      writeProblem(
        {
          errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
          message: 'Unable to create/update fields: StageName.',
          fields: ['StageName'],
        },
        'Opportunity',
        info,
      ),
    ).toEqual({
      kind: 'field-access',
      sobject: 'Opportunity',
      field: 'StageName',
      label: 'Stage',
    });
  });
});
