import { describe, expect, it } from 'vitest';
import { setupSalesforceHarness } from '../../../mocks/testing/salesforce-harness';
import { MASTER_RECORD_TYPE_ID, getStages, isClosedStage } from './opportunities';

const h = setupSalesforceHarness();

describe('stages from the UI API', () => {
  it('reads the Master record type’s stages with their closed flag and Salesforce’s probability', async () => {
    const stages = await getStages(h.client, null);
    expect(h.requests.at(-1)?.url).toContain(
      `/ui-api/object-info/Opportunity/picklist-values/${MASTER_RECORD_TYPE_ID}/StageName`,
    );
    expect(stages.map((s) => s.value)).toContain('Negotiation/Review');
    expect(stages.find((s) => s.value === 'Closed Won')).toMatchObject({
      closed: true,
      won: true,
      probability: 100,
      forecastCategory: 'Closed',
    });
    expect(isClosedStage(stages, 'Closed Lost')).toBe(true);
    expect(isClosedStage(stages, 'Negotiation/Review')).toBe(false);
    expect(isClosedStage(stages, null)).toBe(false);
  });
});
