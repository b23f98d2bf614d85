/**
 * A signed-in Salesforce client against a freshly seeded emulated org, for api and feature tests.
 */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { TEST_CLIENT_ID, createTestOrg } from '../node';
import { scopeOf, SessionManager } from '@/salesforce/auth/session-manager';
import { SalesforceClient, type RequestInfo } from '@/salesforce/client';
import { DescribeCache } from '@/salesforce/describe';
import { RecentRecords } from '@/salesforce/recent-records';
import { signIn } from './sign-in';

export function setupSalesforceHarness(options: { signIn?: boolean } = {}) {
  const { emulator, server } = createTestOrg();
  const harness = {
    emulator,
    session: null as unknown as SessionManager,
    client: null as unknown as SalesforceClient,
    describes: null as unknown as DescribeCache,
    recent: null as unknown as RecentRecords,
    /** Every HTTP exchange of the client since the last reset. */
    requests: [] as RequestInfo[],
    get deps() {
      return { client: harness.client, describes: harness.describes, recent: harness.recent };
    },
  };
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());
  afterEach(() => server.resetHandlers());
  beforeEach(async () => {
    emulator.reset();
    localStorage.clear();
    harness.session = new SessionManager({ clientId: TEST_CLIENT_ID, storage: localStorage });
    harness.client = new SalesforceClient(harness.session, 'v66.0');
    harness.requests = [];
    harness.client.onRequest((info) => harness.requests.push(info));
    harness.describes = new DescribeCache({
      client: harness.client,
      storage: localStorage,
      scope: () => scopeOf(harness.session.store.getState().session),
    });
    harness.recent = new RecentRecords(localStorage);
    if (options.signIn !== false) await signIn(harness.session, localStorage);
  });
  return harness;
}
