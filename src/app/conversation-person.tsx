import { useEffect } from 'react';
import { HistoryPanel } from '@/features/history/history-panel';
import type { LeadCreateFormProps } from '@/features/lead-create/lead-create-form';
import { historyQuery, historyRows, historyTarget } from '@/features/history/queries';
import type { ActivityRow } from '@/salesforce/api/history';
import { LogForm } from '@/features/logging/log-form';
import { CaseTab } from '@/features/cases/case-tab';
import { OpportunityTab } from '@/features/opportunities/opportunity-tab';
import { TabsFooter } from './tabs-footer';
import { TaskForm } from '@/features/tasks/task-form';
import { TasksPanel } from '@/features/tasks/tasks-panel';
import { PersonCard } from '@/features/person-card/person-card';
import { PersonPicker } from '@/features/person-lookup/person-picker';
import { usePersonLookup } from '@/features/person-lookup/use-person-lookup';
import { useI18n } from '@/i18n/i18n-context';
import { SectionBoundary } from '@/kit/boundary';
import { onDemand } from '@/lib/on-demand';
import { isSalesforceError, LOCAL_ERROR_CODES } from '@/salesforce/errors';
import { useAuthState, useSalesforce, useScope } from '@/kit/salesforce-context';
import { Alert } from '@/ui/alert';
import { Button } from '@/ui/button';
import { Card } from '@/ui/card';
import { useOnDemand } from '@/ui/use-on-demand';
import { Spinner } from '@/ui/spinner';
import { useXBeesContext } from '@/kit/xbees-session-hooks';
import { useConversationCall } from '@/kit/conversation-call';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { Person } from '@/salesforce/people';
import { accountOf } from '@/salesforce/api/conversation-work';
import { contactIdOf } from '@/salesforce/api/tasks';
import { conversationWorkQuery } from '@/kit/conversation-work-query';
import { useRefreshAfterWrites } from './refresh-after-writes';
import { Tabs, type TabItem } from '@/ui/tabs';

/** The lead form (with the phone library) loads only when nobody matched. */
const leadCreateForm = onDemand(() => import('@/features/lead-create/lead-create-form'));

function LeadCreateSlot(props: LeadCreateFormProps) {
  const { t } = useI18n();
  const module = useOnDemand(leadCreateForm);
  return module ? (
    <SectionBoundary>
      <module.LeadCreateForm {...props} />
    </SectionBoundary>
  ) : (
    <Spinner label={t('app.loading')} />
  );
}

/**
 * The screen pop: who the conversation is with in Salesforce. One match → the card; several → the
 * picker (best first) above the card of the chosen one; none → the lead form.
 */
export function ConversationPerson() {
  const { t } = useI18n();
  // Lists read again when our writes land: everything they refresh is on this screen.
  useRefreshAfterWrites();
  const services = useSalesforce();
  const session = useAuthState((s) => s.session);
  const context = useXBeesContext();
  const lookup = usePersonLookup(context);
  const target = lookup.target;
  if (!session || !context || !target) return null;

  if (target.kind === 'none') {
    return (
      <Alert variant="info" title={t('lookup.failed.title')}>
        <p>{target.raw ? t('lookup.unusable', { value: target.raw }) : t('lookup.noContact')}</p>
      </Alert>
    );
  }

  if (lookup.status === 'pending') {
    return (
      <Card heading={t('app.name')} headingId="lookup-heading">
        <Spinner
          label={
            target.kind === 'phone'
              ? t('lookup.searching.phone', { phone: target.raw })
              : t('lookup.searching.email', { email: target.email })
          }
        />
      </Card>
    );
  }

  if (lookup.status === 'unusable') {
    return (
      <Alert variant="info" title={t('lookup.failed.title')}>
        <p>{t('lookup.unusable', { value: target.kind === 'phone' ? target.raw : target.email })}</p>
      </Alert>
    );
  }

  if (lookup.status === 'error') {
    // A session that ended is explained by the sign-in card above; the lookup reruns after sign-in.
    if (isSalesforceError(lookup.error, LOCAL_ERROR_CODES.sessionEnded)) return null;
    return (
      <Alert variant="error" title={t('lookup.failed.title')}>
        <p>
          {isSalesforceError(lookup.error, LOCAL_ERROR_CODES.corsBlocked)
            ? t('signIn.problem.restCors', { origin: window.location.origin })
            : isSalesforceError(lookup.error, LOCAL_ERROR_CODES.network)
              ? t('connection.failed.network', { detail: lookup.error.message })
              : t('connection.failed.other', { detail: lookup.error?.message ?? '' })}
        </p>
        <p>
          <Button variant="neutral" onClick={lookup.retry}>
            {t('lookup.retry')}
          </Button>
        </p>
      </Alert>
    );
  }

  const conversationKey = context.conversationId ?? (target.kind === 'phone' ? target.raw : target.email);
  if (lookup.matches.length === 0 || !lookup.selected) {
    return (
      <LeadCreateSlot
        key={conversationKey}
        prefill={{ name: context.contact.name, phone: context.contact.phone, email: context.contact.email }}
        draftKey={conversationKey}
        onCreated={lookup.addCreated}
        onUseExisting={lookup.addCreated}
      />
    );
  }

  return (
    <>
      {lookup.matches.length > 1 ? (
        <PersonPicker matches={lookup.matches} selectedId={lookup.selected.person.id} onChoose={lookup.choose} />
      ) : null}
      <SectionBoundary key={`card-${lookup.selected.person.id}`}>
        <PersonCard
          person={lookup.selected.person}
          instanceUrl={session.instanceUrl}
          match={lookup.selected}
          defaultRegion={services.region}
        />
      </SectionBoundary>
      <PersonWork key={lookup.selected.person.id} person={lookup.selected.person} conversationId={conversationKey} />
    </>
  );
}

