import type { OutboxOperation } from '../outbox/types';

export interface LeadInput {
  FirstName?: string;
  LastName: string;
  Company: string;
  Email?: string;
  Phone?: string;
  MobilePhone?: string;
  OwnerId?: string;
  LeadSource?: string;
}

/**
 * Creating a Lead, as an outbox operation. With `allowDuplicates`, Salesforce's "Allow + alert" duplicate
 * rules let the save through (`Sforce-Duplicate-Rule-Header: allowSave=true`); without it,
 * DUPLICATES_DETECTED lists the matches. After an attempt whose answer was lost, the outbox looks for a Lead
 * this user created with the same values before sending it again.
 */
export function leadOperation(input: LeadInput, options: { allowDuplicates: boolean }): OutboxOperation {
  const fields: Record<string, string> = Object.fromEntries(
    Object.entries(input).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1].trim() !== '',
    ),
  );
  // What the agent typed marks the Lead (the owner and source are the same on every Lead this app makes).
  const match = Object.fromEntries(
    Object.entries(fields).filter(([name]) => name !== 'OwnerId' && name !== 'LeadSource'),
  );
  return {
    kind: 'create',
    sobject: 'Lead',
    fields,
    ...(options.allowDuplicates ? { headers: { 'Sforce-Duplicate-Rule-Header': 'allowSave=true' } } : {}),
    dedupe: { match },
  };
}
