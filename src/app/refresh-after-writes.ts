import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useSalesforce } from '@/salesforce/salesforce-context';

/** When a write of ours lands in Salesforce, the lists that show it are read again. */
export function useRefreshAfterWrites(): void {
  const { outbox } = useSalesforce();
  const queryClient = useQueryClient();
  const done = useRef<Set<string> | null>(null);
  useEffect(
    () =>
      outbox.subscribe((items) => {
        const finished = new Set(items.filter((item) => item.state === 'done').map((item) => item.id));
        const previous = done.current;
        done.current = finished;
        if (previous === null) return;
        if ([...finished].some((id) => !previous.has(id))) {
          void queryClient.invalidateQueries({ queryKey: ['history'] });
          void queryClient.invalidateQueries({ queryKey: ['related'] });
          void queryClient.invalidateQueries({ queryKey: ['work'] });
        }
      }),
    [outbox, queryClient],
  );
}
