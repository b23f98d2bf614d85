import { QueryObserver } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { setupSalesforceHarness } from '../../mocks/testing/salesforce-harness';
import { lookupQuery, type LookupAnswer } from '@/features/person-lookup/queries';
import { SalesforceClient, type FetchLike } from '@/salesforce/client';
import { LOCAL_ERROR_CODES } from '@/salesforce/errors';
import { createQueryClient } from './query-client';

const h = setupSalesforceHarness();
const SCOPE = 'org:user';
const CALLER = { kind: 'phone', raw: '+1 415 555 0100', email: null } as const;

/** The screen pop's lookup through the panel's query client; settles with its answer or its error. */
function screenPop(client: SalesforceClient) {
  const queryClient = createQueryClient();
  const deps = { client, describes: h.describes, recent: h.recent };
  const observer = new QueryObserver(queryClient, lookupQuery(deps, localStorage, SCOPE, CALLER, 'US'));
  const settled = new Promise<{ data: LookupAnswer | undefined; error: Error | null; failures: number }>((resolve) => {
    const stop = observer.subscribe((result) => {
      if (result.isPending) return;
      stop();
      resolve({ data: result.data, error: result.error, failures: result.failureCount });
    });
  });
  return { settled, queryClient };
}

describe('the panel’s query client', () => {
  it('a screen pop the org’s CORS allowlist blocks shows its error at once: no retries, no more diagnosis', async () => {
    await h.describes.warm(['Lead', 'Contact', 'Account']);
    const attempts: string[] = [];
    // The browser hides a CORS refusal as a failed fetch; the OpenID discovery document still answers.
    const blocked: FetchLike = (input, init) => {
      attempts.push(new URL(input).pathname);
      return new URL(input).pathname.startsWith('/services/data')
        ? Promise.reject(new TypeError('Failed to fetch'))
        : fetch(input, init);
    };
    const { settled } = screenPop(new SalesforceClient(h.session, 'v66.0', blocked));
    const result = await settled;
    expect(result.error).toMatchObject({ errorCode: LOCAL_ERROR_CODES.corsBlocked });
    expect(result.failures).toBe(1);
    // One search, then the two diagnosis GETs that told CORS from the network.
    expect(attempts).toEqual(['/services/data/v66.0/search', '/services/data/', '/.well-known/openid-configuration']);
  });

  it('a search Salesforce answers with a 503 is sent again, and the screen pop completes', async () => {
    await h.describes.warm(['Lead', 'Contact', 'Account']);
    h.emulator.addFault({ match: { method: 'GET', path: '/search' }, action: 'fail', status: 503, body: undefined });
    const { settled } = screenPop(h.client);
    const result = await settled;
    expect(result.error).toBeNull();
    expect(result.data).toMatchObject({ status: 'ok' });
    expect(
      h.requests.filter((r) => new URL(r.url).pathname === '/services/data/v66.0/search').map((r) => r.status),
    ).toEqual([503, 200]);
  });

  it('a refused permission is not sent again', async () => {
    await h.describes.warm(['Lead', 'Contact', 'Account']);
    h.emulator.addFault({
      match: { method: 'GET', path: '/search' },
      action: 'fail',
      status: 403,
      body: [{ errorCode: 'INSUFFICIENT_ACCESS', message: 'insufficient access rights on object id' }],
      count: 3,
    });
    const result = await screenPop(h.client).settled;
    expect(result.error).toMatchObject({ errorCode: 'INSUFFICIENT_ACCESS' });
    expect(h.requests.filter((r) => new URL(r.url).pathname === '/services/data/v66.0/search')).toHaveLength(1);
  });
});
