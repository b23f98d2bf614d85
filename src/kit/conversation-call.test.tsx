import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { setupSalesforceHarness } from '../../mocks/testing/salesforce-harness';
import { renderWithSalesforce } from '../../mocks/testing/render-with-salesforce';
import { storageKey } from '@/lib/storage';
import { xbeesSessionStore } from '@/xbees/session-store';
import { useConversationCall } from './conversation-call';

const h = setupSalesforceHarness();

function CallLine({ conversationId }: { conversationId: string }) {
  const call = useConversationCall(conversationId);
  return <p>{call ? `${call.status} ${call.info.callId ?? '?'} ${call.info.direction ?? '?'}` : 'no call'}</p>;
}

afterEach(() => {
  xbeesSessionStore.setState({ call: null });
});

describe('useConversationCall', () => {
  it('a panel opened again on the conversation knows its call; another conversation does not', () => {
    xbeesSessionStore.setState({
      call: { status: 'ended', info: { callId: 'call-5', direction: 'inbound' }, startedAt: 1, endedAt: 2 },
    });
    const first = renderWithSalesforce(h, <CallLine conversationId="conv-1" />);
    expect(screen.getByText('ended call-5 inbound')).toBeInTheDocument();
    first.unmount();

    // x-bees created the panel anew: it tells no call this time.
    xbeesSessionStore.setState({ call: null });
    const second = renderWithSalesforce(h, <CallLine conversationId="conv-1" />);
    expect(screen.getByText('ended call-5 inbound')).toBeInTheDocument();
    second.unmount();
    renderWithSalesforce(h, <CallLine conversationId="conv-2" />);
    expect(screen.getByText('no call')).toBeInTheDocument();
  });

  it('ignores a kept value that is not a call', () => {
    localStorage.setItem(storageKey('conversationCall', 'conv-3'), JSON.stringify({ status: 'ringing', info: {} }));
    renderWithSalesforce(h, <CallLine conversationId="conv-3" />);
    expect(screen.getByText('no call')).toBeInTheDocument();
  });
});
