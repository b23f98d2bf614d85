import { useCallback, useState } from 'react';
import { useI18n } from '@/i18n/i18n-context';
import type { ActivityRow } from '@/salesforce/api/history';
import { useOutboxWrite } from '@/salesforce/outbox-react';
import type { Person } from '@/salesforce/people';
import { Button } from '@/ui/button';
import { Spinner } from '@/ui/spinner';
import { TaskForm, type TaskFormMode } from './task-form';

function CompleteButton({ task }: { task: ActivityRow }) {
  const { t } = useI18n();
  const write = useOutboxWrite(`complete:${task.id}`);
  if (write.busy) return <Spinner size="x-small" label={t('tasks.completing', { subject: task.subject })} />;
  return (
    <Button variant="neutral" onClick={() => void write.submit({ kind: 'update', sobject: 'Task', id: task.id, fields: { Status: 'Completed' } }, { label: task.subject })}>
      {t('tasks.complete')}
    </Button>
  );
}

/** The person's open tasks (edit, mark complete), a new task, and a scheduled call back. */
export function TasksPanel({ person, openTasks }: { person: Person; openTasks: ActivityRow[] }) {
  const { t } = useI18n();
  const [mode, setMode] = useState<TaskFormMode | null>(null);
  const close = useCallback(() => setMode(null), []);
  const headingId = `tasks-${person.id}`;
  return (
    <section className="slds-card" aria-labelledby={headingId}>
      <div className="slds-card__header slds-grid">
        <h2 id={headingId} className="slds-card__header-title slds-text-heading_small slds-has-flexi-truncate">
          {t('tasks.heading')}
        </h2>
        <div className="app-actions">
          <Button variant="neutral" onClick={() => setMode({ kind: 'create' })} aria-expanded={mode?.kind === 'create'}>
            {t('tasks.new')}
          </Button>
          <Button variant="neutral" onClick={() => setMode({ kind: 'schedule-call' })} aria-expanded={mode?.kind === 'schedule-call'}>
            {t('tasks.scheduleCall')}
          </Button>
        </div>
      </div>
      <div className="slds-card__body slds-card__body_inner">
        {mode ? <TaskForm key={mode.kind === 'edit' ? mode.task.id : mode.kind} person={person} mode={mode} onDone={close} onCancel={close} /> : null}
        <ul className="app-timeline">
          {openTasks
            .filter((task) => task.sobject === 'Task')
            .map((task) => (
              <li key={task.id} className={`app-timeline__item${task.overdue ? ' app-timeline__item_overdue' : ''}`}>
                <div className="app-timeline__body">
                  <p className="app-timeline__subject">{task.subject}</p>
                  <p className="slds-text-body_small slds-text-color_weak">{[task.date, task.status, task.priority].filter(Boolean).join(' · ')}</p>
                  <p className="app-actions slds-m-top_xx-small">
                    <CompleteButton task={task} />
                    <Button variant="base" onClick={() => setMode({ kind: 'edit', task })}>
                      {t('tasks.edit')}
                    </Button>
                  </p>
                </div>
              </li>
            ))}
        </ul>
      </div>
    </section>
  );
}
