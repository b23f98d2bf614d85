import { useCallback, useId, useState, type SyntheticEvent } from 'react';
import { useI18n } from '@/i18n/i18n-context';
import { blockedWrite } from '@/salesforce/api/write-problems';
import type { OpportunityRow } from '@/salesforce/api/opportunities';
import { useOutboxWrite } from '@/kit/outbox-react';
import { useSalesforce } from '@/kit/salesforce-context';
import { useForm } from '@/kit/use-form';
import { Button } from '@/ui/button';
import { FormActions } from '@/ui/form-actions';
import { Textarea } from '@/ui/textarea';
import '@/ui/tabs.css';
import { discardFailed, WriteFeedback, useClearWhenLanded } from '@/kit/record-writes';
import { useDraft } from '@/kit/use-draft';

/** The opportunity's summary (Description): shown, and edited through the outbox; the typed text is kept until Salesforce has it. */
export function SummarySection({ opportunity }: { opportunity: OpportunityRow }) {
  const { t } = useI18n();
  const { describes, outbox } = useSalesforce();
  const headingId = useId();
  const draft = useDraft('opportunity', `summary:${opportunity.id}`, { summary: opportunity.description ?? '' });
  const write = useOutboxWrite(`opportunity-summary:${opportunity.id}`);
  const [editing, setEditing] = useState(false);
  const form = useForm({ write });
  useClearWhenLanded(
    write,
    draft,
    useCallback(() => setEditing(false), []),
  );

  const open = editing || draft.dirty || write.busy || write.item?.state === 'failed';
  const sent = write.item?.op.kind === 'update' ? write.item.op.fields.Description : undefined;

  const save = (event: SyntheticEvent) => {
    if (!form.submit(event)) return;
    if (!form.allow(blockedWrite(describes.peek('Opportunity'), 'Opportunity', ['Description'], 'update'))) return;
    const text = draft.values.summary;
    discardFailed(outbox, write);
    void write.submit(
      {
        kind: 'update',
        sobject: 'Opportunity',
        id: opportunity.id,
        fields: { Description: text.trim() === '' ? null : text },
      },
      { label: t('opp.summary.writeLabel', { name: opportunity.name }), group: opportunity.id },
    );
  };
  const cancel = () => {
    discardFailed(outbox, write);
    draft.clear();
    write.reset();
    form.reset();
    setEditing(false);
  };

  return (
    <div className="app-work-section">
      <h4 id={headingId} className="slds-text-title_caps slds-m-bottom_x-small">
        {t('opp.summary.heading')}
      </h4>
      {open ? (
        <form className="slds-form" onSubmit={save} noValidate>
          <Textarea
            label={t('opp.summary.label')}
            rows={4}
            value={write.busy && typeof sent === 'string' ? sent : draft.values.summary}
            readOnly={write.busy}
            onChange={(event) => draft.set({ summary: event.target.value })}
          />
          <div className="slds-m-top_x-small">
            <WriteFeedback
              write={write}
              tab="opportunity"
              sobject="Opportunity"
              pending={t('opp.summary.saving')}
              failed={t('opp.summary.notSaved')}
              blocked={form.blocked}
            />
          </div>
          {write.busy ? null : (
            <FormActions submit={t('opp.summary.save')} cancel={t('tabs.cancel')} onCancel={cancel} />
          )}
        </form>
      ) : (
        <>
          <p className="app-note-text">
            {opportunity.description ?? <span className="slds-text-color_weak">{t('opp.summary.empty')}</span>}
          </p>
          <div className="app-actions slds-m-top_x-small">
            <Button variant="neutral" onClick={() => setEditing(true)}>
              {t('opp.summary.edit')}
            </Button>
          </div>
        </>
      )}
    </div>
  );
}
