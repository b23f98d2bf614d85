import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useI18n } from '@/i18n/i18n-context';
import { QueryBoundary } from '@/kit/boundary';
import type { Translate } from '@/i18n/i18n';
import { durationParts, formatDateTime } from '@/lib/format';
import type { ActivityKind, ActivityRow } from '@/salesforce/api/history';
import type { Person } from '@/salesforce/people';
import { useAuthState, useSalesforce, useScope } from '@/kit/salesforce-context';
import { Alert } from '@/ui/alert';
import { Button } from '@/ui/button';
import { Icon, type IconName } from '@/ui/icon';
import { historyQuery, historyRows, historyTarget } from './queries';

const KIND_ICON: Record<ActivityKind, IconName> = {
  call: 'standard:log_a_call',
  chat: 'standard:live_chat',
  task: 'standard:task',
  email: 'standard:email',
  meeting: 'standard:event',
};

const PAGE = 10;

function details(t: Translate, row: ActivityRow, locale: string): string[] {
  const parts: string[] = [t(`history.kind.${row.kind}`)];
  if (row.date) parts.push(formatDateTime(locale, row.date));
  if (row.callType) parts.push(t(`history.call.${row.callType}`));
  if (row.durationSeconds !== null) parts.push(t('history.duration', durationParts(row.durationSeconds)));
  if (row.status) parts.push(row.status);
  if (row.ownerName) parts.push(t('history.owner', { owner: row.ownerName }));
  return parts;
}

function ActivityList({
  rows,
  empty,
  instanceUrl,
  more,
}: {
  rows: ActivityRow[];
  empty: string;
  instanceUrl: string;
  more?: { load: () => void; loading: boolean } | undefined;
}) {
  const { t, locale } = useI18n();
  const [shown, setShown] = useState(PAGE);
  if (rows.length === 0) return <p className="slds-text-color_weak">{empty}</p>;
  return (
    <>
      <ul className="app-timeline">
        {rows.slice(0, shown).map((row) => (
          <li key={row.id} className={`app-timeline__item${row.overdue ? ' app-timeline__item_overdue' : ''}`}>
            <Icon name={KIND_ICON[row.kind]} size="x-small" />
            <div className="app-timeline__body">
              <a
                href={`${instanceUrl}/lightning/r/${row.sobject}/${row.id}/view`}
                target="_blank"
                rel="noopener noreferrer"
                className="app-timeline__subject"
              >
                {row.subject || t('history.noSubject')}
              </a>
              {row.overdue ? (
                <span className="slds-badge slds-theme_error slds-m-left_x-small">{t('history.overdue')}</span>
              ) : null}
              <p className="slds-text-body_small slds-text-color_weak">{details(t, row, locale).join(' · ')}</p>
            </div>
          </li>
        ))}
      </ul>
      {rows.length > shown || more ? (
        <Button
          variant="base"
          disabled={more?.loading === true}
          onClick={() => {
            if (rows.length <= shown + PAGE && more) more.load();
            setShown((n) => n + PAGE);
          }}
        >
          {t('history.showMore')}
        </Button>
      ) : null}
    </>
  );
}

/** Past activities and upcoming/overdue ones for the person, newest first / soonest first. */
export function HistoryPanel({ person }: { person: Pick<Person, 'sobject' | 'id'> }) {
  const { t } = useI18n();
  const services = useSalesforce();
  const session = useAuthState((s) => s.session);
  const scope = useScope();
  const history = useInfiniteQuery(
    historyQuery(services.client, services.describes, services.storage, scope, historyTarget(person)),
  );
  const headingId = `history-${person.id}`;
  const rows = historyRows(history.data);
  // Past activities beyond the first read come page by page (see historyQuery).
  const more = history.hasNextPage
    ? { load: () => void history.fetchNextPage(), loading: history.isFetchingNextPage }
    : undefined;
  return (
    <section className="slds-card" aria-labelledby={headingId}>
      <div className="slds-card__header">
        <h2 id={headingId} className="slds-card__header-title slds-text-heading_small">
          {t('history.heading')}
        </h2>
      </div>
      <div className="slds-card__body slds-card__body_inner">
        <QueryBoundary
          query={{
            isPending: history.isPending,
            // A failed "Show more" is told below the list it extends.
            isError: history.isError && !history.isFetchNextPageError,
            error: history.error,
            data: rows,
            dataUpdatedAt: history.dataUpdatedAt,
            refetch: history.refetch,
          }}
          pending={t('history.loading')}
          failed={(error) => t('history.failed', { message: error.message })}
        >
          {(data) => (
            <>
              <h3 className="slds-text-title_caps slds-m-bottom_x-small">{t('history.open')}</h3>
              <ActivityList rows={data.open} empty={t('history.emptyOpen')} instanceUrl={session?.instanceUrl ?? ''} />
              <h3 className="slds-text-title_caps slds-m-vertical_x-small">{t('history.past')}</h3>
              <ActivityList
                rows={data.past}
                empty={t('history.emptyPast')}
                instanceUrl={session?.instanceUrl ?? ''}
                more={more}
              />
              {history.isFetchNextPageError ? (
                <Alert variant="error" title={t('history.moreFailed', { message: history.error.message })}>
                  <p>
                    <Button variant="neutral" onClick={() => more?.load()}>
                      {t('history.retry')}
                    </Button>
                  </p>
                </Alert>
              ) : null}
            </>
          )}
        </QueryBoundary>
      </div>
    </section>
  );
}