/** What the agent does with the person: log the conversation, tasks, history, and the deal and case tabs. */
function PersonWork({ person, conversationId }: { person: Person; conversationId: string }) {
  const { t } = useI18n();
  const services = useSalesforce();
  const call = useConversationCall(conversationId);
  const scope = useScope();
  const historyPages = useInfiniteQuery(
    historyQuery(services.client, services.describes, services.storage, scope, historyTarget(person)),
  );
  const history = historyRows(historyPages.data);
  const work = useQuery(
    conversationWorkQuery(services.client, services.describes, services.storage, scope, person, conversationId),
  );
  const workReady = work.data !== undefined;
  useEffect(() => {
    // The benchmark's end point for "both tabs ready" (shown or not, with the footer's reason).
    if (workReady) performance.mark('sfx:tabs-ready', { detail: { id: person.id } });
  }, [workReady, person.id]);
  const logs = new Map<string, ActivityRow>();
  for (const row of [...(history?.past ?? []), ...(history?.open ?? [])])
    if (row.callObject) logs.set(row.callObject, row);
  const accountId = accountOf(person);
  const contactId = contactIdOf(person);
  const personTab = (
    <>
      <SectionBoundary>
        <LogForm
          person={person}
          conversationId={conversationId}
          call={call}
          historyLogs={history ? logs : null}
          whatId={person.type === 'Contact' ? person.accountId : null}
        />
      </SectionBoundary>
      <SectionBoundary>
        <TasksPanel person={person} openTasks={history?.open ?? []} />
      </SectionBoundary>
      <SectionBoundary>
        <HistoryPanel person={person} />
      </SectionBoundary>
    </>
  );
  const tabs: TabItem[] = [{ id: 'person', label: t('tabs.person'), content: personTab }];
  if (work.data?.opportunities.visible) {
    tabs.push({
      id: 'opportunities',
      label: t('tabs.opportunities'),
      content: (
        <SectionBoundary>
          <OpportunityTab
            tab={work.data.opportunities}
            person={person}
            conversationId={conversationId}
            accountId={accountId}
            renderTaskForm={(opportunity, close) => (
              <TaskForm
                person={person}
                mode={{ kind: 'create' }}
                formKey={`opportunity:${opportunity.id}:task`}
                fixedWhat={{ id: opportunity.id, name: opportunity.name }}
                onDone={close}
                onCancel={close}
              />
            )}
          />
        </SectionBoundary>
      ),
    });
  }
  if (work.data?.cases.visible) {
    tabs.push({
      id: 'cases',
      label: t('tabs.cases'),
      content: (
        <SectionBoundary>
          <CaseTab
            tab={work.data.cases}
            person={person}
            conversationId={conversationId}
            conversationKind={call ? 'call' : 'chat'}
            accountId={accountId}
            contactId={contactId}
          />
        </SectionBoundary>
      ),
    });
  }
  return (
    <>
      {tabs.length > 1 ? <Tabs label={t('tabs.label')} tabs={tabs} /> : personTab}
      {work.data ? <TabsFooter opportunities={work.data.opportunities} cases={work.data.cases} /> : null}
    </>
  );
}
