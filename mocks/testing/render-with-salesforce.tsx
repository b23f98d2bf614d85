/**
 * Renders a screen as the panel does: a query client, the English messages and the Salesforce services of a
 * test harness (signed in to the emulated org). The outbox is the test's own, and with it the panel's
 * refresh of what a landed write changed; screens that only read get none. Screens open confirmation prompts
 * as modal dialogs, so jsdom gets the modal dialog API.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { TEST_CLIENT_ID, TEST_REDIRECT_URI } from '../node';
import { useRefreshAfterWrites } from '@/app/refresh-after-writes';
import { I18nProvider } from '@/i18n/i18n-context';
import type { Outbox } from '@/salesforce/outbox/outbox';
import { SalesforceProvider, type SalesforceServices } from '@/kit/salesforce-context';
import { installModalDialog } from './modal-dialog';
import type { setupSalesforceHarness } from './salesforce-harness';

function RefreshAfterWrites() {
  useRefreshAfterWrites();
  return null;
}

installModalDialog();

export function renderWithSalesforce(
  h: ReturnType<typeof setupSalesforceHarness>,
  ui: ReactNode,
  options: { outbox?: Outbox } = {},
) {
  const services = {
    client: h.client,
    describes: h.describes,
    ...(options.outbox ? { outbox: options.outbox } : {}),
    recent: h.recent,
    region: 'US',
    storage: localStorage,
    session: h.session,
    popup: { clientId: TEST_CLIENT_ID, redirectUri: TEST_REDIRECT_URI, storage: localStorage },
    pinnedDomain: undefined,
    storagePersistent: true,
  } as SalesforceServices;
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  // A wrapper, so that `rerender` (new props, e.g. x-bees telling the call later) keeps the providers.
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <I18nProvider locale="en">
        <SalesforceProvider value={services}>
          {options.outbox ? <RefreshAfterWrites /> : null}
          {children}
        </SalesforceProvider>
      </I18nProvider>
    </QueryClientProvider>
  );
  return render(ui, { wrapper });
}
