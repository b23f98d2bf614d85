import { useI18n } from '@/i18n/i18n-context';
import type { Translate } from '@/i18n/i18n';
import type { CaseRow } from '@/salesforce/api/cases';
import type { OpportunityRow } from '@/salesforce/api/opportunities';
import type { TabState } from '@/salesforce/api/conversation-work';

function reasonLine(t: Translate, which: 'opportunity' | 'case', state: TabState<unknown>): string | null {
  if (state.visible || state.reason === null) return null;
  const tab = t(which === 'opportunity' ? 'tabs.name.opportunity' : 'tabs.name.case');
  const object = which === 'opportunity' ? 'Opportunity' : 'Case';
  const step = t(which === 'opportunity' ? 'tabs.step.opportunity' : 'tabs.step.case');
  switch (state.reason) {
    case 'no-access':
      return t('tabs.absent.noAccess', { tab, object, step });
    case 'no-field':
      return t('tabs.absent.noField', { tab, object, step });
    case 'not-for-person':
      return t('tabs.absent.notForPerson', { tab });
    case 'nothing-open':
      return t(which === 'opportunity' ? 'tabs.absent.nothingOpen.opportunity' : 'tabs.absent.nothingOpen.case', {
        tab,
      });
    case 'failed':
      return t('tabs.absent.failed', { tab, message: state.error ?? '' });
  }
}

/**
 * Why the Opportunity or Case tab is absent, one short line each, so an admin can tell a setup gap (no
 * access, no conversationId field) from "nothing open". Renders nothing when both tabs show.
 */
export function TabsFooter({
  opportunities,
  cases,
}: {
  opportunities: TabState<OpportunityRow>;
  cases: TabState<CaseRow>;
}) {
  const { t } = useI18n();
  const lines = [reasonLine(t, 'opportunity', opportunities), reasonLine(t, 'case', cases)].filter(
    (line): line is string => line !== null,
  );
  if (lines.length === 0) return null;
  return (
    <div className="slds-text-body_small slds-text-color_weak">
      {lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
    </div>
  );
}
