import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useState } from 'react';
import { loadLookupEngine } from '@/salesforce/lookup-engine-loader';
import { ConnectionStatus } from '@/features/connection/connection-status';
import { ConversationPanel } from '@/features/conversation/conversation-panel';
import { useRefreshAfterWrites } from './refresh-after-writes';
import { loadWorkMessages } from '@/i18n/work-messages';
import { I18nProvider, useT } from '@/i18n/i18n-context';
import type { AppConfig } from '@/lib/config';
import { SalesforceProvider, useAuthState, type SalesforceServices } from '@/salesforce/salesforce-context';
import type { XBeesBridge } from '@/xbees/bridge';
import { createModuleLoader } from '@/ui/lazy-module';
import { Spinner } from '@/ui/spinner';
import { XBeesBridgeProvider } from '@/xbees/bridge-context';
import { ConfigErrorScreen } from './config-error-screen';
import { CrashScreen } from './crash-screen';
import { ErrorBoundary } from './error-boundary';

export type AppProps = { locale: string } & (
  | { kind: 'ready'; config: AppConfig; bridge: XBeesBridge; salesforce: SalesforceServices }
  | { kind: 'config-error'; configError: unknown }
);

/** Sign-in (with oidc-client-ts) loads only when someone is signed out. */
const SignInPanel = lazy(() => Promise.all([import('@/features/sign-in/sign-in-panel'), loadWorkMessages()]).then(([module]) => ({ default: module.SignInPanel })));

/** The screen pop (lookup, picker, card, tabs) loads once someone is signed in, with its messages. */
const conversationPerson = createModuleLoader(() => Promise.all([import('./conversation-person'), loadWorkMessages()]).then(([module]) => module));

const outboxPanel = createModuleLoader(() => Promise.all([import('@/features/outbox-status/outbox-panel'), loadWorkMessages()]).then(([module]) => module));

function OutboxPanelSlot() {
  const module = outboxPanel.useModule();
  return module ? <module.OutboxPanel /> : null;
}

function ConversationPersonSlot() {
  const t = useT();
  const module = conversationPerson.useModule();
  return module ? <module.ConversationPerson /> : <Spinner label={t('app.loading')} />;
}

/**
 * The panel. Signed out, the sign-in card sits on top while everything below stays mounted, so a session
 * that ends mid-edit loses nothing the user typed.
 */
function Shell() {
  const t = useT();
  const status = useAuthState((s) => s.status);
  useRefreshAfterWrites();
  useEffect(() => {
    // Fetch the screen-pop code while x-bees is still answering getContext, not after.
    if (status === 'signed-in') {
      void conversationPerson.load();
      void loadLookupEngine();
    }
  }, [status]);
  return (
    <main className="app-shell">
      {status !== 'signed-in' ? (
        <Suspense fallback={<Spinner label={t('app.loading')} />}>
          <SignInPanel />
        </Suspense>
      ) : null}
      {status === 'signed-in' ? <ConversationPersonSlot /> : null}
      {status === 'signed-in' ? <OutboxPanelSlot /> : null}
      <ConversationPanel />
      <ConnectionStatus />
    </main>
  );
}

function makeQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, refetchOnWindowFocus: false } } });
}

/** The info frame: providers, the top-level error boundary, and the panels the features provide. */
export function App(props: AppProps) {
  const [queryClient] = useState(makeQueryClient);
  return (
    <I18nProvider locale={props.locale}>
      <ErrorBoundary fallback={(error, reset) => <CrashScreen error={error} onReset={reset} />}>
        {props.kind === 'config-error' ? (
          <ConfigErrorScreen error={props.configError} />
        ) : (
          <QueryClientProvider client={queryClient}>
            <XBeesBridgeProvider value={props.bridge}>
              <SalesforceProvider value={props.salesforce}>
                <Shell />
              </SalesforceProvider>
            </XBeesBridgeProvider>
          </QueryClientProvider>
        )}
      </ErrorBoundary>
    </I18nProvider>
  );
}
