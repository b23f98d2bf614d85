import type { SalesforceClient } from '../client';

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

function parseCreated(json: unknown): string {
  const id = typeof json === 'object' && json !== null ? (json as { id?: unknown }).id : undefined;
  if (typeof id !== 'string') throw new Error('create answer has no id');
  return id;
}

/**
 * `POST /sobjects/Lead`. With `allowDuplicates`, Salesforce's "Allow + alert" duplicate rules let the save
 * through (`Sforce-Duplicate-Rule-Header: allowSave=true`); without it, DUPLICATES_DETECTED lists matches.
 */
export function createLead(client: SalesforceClient, input: LeadInput, options: { allowDuplicates: boolean; signal?: AbortSignal }): Promise<string> {
  const body = Object.fromEntries(Object.entries(input).filter(([, value]) => typeof value === 'string' && value.trim() !== ''));
  return client.request(
    '/sobjects/Lead',
    {
      method: 'POST',
      body,
      ...(options.allowDuplicates ? { headers: { 'Sforce-Duplicate-Rule-Header': 'allowSave=true' } } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    },
    parseCreated,
  );
}
