import { useCallback, useEffect, useState } from 'react';
import { useI18n } from '@/i18n/i18n-context';
import { isRecord, isString, shape, type Guard } from '@/lib/guards';
import { readJson, removeKey, storageKey, writeJson } from '@/lib/storage';
import { isActivityRow, type ActivityRow } from '@/salesforce/api/history';
import { completeTaskOperation } from '@/salesforce/api/tasks';
import { useOutboxWrite } from '@/kit/outbox-react';
import { useSalesforce } from '@/kit/salesforce-context';
import type { Person } from '@/salesforce/people';
import { Button } from '@/ui/button';
import { Spinner } from '@/ui/spinner';
import { TaskForm, type TaskFormMode } from './task-form';

function CompleteButton({ task }: { task: ActivityRow }) {
  const { t } = useI18n();
  const write = useOutboxWrite(`complete:${task.id}`);
  if (write.busy) return <Spinner size="x-small" label={t('tasks.completing', { subject: task.subject })} />;
  return (
    <Button
      variant="neutral"
      onClick={() => void write.submit(completeTaskOperation(task.id), { label: task.subject, group: task.id })}
    >
      {t('tasks.complete')}
    </Button>
  );
}

/** The person's open tasks (edit, mark complete), a new task, and a scheduled call back. */
interface OpenForm {
  mode: TaskFormMode;
  /** One key per form opened: drafts and the write belong to it, so several tasks can be on their way. */
  key: string;
}

const isOpenForm: Guard<OpenForm> = shape({
  key: isString,
  mode: (mode: unknown): mode is TaskFormMode =>
    isRecord(mode) &&
    (mode.kind === 'create' || mode.kind === 'schedule-call' || (mode.kind === 'edit' && isActivityRow(mode.task))),
});

function readOpenForm(storage: Storage, personId: string): OpenForm | null {
  const value = readJson(storage, storageKey('openTaskForm', personId));
  return isOpenForm(value) ? value : null;
}

export function TasksPanel({ person, openTasks }: { person: Person; openTasks: ActivityRow[] }) {
  const { t } = useI18n();
  const { storage } = useSalesforce();
  // The open form survives a reload, with its draft.
  const [form, setForm] = useState<OpenForm | null>(() => readOpenForm(storage, person.id));
  useEffect(() => {
    // Without storage, the form just won't reopen after a reload.
    const key = storageKey('openTaskForm', person.id);
    if (form) writeJson(storage, key, form);
    else removeKey(storage, key);
  }, [storage, person.id, form]);
  const mode = form?.mode ?? null;
  const setMode = (next: TaskFormMode) =>
    setForm({
      mode: next,
      key: `${person.id}:${next.kind === 'edit' ? next.task.id : next.kind}:${String(Date.now())}`,
    });
  const close = useCallback(() => setForm(null), []);
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
          <Button
            variant="neutral"
            onClick={() => setMode({ kind: 'schedule-call' })}
            aria-expanded={mode?.kind === 'schedule-call'}
          >
            {t('tasks.scheduleCall')}
          </Button>
        </div>
      </div>
      <div className="slds-card__body slds-card__body_inner">
        {form ? (
          <TaskForm
            key={form.key}
            formKey={form.key}
            person={person}
            mode={form.mode}
            onDone={close}
            onCancel={close}
          />
        ) : null}
        <ul className="app-timeline">
          {openTasks
            .filter((task) => task.sobject === 'Task')
            .map((task) => (
              <li key={task.id} className={`app-timeline__item${task.overdue ? ' app-timeline__item_overdue' : ''}`}>
                <div className="app-timeline__body">
                  <p className="app-timeline__subject">{task.subject}</p>
                  <p className="slds-text-body_small slds-text-color_weak">
                    {[task.date, task.status, task.priority].filter(Boolean).join(' · ')}
                  </p>
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
