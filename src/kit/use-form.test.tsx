import { act, renderHook } from '@testing-library/react';
import type { SyntheticEvent } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { OutboxItem } from '@/salesforce/outbox/types';
import type { OutboxWrite } from './outbox-react';
import { useForm } from './use-form';

function writeOf(item: Partial<OutboxItem> | null): OutboxWrite {
  const state = item?.state ?? 'idle';
  return {
    item: item as OutboxItem | null,
    state,
    busy: state === 'pending' || state === 'sending',
    submit: () => Promise.resolve(),
    reset: () => undefined,
    error: null,
  };
}

const refused = writeOf({
  id: 'item-1',
  state: 'failed',
  lastError: {
    errorCode: 'STRING_TOO_LONG',
    message: 'Subject: data value too large',
    fields: ['Subject'],
    retryable: false,
  },
});

const preventDefault = vi.fn();
function submitEvent(): SyntheticEvent {
  return { preventDefault } as unknown as SyntheticEvent;
}

describe('useForm', () => {
  it('shows our errors once submitted, and lets a submit go on only when every check passes', () => {
    let subject = '';
    const { result, rerender } = renderHook(() =>
      useForm<'subject' | 'notes'>({ errors: { subject: subject === '' ? 'Enter a subject.' : null, notes: null } }),
    );
    expect(result.current.error('subject')).toBeNull();
    let allowed = true;
    act(() => {
      allowed = result.current.submit(submitEvent());
    });
    expect(preventDefault).toHaveBeenCalled();
    expect(allowed).toBe(false);
    expect(result.current.submitted).toBe(true);
    expect(result.current.error('subject')).toBe('Enter a subject.');
    expect(result.current.error('notes')).toBeNull();

    subject = 'Call back';
    rerender();
    expect(result.current.error('subject')).toBeNull();
    act(() => {
      allowed = result.current.submit(submitEvent());
    });
    expect(allowed).toBe(true);
  });

  it('shows a field the agent left before any submit, and reset starts over', () => {
    const { result } = renderHook(() =>
      useForm<'Email' | 'Phone'>({ errors: { Email: 'Not an e-mail.', Phone: 'Not a number.' } }),
    );
    act(() => result.current.touch('Email'));
    expect(result.current.shows('Email')).toBe(true);
    expect(result.current.error('Email')).toBe('Not an e-mail.');
    expect(result.current.error('Phone')).toBeNull();
    act(() => result.current.reset());
    expect(result.current.error('Email')).toBeNull();
    expect(result.current.submitted).toBe(false);
  });

  it('names the fields Salesforce refused, after our own errors', () => {
    let subject = 'x'.repeat(300);
    const { result, rerender } = renderHook(() =>
      useForm({ errors: { subject: subject === '' ? 'Enter a subject.' : null }, write: refused }),
    );
    expect(result.current.refusal?.message).toBe('Subject: data value too large');
    expect(result.current.serverError('Subject')).toBe('Subject: data value too large');
    expect(result.current.serverError('Description')).toBeNull();
    expect(result.current.fieldError('subject', 'Subject')).toBe('Subject: data value too large');
    subject = '';
    rerender();
    act(() => void result.current.submit(submitEvent()));
    expect(result.current.fieldError('subject', 'Subject')).toBe('Enter a subject.');
  });

  it('never submits while its write is on its way', () => {
    const { result } = renderHook(() => useForm({ write: writeOf({ id: 'item-2', state: 'sending' }) }));
    let allowed = true;
    act(() => {
      allowed = result.current.submit(submitEvent());
    });
    expect(allowed).toBe(false);
  });

  it('keeps a write refused before sending to show it, until the next attempt passes', () => {
    const { result } = renderHook(() => useForm());
    let allowed = true;
    act(() => {
      allowed = result.current.allow({ kind: 'object-access', sobject: 'Case' });
    });
    expect(allowed).toBe(false);
    expect(result.current.blocked).toEqual({ kind: 'object-access', sobject: 'Case' });
    act(() => {
      allowed = result.current.allow(null);
    });
    expect(allowed).toBe(true);
    expect(result.current.blocked).toBeNull();
  });
});
