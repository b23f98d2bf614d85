import { useQuery } from '@tanstack/react-query';
import { useCallback, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useI18n } from '@/i18n/i18n-context';
import { QueryBoundary } from '@/kit/boundary';
import { formatPercent } from '@/lib/format';
import { isClosedStage, type OpportunityRow, type StageValue } from '@/salesforce/api/opportunities';
import { useOutboxWrite } from '@/kit/outbox-react';
import { useSalesforce, useScope } from '@/kit/salesforce-context';
import { blockedWrite, type WriteProblem } from '@/salesforce/api/write-problems';
import { Button } from '@/ui/button';
import { ConfirmDialog } from '@/ui/confirm-dialog';
import '@/ui/tabs.css';
import { stagesQuery } from './queries';
import { useWhenDone, WriteFeedback } from '@/kit/record-writes';

function stageClass(index: number, currentIndex: number, stage: StageValue, selected: boolean): string {
  const classes = ['slds-path__item'];
  if (index < currentIndex) classes.push('slds-is-complete');
  else if (index === currentIndex) classes.push(stage.closed && !stage.won ? 'slds-is-lost' : 'slds-is-current');
  else classes.push('slds-is-incomplete');
  if (selected) classes.push('slds-is-active');
  return classes.join(' ');
}

/**
 * The opportunity's stage path (SLDS path) from its record type's stages, the current stage highlighted.
 * Arrow keys choose a stage; "Mark as current stage" moves the deal there, after a confirmation for a
 * closing stage. Salesforce sets probability and forecast category from the stage.
 */
export function StagePath({ opportunity }: { opportunity: OpportunityRow }) {
  const { t } = useI18n();
  const { client, describes } = useSalesforce();
  const scope = useScope();
  const headingId = useId();
  const stages = useQuery(stagesQuery(client, scope, opportunity.recordTypeId));
  const write = useOutboxWrite(`opportunity-stage:${opportunity.id}`);
  const [chosen, setChosen] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [blocked, setBlocked] = useState<WriteProblem | null>(null);
  const options = useRef(new Map<string, HTMLDivElement>());
  const { reset } = write;
  useWhenDone(
    write,
    useCallback(() => {
      reset();
      setChosen(null);
    }, [reset]),
  );

  // The path, once the record type's stages are there.
  const renderPath = (values: StageValue[]) => {
    const sent = write.busy && write.item?.op.kind === 'update' ? write.item.op.fields.StageName : undefined;
    const current = typeof sent === 'string' ? sent : opportunity.stageName;
    const currentIndex = values.findIndex((stage) => stage.value === current);
    const selected = values.find((stage) => stage.value === (chosen ?? current)) ?? values[0];
    const currentStage = values[currentIndex];
    const percent = (value: number | null) => formatPercent(value) ?? '—';

    const move = (index: number) => {
      const stage = values[index];
      if (!stage) return;
      setChosen(stage.value);
      options.current.get(stage.value)?.focus();
    };
    const onKeyDown = (event: KeyboardEvent<HTMLDivElement>, index: number) => {
      const last = values.length - 1;
      const moves: Readonly<Record<string, number>> = {
        ArrowRight: Math.min(index + 1, last),
        ArrowLeft: Math.max(index - 1, 0),
        Home: 0,
        End: last,
      };
      const target = moves[event.key];
      if (target === undefined) return;
      event.preventDefault();
      move(target);
    };
    const send = (stage: StageValue) => {
      setConfirming(false);
      void write.submit(
        { kind: 'update', sobject: 'Opportunity', id: opportunity.id, fields: { StageName: stage.value } },
        { label: t('opp.stage.writeLabel', { name: opportunity.name, stage: stage.label }), group: opportunity.id },
      );
    };
    const markCurrent = () => {
      if (!selected || write.busy) return;
      const problem = blockedWrite(describes.peek('Opportunity'), 'Opportunity', ['StageName'], 'update');
      setBlocked(problem);
      if (problem) return;
      if (isClosedStage(values, selected.value)) setConfirming(true);
      else send(selected);
    };

    return (
      <div className="app-work-section">
        <h4 id={headingId} className="slds-text-title_caps slds-m-bottom_x-small">
          {t('opp.stage.heading')}
        </h4>
        <div className={`slds-path app-path${currentStage?.won ? ' slds-is-won' : ''}`}>
          <div className="slds-grid slds-path__track">
            <div className="slds-grid slds-path__scroller-container">
              <div className="slds-path__scroller">
                <div className="slds-path__scroller_inner">
                  <div
                    className="slds-path__nav"
                    role="listbox"
                    aria-orientation="horizontal"
                    aria-label={t('opp.stage.path', { name: opportunity.name })}
                  >
                    {values.map((stage, index) => {
                      const isSelected = stage.value === selected?.value;
                      return (
                        <div
                          key={stage.value}
                          role="presentation"
                          className={stageClass(index, currentIndex, stage, isSelected)}
                        >
                          <div
                            ref={(element) => {
                              if (element) options.current.set(stage.value, element);
                              else options.current.delete(stage.value);
                            }}
                            role="option"
                            aria-selected={isSelected}
                            tabIndex={isSelected ? 0 : -1}
                            className="slds-path__link"
                            onClick={() => setChosen(stage.value)}
                            onFocus={() => setChosen(stage.value)}
                            onKeyDown={(event) => onKeyDown(event, index)}
                          >
                            <span className="slds-path__stage" />
                            <span className="slds-path__title">{stage.label}</span>
                          </div>
                        </div>
                      );
                    })}
                  </div>
                </div>
              </div>
            </div>
          </div>
        </div>
        <p className="slds-text-body_small slds-m-top_x-small">
          {t('opp.stage.current', {
            stage: currentStage?.label ?? current ?? '—',
            probability: percent(opportunity.probability),
            forecast: opportunity.forecastCategory ?? '—',
          })}
        </p>
        {selected && selected.value !== current ? (
          <div className="slds-m-top_x-small">
            <p className="slds-text-body_small">
              {t('opp.stage.willSet', {
                stage: selected.label,
                probability: percent(selected.probability),
                forecast: selected.forecastCategory ?? '—',
              })}
            </p>
            <div className="app-actions slds-m-top_xx-small">
              <Button variant="brand" onClick={markCurrent} disabled={write.busy}>
                {t('opp.stage.markCurrent')}
              </Button>
            </div>
          </div>
        ) : null}
        <div className="slds-m-top_x-small">
          <WriteFeedback
            write={write}
            tab="opportunity"
            sobject="Opportunity"
            pending={t('opp.stage.saving')}
            failed={t('opp.stage.notSaved')}
            blocked={blocked}
            retry
          />
        </div>
        {confirming && selected ? (
          <ConfirmDialog
            title={t('opp.stage.confirm.title', { stage: selected.label })}
            confirmLabel={t('opp.stage.confirm.ok', { stage: selected.label })}
            cancelLabel={t('tabs.cancel')}
            onConfirm={() => send(selected)}
            onCancel={() => setConfirming(false)}
            variant={selected.won ? 'brand' : 'destructive'}
          >
            <p>
              {t(selected.won ? 'opp.stage.confirm.won' : 'opp.stage.confirm.lost', {
                name: opportunity.name,
                probability: percent(selected.probability),
                forecast: selected.forecastCategory ?? '—',
              })}
            </p>
          </ConfirmDialog>
        ) : null}
      </div>
    );
  };

  return (
    <QueryBoundary query={stages} pending={t('opp.stage.loading')} failed={t('opp.stage.failed')}>
      {renderPath}
    </QueryBoundary>
  );
}
