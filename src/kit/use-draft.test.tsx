import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { oneOf } from '@/lib/guards';
import { frameStorage } from '@/lib/storage';
import { SalesforceProvider, type SalesforceServices } from './salesforce-context';
import { hasDraft, useDraft } from './use-draft';

interface Values {
  subject: string;
  reminder: boolean;
  callType: '' | 'Inbound' | 'Outbound';
}

const base: Values = { subject: 'Call back', reminder: false, callType: '' };
const guards = { callType: oneOf(['', 'Inbound', 'Outbound']) };

/** A form's draft over one frame storage; `render` again is a reload (the storage stays). */
function setup() {
  const { storage } = frameStorage({});
  const services = { storage } as SalesforceServices;
  const wrapper = ({ children }: { children: ReactNode }) => (
    <SalesforceProvider value={services}>{children}</SalesforceProvider>
  );
  const render = () => renderHook(() => useDraft('task', 'form-1', base, guards), { wrapper }).result;
  return { storage, render };
}

describe('useDraft', () => {
  it('shows the base until the agent types; what was typed is kept across a reload', () => {
    const { storage, render } = setup();
    const first = render();
    expect(first.current.values).toEqual(base);
    expect(first.current.dirty).toBe(false);
    expect(hasDraft(storage, 'task', 'form-1')).toBe(false);
    act(() => first.current.set({ subject: 'Call Ada back' }));
    act(() => first.current.set({ reminder: true }));
    expect(first.current.values).toEqual({ subject: 'Call Ada back', reminder: true, callType: '' });
    expect(first.current.dirty).toBe(true);
    expect(JSON.parse(storage.getItem('sfx.draft:task:form-1') ?? '')).toEqual({
      subject: 'Call Ada back',
      reminder: true,
    });

    const reloaded = render();
    expect(reloaded.current.values).toEqual({ subject: 'Call Ada back', reminder: true, callType: '' });
    expect(reloaded.current.dirty).toBe(true);
  });

  it('clear forgets the draft and shows the base again', () => {
    const { storage, render } = setup();
    const draft = render();
    act(() => draft.current.set({ subject: 'Call Ada back' }));
    act(() => draft.current.clear());
    expect(draft.current.values).toEqual(base);
    expect(draft.current.dirty).toBe(false);
    expect(hasDraft(storage, 'task', 'form-1')).toBe(false);
  });

  it('forget drops the kept draft but keeps the values on screen; typing keeps a new one', () => {
    const { storage, render } = setup();
    const draft = render();
    act(() => draft.current.set({ subject: 'Call Ada back' }));
    act(() => draft.current.forget());
    expect(draft.current.values.subject).toBe('Call Ada back');
    expect(draft.current.dirty).toBe(false);
    expect(hasDraft(storage, 'task', 'form-1')).toBe(false);
    act(() => draft.current.set({ callType: 'Inbound' }));
    expect(JSON.parse(storage.getItem('sfx.draft:task:form-1') ?? '')).toEqual({
      subject: 'Call Ada back',
      callType: 'Inbound',
    });
  });

  it('takes from a stored draft only the fields that still have their type', () => {
    const { storage, render } = setup();
    storage.setItem(
      'sfx.draft:task:form-1',
      JSON.stringify({ subject: 42, reminder: 'yes', callType: 'Sideways', extra: 'x' }),
    );
    expect(render().current.values).toEqual(base);
    storage.setItem('sfx.draft:task:form-1', JSON.stringify({ subject: 'Kept', callType: 'Outbound' }));
    expect(render().current.values).toEqual({ subject: 'Kept', reminder: false, callType: 'Outbound' });
    storage.setItem('sfx.draft:task:form-1', '{broken');
    expect(render().current.values).toEqual(base);
  });
});
