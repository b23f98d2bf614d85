import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { ConnectionStatus } from '@/features/connection/connection-status';
import { ConversationPanel } from '@/features/conversation/conversation-panel';
import { I18nProvider } from '@/i18n/i18n-context';
import type { AppConfig } from '@/lib/config';
import type { XBeesBridge } from '@/xbees/bridge';
import { XBeesBridgeProvider } from '@/xbees/bridge-context';
import { ConfigErrorScreen } from './config-error-screen';
import { CrashScreen } from './crash-screen';
import { ErrorBoundary } from './error-boundary';

export type AppProps = { locale: string } & (
  | { kind: 'ready'; config: AppConfig; bridge: XBeesBridge }
  | { kind: 'config-error'; configError: unknown }
);

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
              <main className="app-shell">
                <ConversationPanel />
                <ConnectionStatus domain={props.config.salesforce.domain} />
              </main>
            </XBeesBridgeProvider>
          </QueryClientProvider>
        )}
      </ErrorBoundary>
    </I18nProvider>
  );
}
