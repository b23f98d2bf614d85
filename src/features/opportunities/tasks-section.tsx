import { useQuery } from '@tanstack/react-query';
import { useCallback, useId, useState, type ReactNode } from 'react';
import { useI18n } from '@/i18n/i18n-context';
import { QueryBoundary } from '@/kit/boundary';
import type { OpportunityRow } from '@/salesforce/api/opportunities';
import { useSalesforce, useScope } from '@/kit/salesforce-context';
import type { RecordTask } from '@/salesforce/api/tasks';
import { Button } from '@/ui/button';
import '@/ui/tabs.css';
import { formatDate } from '@/lib/format';
import { recordTasksQuery } from './queries';

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

  const body = (
    <QueryBoundary query={tasks} pending={t('opp.tasks.loading')} failed={t('opp.tasks.failed')}>
      {({ open, recent }) => (
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
      )}
    </QueryBoundary>
  );

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
