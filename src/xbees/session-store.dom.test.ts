import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import {
  getUserEmail,
  recordCallEnded,
  recordCallStarted,
  resetXBeesSession,
  setLaunchInfo,
  setThemeMode,
} from './session-store';
import { useCurrentCall, useThemeMode, useXBeesUserEmail, useXBeesVariant } from '@/kit/xbees-session-hooks';

afterEach(() => {
  resetXBeesSession();
});

describe('x-bees session store', () => {
  it('exposes launch info through hooks and the plain getter', () => {
    const { result } = renderHook(() => ({ variant: useXBeesVariant(), email: useXBeesUserEmail() }));
    expect(result.current).toEqual({ variant: null, email: null });
    act(() => {
      setLaunchInfo({ variant: 'info-frame', iframeId: 'f', userEmail: 'ann@acme.com' });
    });
    expect(result.current).toEqual({ variant: 'info-frame', email: 'ann@acme.com' });
    expect(getUserEmail()).toBe('ann@acme.com');
  });

  it('re-renders on theme changes', () => {
    const { result } = renderHook(() => useThemeMode());
    expect(result.current).toBe('light');
    act(() => {
      setThemeMode('dark');
    });
    expect(result.current).toBe('dark');
  });

  it('completes the started call with the ended info, and starts fresh for another call id', () => {
    const { result } = renderHook(() => useCurrentCall());
    act(() => {
      recordCallStarted({ callId: 'c1', phoneNumber: '+1' }, 100);
    });
    expect(result.current).toEqual({
      status: 'active',
      info: { callId: 'c1', phoneNumber: '+1' },
      startedAt: 100,
      endedAt: null,
    });
    act(() => {
      recordCallEnded({ durationSeconds: 30 }, 200);
    });
    expect(result.current).toEqual({
      status: 'ended',
      info: { callId: 'c1', phoneNumber: '+1', durationSeconds: 30 },
      startedAt: 100,
      endedAt: 200,
    });
    act(() => {
      recordCallStarted({ callId: 'c2' }, 300);
      recordCallEnded({ callId: 'c3' }, 400);
    });
    expect(result.current).toEqual({ status: 'ended', info: { callId: 'c3' }, startedAt: null, endedAt: 400 });
  });
});
