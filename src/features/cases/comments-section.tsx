import { useQuery } from '@tanstack/react-query';
import { useId, type SyntheticEvent } from 'react';
import { useI18n } from '@/i18n/i18n-context';
import { QueryBoundary } from '@/kit/boundary';
import { addCommentOperation } from '@/salesforce/api/cases';
import { useOutboxWrite } from '@/kit/outbox-react';
import { useSalesforce, useScope } from '@/kit/salesforce-context';
import { useForm } from '@/kit/use-form';
import type { CaseRow } from '@/salesforce/api/cases';
import { blockedWrite } from '@/salesforce/api/write-problems';
import { Button } from '@/ui/button';
import { Checkbox } from '@/ui/checkbox';
import { Textarea } from '@/ui/textarea';
import '@/ui/tabs.css';
import { formatDateTime } from '@/lib/format';
import { caseCommentsQuery } from './queries';
import { discardFailed, WriteFeedback, useClearWhenLanded } from '@/kit/record-writes';
import { useDraft } from '@/kit/use-draft';

/** The case's comments (public and internal), newest first, and a new one through the outbox. */
export function CommentsSection({ kase }: { kase: CaseRow }) {
  const { t, locale } = useI18n();
  const { client, describes, outbox } = useSalesforce();
  const scope = useScope();
  const headingId = useId();
  const comments = useQuery(caseCommentsQuery(client, describes, scope, kase.id));
  const draft = useDraft('case', `comment:${kase.id}`, { body: '', public: '' });
  const write = useOutboxWrite(`case-comment:${kase.id}`);
  const body = draft.values.body;
  const form = useForm({ errors: { body: body.trim() === '' ? t('case.comment.error.body') : null }, write });
  useClearWhenLanded(write, draft, form.reset);

  const sent = write.busy && write.item?.op.kind === 'create' ? write.item.op.fields.CommentBody : undefined;
  const add = (event: SyntheticEvent) => {
    if (!form.submit(event)) return;
    const problem = blockedWrite(
      describes.peek('CaseComment'),
      'CaseComment',
      ['ParentId', 'CommentBody', 'IsPublished'],
      'create',
    );
    if (!form.allow(problem)) return;
    discardFailed(outbox, write);
    void write.submit(addCommentOperation(kase.id, body, draft.values.public === 'true'), {
      label: t('case.comment.writeLabel', { number: kase.caseNumber }),
      group: kase.id,
    });
  };

  const list = (
    <QueryBoundary query={comments} pending={t('case.comments.loading')} failed={t('case.comments.failed')}>
      {(data) =>
        data.length === 0 ? (
          <p className="slds-text-color_weak">{t('case.comments.empty')}</p>
        ) : (
          <ul className="app-work-list" aria-labelledby={headingId}>
            {data.map((comment) => (
              <li key={comment.id} className="app-work-list__item">
                <p className="app-note-text">{comment.body}</p>
                <p className="slds-text-body_small slds-text-color_weak">
                  {[
                    comment.isPublic ? t('case.comments.public') : t('case.comments.internal'),
                    comment.createdByName,
                    formatDateTime(locale, comment.createdDate),
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </p>
              </li>
            ))}
          </ul>
        )
      }
    </QueryBoundary>
  );

  return (
    <div className="app-work-section">
      <h4 id={headingId} className="slds-text-title_caps slds-m-bottom_x-small">
        {t('case.comments.heading')}
      </h4>
      {list}
      <form className="slds-form slds-m-top_x-small" onSubmit={add} noValidate aria-label={t('case.comment.label')}>
        <Textarea
          label={t('case.comment.label')}
          rows={3}
          value={typeof sent === 'string' ? sent : body}
          readOnly={write.busy}
          onChange={(event) => draft.set({ body: event.target.value })}
          error={form.error('body')}
        />
        <Checkbox
          label={t('case.comment.public')}
          checked={draft.values.public === 'true'}
          disabled={write.busy}
          onChange={(event) => draft.set({ public: event.target.checked ? 'true' : '' })}
        />
        <div className="slds-m-top_x-small">
          <WriteFeedback
            write={write}
            tab="case"
            sobject="CaseComment"
            pending={t('case.comment.saving')}
            failed={t('case.comment.notSaved')}
            blocked={form.blocked}
          />
        </div>
        {write.busy ? null : (
          <div className="app-actions slds-m-top_x-small">
            <Button variant="neutral" type="submit">
              {t('case.comment.add')}
            </Button>
          </div>
        )}
      </form>
    </div>
  );
}
