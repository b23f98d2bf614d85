import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '@/i18n/i18n-context';
import type { CaseRow } from '@/salesforce/api/cases';
import type { OpportunityRow } from '@/salesforce/api/opportunities';
import type { TabReason, TabState } from '@/salesforce/api/conversation-work';
import { TabsFooter } from './tabs-footer';

const absent = <Row,>(reason: TabReason, error?: string): TabState<Row> => ({
  visible: false,
  reason,
  rows: [],
  ...(error ? { error } : {}),
});
const shown = <Row,>(): TabState<Row> => ({ visible: true, reason: null, rows: [] });

function footer(opportunities: TabState<OpportunityRow>, cases: TabState<CaseRow>) {
  return render(
    <I18nProvider locale="en">
      <TabsFooter opportunities={opportunities} cases={cases} />
    </I18nProvider>,
  );
}

describe('TabsFooter', () => {
  it('says nothing when both tabs show', () => {
    const { container } = footer(shown(), shown());
    expect(container).toBeEmptyDOMElement();
  });

  it('tells a setup gap from nothing open, one line per absent tab', () => {
    footer(absent('nothing-open'), absent('no-field'));
    expect(
      screen.getByText(
        'Opportunity tab: this account has no open opportunities, and none is tied to this conversation.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Case tab: the field conversationId is missing on Case (or hidden from your profile), see the setup guide, "Enable Cases tab".',
      ),
    ).toBeInTheDocument();
  });

  it.each<[TabReason, RegExp]>([
    [
      'no-access',
      /^Opportunity tab: you have no access to Opportunity in Salesforce\. See the setup guide, "Enable Opportunity tab"/,
    ],
    ['no-field', /^Opportunity tab: the field conversationId is missing on Opportunity/],
    ['not-for-person', /^Opportunity tab: shown only for Contacts, Accounts and Person Accounts/],
    ['failed', /^Opportunity tab: could not be loaded \(Boom\)\.$/],
  ])('explains %s', (reason, line) => {
    footer(absent(reason, 'Boom'), shown());
    expect(screen.getByText(line)).toBeInTheDocument();
  });
});
