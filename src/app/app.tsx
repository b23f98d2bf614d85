import type { QueryClient } from '@tanstack/react-query';
import type * as QueryClientModule from './query-client';
import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { loadLookupEngine } from '@/salesforce/lookup-engine-loader';
import { ConnectionStatus } from '@/features/connection/connection-status';
import { ConversationPanel } from '@/features/conversation/conversation-panel';
import { loadWorkMessages } from '@/i18n/work-messages';
import { I18nProvider, useI18n } from '@/i18n/i18n-context';
import { SectionBoundary } from '@/kit/boundary';
import type { AppConfig } from '@/lib/config';
import { onDemand } from '@/lib/on-demand';
import { SalesforceProvider, useAuthState, type SalesforceServices } from '@/kit/salesforce-context';
import type { XBeesBridge } from '@/xbees/bridge';
import { useOnDemand } from '@/ui/use-on-demand';
import { Spinner } from '@/ui/spinner';
import { XBeesBridgeProvider } from '@/kit/xbees-bridge-context';
import { ConfigErrorScreen } from './config-error-screen';
import { CrashScreen } from './crash-screen';
import { ErrorBoundary } from '@/ui/error-boundary';

export type AppProps = { locale: string } & (
  | { kind: 'ready'; config: AppConfig; bridge: XBeesBridge; salesforce: SalesforceServices }
  | { kind: 'config-error'; configError: unknown }
);

/** Sign-in (with oidc-client-ts) loads only when someone is signed out. */
const signInPanel = onDemand(() =>
  Promise.all([import('@/features/sign-in/sign-in-panel'), loadWorkMessages()]).then(([module]) => module),
);

/** The screen pop (lookup, picker, card, tabs) loads once someone is signed in, with its messages. */
const conversationPerson = onDemand(() =>
  Promise.all([import('./conversation-person'), loadWorkMessages()]).then(([module]) => module),
);

const outboxPanel = onDemand(() =>
  Promise.all([import('@/features/outbox-status/outbox-panel'), loadWorkMessages()]).then(([module]) => module),
);

const apiUsage = onDemand(() => import('@/features/connection/api-usage'));

/** TanStack Query loads with the first screen that reads Salesforce; one client per App. */
const queries = onDemand(() => import('./query-client'));
type QueryModule = typeof QueryClientModule;
const AppQueries = createContext<{ module: QueryModule; client: QueryClient } | null>(null);

/** Its children, inside the App's query client once TanStack Query has loaded (nothing before). */
function WithQueries({ children }: { children: ReactNode }) {
  const queries = useContext(AppQueries);
  return queries ? (
    <queries.module.QueryClientProvider client={queries.client}>{children}</queries.module.QueryClientProvider>
  ) : null;
}

function SignInPanelSlot() {
  const { t } = useI18n();
  const module = useOnDemand(signInPanel);
  return module ? <module.SignInPanel /> : <Spinner label={t('app.loading')} />;
}

function OutboxPanelSlot() {
  const module = useOnDemand(outboxPanel);
  return module ? (
    <WithQueries>
      <module.OutboxPanel />
    </WithQueries>
  ) : null;
}

function ConversationPersonSlot() {
  const { t } = useI18n();
  const module = useOnDemand(conversationPerson);
  const query = useContext(AppQueries);
  return module && query ? (
    <WithQueries>
      <module.ConversationPerson />
    </WithQueries>
  ) : (
    <Spinner label={t('app.loading')} />
  );
}

function ApiUsageSlot() {
  const module = useOnDemand(apiUsage);
  return module ? (
    <WithQueries>
      <module.ApiUsage />
    </WithQueries>
  ) : null;
}

/**
 * The panel. Signed out, the sign-in card takes the place of the person's screens: a session that ends
 * mid-edit loses nothing, because every form keeps what was typed as a draft in the frame storage and the
 * outbox keeps the writes it holds until the next sign-in.
 */
function Shell() {
  const status = useAuthState((s) => s.status);
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
        <SectionBoundary>
          <SignInPanelSlot />
        </SectionBoundary>
      ) : null}
      {status === 'signed-in' ? (
        <SectionBoundary>
          <ConversationPersonSlot />
        </SectionBoundary>
      ) : null}
      {status === 'signed-in' ? (
        <SectionBoundary>
          <OutboxPanelSlot />
        </SectionBoundary>
      ) : null}
      <SectionBoundary>
        <ConversationPanel />
      </SectionBoundary>
      <SectionBoundary>
        <ConnectionStatus usage={<ApiUsageSlot />} />
      </SectionBoundary>
    </main>
  );
}

/**
 * The info frame: providers, the top-level error boundary (the last resort: each part of the shell, tab and
 * section has its own), and the panels the features provide.
 */
export function App(props: AppProps) {
  const queryModule = useOnDemand(queries);
  // One client for the App's lifetime, made when TanStack Query has loaded.
  const appQueries = useMemo(
    () => (queryModule ? { module: queryModule, client: queryModule.createQueryClient() } : null),
    [queryModule],
  );
  return (
    <I18nProvider locale={props.locale}>
      <ErrorBoundary fallback={(error, reset) => <CrashScreen error={error} onReset={reset} />}>
        {props.kind === 'config-error' ? (
          <ConfigErrorScreen error={props.configError} />
        ) : (
          <AppQueries.Provider value={appQueries}>
            <XBeesBridgeProvider value={props.bridge}>
              <SalesforceProvider value={props.salesforce}>
                <Shell />
              </SalesforceProvider>
            </XBeesBridgeProvider>
          </AppQueries.Provider>
        )}
      </ErrorBoundary>
    </I18nProvider>
  );
}
