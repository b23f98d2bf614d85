/**
 * TanStack Query for the screens that read Salesforce. Loaded on demand like those screens, so the panel's
 * first paint (sign-in, the x-bees context, the connection) doesn't carry it.
 *
 * A failed read is retried by the error's kind, as the outbox retries a write (src/salesforce/outbox/retry-policy.ts):
 * a transient failure twice, after 1 s and 2 s; a CORS block, an ended session, a refused permission or a bad
 * request not at all, so the screen says so at once (not TanStack's default of three retries, 7 s in all).
 */
import { QueryClient } from '@tanstack/react-query';
import { backoffMs, READ_RETRIES, retriesRead } from '@/salesforce/outbox/retry-policy';

export { QueryClientProvider } from '@tanstack/react-query';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // `failures`: how many attempts failed before this one.
        retry: (failures, error) => failures < READ_RETRIES && retriesRead(error),
        retryDelay: (failures) => backoffMs(failures + 1, Math.random()),
      },
    },
  });
}
