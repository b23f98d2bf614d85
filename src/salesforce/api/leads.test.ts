import { describe, expect, it } from 'vitest';
import { readOperation } from '../outbox/item-codec';
import { leadOperation } from './leads';

describe('leadOperation', () => {
  const input = {
    FirstName: 'Lena',
    LastName: 'Lost',
    Company: 'Lost Answers Ltd',
    Email: ' ',
    OwnerId: '005A',
    LeadSource: 'Phone Inquiry',
  };

  it('creates the Lead with what was typed, found again by those values (not by owner or source) after a lost answer', () => {
    const op = leadOperation(input, { allowDuplicates: false });
    expect(op).toEqual({
      kind: 'create',
      sobject: 'Lead',
      fields: {
        FirstName: 'Lena',
        LastName: 'Lost',
        Company: 'Lost Answers Ltd',
        OwnerId: '005A',
        LeadSource: 'Phone Inquiry',
      },
      dedupe: { match: { FirstName: 'Lena', LastName: 'Lost', Company: 'Lost Answers Ltd' } },
    });
    // The outbox stores it as it is.
    expect(readOperation(op)).toEqual({ ok: true, value: op });
  });

  it('"save anyway" lets Salesforce’s duplicate rules through with the header', () => {
    expect(leadOperation(input, { allowDuplicates: true })).toMatchObject({
      headers: { 'Sforce-Duplicate-Rule-Header': 'allowSave=true' },
    });
  });
});
