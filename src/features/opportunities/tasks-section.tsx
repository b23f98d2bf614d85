import { useQuery } from '@tanstack/react-query';
import { useCallback, useId, useState, type ReactNode } from 'react';
import { useI18n } from '@/i18n/i18n-context';
import type { OpportunityRow } from '@/salesforce/api/opportunities';
import type { RecordTask } from '@/salesforce/api/tasks';
import { useSalesforce } from '@/kit/salesforce-context';
import { Alert } from '@/ui/alert';
import { Button } from '@/ui/button';
import { Spinner } from '@/ui/spinner';
import '@/ui/tabs.css';
import { formatDate } from './format';
import { recordTasksQuery } from './queries';
import { useScope } from '@/kit/record-writes';

/** Renders the task form for a new task on the opportunity (WhatId = the opportunity); `close` ends it. */
export type RenderTaskForm = (opportunity: OpportunityRow, close: () => void) => ReactNode;

function TaskList({ tasks, label }: { tasks: RecordTask[]; label: string }) {
  const { t, locale } = useI18n();
  return (
    <ul className="app-work-list" aria-label={label}>
      {tasks.map((task) => (
        <li key={task.id} className="app-work-list__item">
          <p className="app-work-list__name">{task.subject || t('opp.tasks.noSubject')}</p>
          <p className="slds-text-body_small slds-text-color_weak">
            {[formatDate(locale, task.date), task.status, task.priority, task.whoName, task.ownerName]
              .filter(Boolean)
              .join(' · ')}
          </p>
        </li>
      ))}
    </ul>
  );
}

/** The opportunity's open tasks and the ones closed lately; a new task through the panel's task form. */
export function TasksSection({
  opportunity,
  renderTaskForm,
}: {
  opportunity: OpportunityRow;
  renderTaskForm?: RenderTaskForm | undefined;
}) {
  const { t } = useI18n();
  const { client, describes } = useSalesforce();
  const scope = useScope();
  const headingId = useId();
  const tasks = useQuery(recordTasksQuery(client, describes, scope, opportunity.id));
  const [creating, setCreating] = useState(false);
  const close = useCallback(() => setCreating(false), []);

  let body;
  if (tasks.isPending) body = <Spinner size="x-small" label={t('opp.tasks.loading')} />;
  else if (tasks.isError) {
    body = (
      <Alert variant="error" title={t('opp.tasks.failed')}>
        <p>{tasks.error.message}</p>
        <p>
          <Button variant="neutral" onClick={() => void tasks.refetch()}>
            {t('tabs.reload')}
          </Button>
        </p>
      </Alert>
    );
  } else {
    const { open, recent } = tasks.data;
    body = (
      <>
        {open.length === 0 ? (
          <p className="slds-text-color_weak">{t('opp.tasks.noneOpen')}</p>
        ) : (
          <TaskList tasks={open} label={t('opp.tasks.open')} />
        )}
        {recent.length > 0 ? (
          <>
            <p className="slds-text-title slds-m-top_x-small">{t('opp.tasks.recent')}</p>
            <TaskList tasks={recent} label={t('opp.tasks.recent')} />
          </>
        ) : null}
      </>
    );
  }

  return (
    <div className="app-work-section">
      <h4 id={headingId} className="slds-text-title_caps slds-m-bottom_x-small">
        {t('opp.tasks.heading')}
      </h4>
      {creating && renderTaskForm ? renderTaskForm(opportunity, close) : null}
      {body}
      {renderTaskForm && !creating ? (
        <Button variant="neutral" onClick={() => setCreating(true)}>
          {t('opp.tasks.new')}
        </Button>
      ) : null}
    </div>
  );
}
