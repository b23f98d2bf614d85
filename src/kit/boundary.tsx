/**
 * The boundaries of the panel's tabs and sections (README "Conventions", 5): what a part shows while its data
 * loads, when the read failed (with Try again, which reads again), and when its own rendering throws — caught
 * there, so one broken part never blanks the rest of the panel.
 */
import type { ReactNode } from 'react';
import { useI18n } from '@/i18n/i18n-context';
import { Alert } from '@/ui/alert';
import { Button } from '@/ui/button';
import { ErrorBoundary } from '@/ui/error-boundary';
import { Spinner } from '@/ui/spinner';

function RetryActions({ onRetry, actions }: { onRetry: () => void; actions?: ReactNode }) {
  const { t } = useI18n();
  return (
    <p className="app-actions">
      <Button variant="neutral" onClick={onRetry}>
        {t('boundary.retry')}
      </Button>
      {actions}
    </p>
  );
}

function SectionFailed({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const { t } = useI18n();
  return (
    <Alert variant="error" title={t('boundary.failed.title')}>
      <p>{t('boundary.failed.body', { message: error.message })}</p>
      <RetryActions onRetry={onRetry} />
    </Alert>
  );
}

export interface SectionBoundaryProps {
  children: ReactNode;
  /** What Try again does before rendering the section anew (e.g. reading its data again). */
  onRetry?: () => void;
  /** When it changes (e.g. that data arrived), a failed section renders anew too. */
  resetKey?: unknown;
}

/** Catches the render errors of one tab or section: it shows what failed in its place, with Try again. */
export function SectionBoundary({ children, onRetry, resetKey }: SectionBoundaryProps) {
  return (
    <ErrorBoundary
      resetKey={resetKey}
      fallback={(error, reset) => (
        <SectionFailed
          error={error}
          onRetry={() => {
            onRetry?.();
            reset();
          }}
        />
      )}
    >
      {children}
    </ErrorBoundary>
  );
}

/** What a boundary reads of a query: a useQuery result, or a view of a useInfiniteQuery one. */
interface BoundaryQuery<T> {
  isPending: boolean;
  isError: boolean;
  error: Error | null;
  data: T | undefined;
  /** When the data was read: a new answer lets a section that failed to render try again. */
  dataUpdatedAt: number;
  refetch: () => Promise<unknown>;
}

export interface QueryBoundaryProps<T> {
  query: BoundaryQuery<T>;
  /** The spinner's label while the first answer is awaited. */
  pending: string;
  /** The failure's title, with the error's message below it; or a title that already says the message. */
  failed: string | ((error: Error) => string);
  /** More buttons next to Try again (e.g. Cancel). */
  actions?: ReactNode;
  /** The data, once there (under the failure when a later read failed), inside its own SectionBoundary. */
  children: (data: T) => ReactNode;
}

/** Renders the data as a component of its own, so that what it throws is caught by the boundary above it. */
function Rendered<T>({ data, render }: { data: T; render: (data: T) => ReactNode }) {
  return render(data);
}

/** A section's read: a spinner while pending, the failure with Try again (which refetches), then its data. */
export function QueryBoundary<T>({ query, pending, failed, actions, children }: QueryBoundaryProps<T>) {
  const refetch = () => void query.refetch();
  if (query.isPending) return <Spinner size="x-small" label={pending} />;
  const failure =
    query.isError && query.error ? (
      <Alert variant="error" title={typeof failed === 'string' ? failed : failed(query.error)}>
        {typeof failed === 'string' ? <p>{query.error.message}</p> : null}
        <RetryActions onRetry={refetch} actions={actions} />
      </Alert>
    ) : null;
  return (
    <>
      {failure}
      {query.data === undefined ? null : (
        <SectionBoundary onRetry={refetch} resetKey={query.dataUpdatedAt}>
          <Rendered data={query.data} render={children} />
        </SectionBoundary>
      )}
    </>
  );
}
