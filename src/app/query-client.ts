/**
 * TanStack Query for the screens that read Salesforce. Loaded on demand like those screens, so the panel's
 * first paint (sign-in, the x-bees context, the connection) doesn't carry it.
 */
import { QueryClient } from '@tanstack/react-query';

export { QueryClientProvider } from '@tanstack/react-query';

export function createQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, refetchOnWindowFocus: false } } });
}
