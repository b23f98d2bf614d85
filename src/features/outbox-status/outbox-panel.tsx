import { useEffect, useState } from 'react';
import { useI18n } from '@/i18n/i18n-context';
import { useOutboxItems } from '@/kit/outbox-react';
import type { OutboxItem } from '@/salesforce/outbox/types';
import { useSalesforce, useScope } from '@/kit/salesforce-context';
import { Button } from '@/ui/button';

const RECENT_DONE_MS = 10 * 60_000;

/** The time, refreshed every `everyMs` (so finished items fade out of the list). */
function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

function visible(item: OutboxItem, now: number): boolean {
  if (item.state === 'discarded') return false;
  if (item.state === 'done') return now - item.updatedAt < RECENT_DONE_MS;
  return true;
}

/**
 * Every write on its way to Salesforce: pending, failed (with the reason, retry or discard) and recently
 * done. Nothing the agent saved disappears silently.
 */
export function OutboxPanel() {
  const { t } = useI18n();
  const { outbox } = useSalesforce();
  const scope = useScope();
  const now = useNow(30_000);
  const items = useOutboxItems().filter((item) => visible(item, now));
  if (items.length === 0) return null;
  const active = items.filter((item) => item.state !== 'done').length;
  return (
    <section className="slds-card" aria-labelledby="outbox-heading">
      <div className="slds-card__header">
        <h2 id="outbox-heading" className="slds-card__header-title slds-text-heading_small">
          {t('outbox.heading')}
        </h2>
      </div>
      <div className="slds-card__body slds-card__body_inner" aria-live="polite" aria-busy={active > 0}>
        <ul className="app-timeline">
          {items.map((item) => (
            <li key={item.id} className="app-timeline__item">
              <div className="app-timeline__body">
                <p className="app-timeline__subject">{item.label}</p>
                <p
                  className={`slds-text-body_small ${item.state === 'failed' ? 'slds-text-color_error' : 'slds-text-color_weak'}`}
                >
                  {item.scope !== scope && item.state !== 'done'
                    ? t('outbox.otherUser')
                    : t(`outbox.${item.state === 'discarded' ? 'failed' : item.state}`)}
                  {item.lastError && item.state !== 'done'
                    ? ` · ${t('outbox.error', { message: item.lastError.message })}`
                    : ''}
                </p>
                {item.state === 'failed' || item.state === 'pending' ? (
                  <p className="app-actions slds-m-top_xx-small">
                    {item.state === 'failed' ? (
                      <Button variant="neutral" onClick={() => void outbox.retry(item.id)}>
                        {t('outbox.retry')}
                      </Button>
                    ) : null}
                    <Button variant="text-destructive" onClick={() => void outbox.discard(item.id)}>
                      {t('outbox.discard')}
                    </Button>
                  </p>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
