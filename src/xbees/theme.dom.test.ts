import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { XBeesBridge } from './bridge';
import { settle } from '../../mocks/testing/fake-parent';
import { useThemeMode } from '@/kit/xbees-session-hooks';
import { resetXBeesSession } from './session-store';
import { createTestBridge } from '../../mocks/testing/test-bridge';
import { applyThemeMode, startThemeSync } from './theme';

const bridges: XBeesBridge[] = [];
const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  for (const bridge of bridges.splice(0)) bridge.destroy();
  resetXBeesSession();
  document.documentElement.removeAttribute('data-theme');
});

function setup(theme: unknown) {
  const test = createTestBridge();
  bridges.push(test.bridge);
  test.parent.replyTo('xBeesTheme', { payload: theme });
  return test;
}

describe('theme', () => {
  it('sets data-theme on the root element', () => {
    applyThemeMode('dark');
    expect(document.documentElement).toHaveAttribute('data-theme', 'dark');
  });

  it('applies getTheme() at start, then every xBeesUseTheme event, to the store and data-theme', async () => {
    const test = setup({ mode: 'dark' });
    const { result } = renderHook(() => useThemeMode());
    stops.push(startThemeSync(test.bridge, { logger: test.logger }));

    await act(() =>
      vi.waitFor(() => {
        expect(document.documentElement).toHaveAttribute('data-theme', 'dark');
      }),
    );
    expect(test.parent.types()).toEqual(['xBeesTheme']);
    expect(result.current).toBe('dark');

    act(() => {
      test.parent.emit('xBeesUseTheme', 'light');
    });
    expect(document.documentElement).toHaveAttribute('data-theme', 'light');
    expect(result.current).toBe('light');

    act(() => {
      test.parent.emit('xBeesUseTheme', { mode: 'dark' }, { origin: 'https://evil.example' });
    });
    expect(result.current).toBe('light');
  });

  it('lets an event that arrives before the getTheme reply win', async () => {
    const test = setup('dark');
    test.parent.replyTo('xBeesTheme', 'no-reply');
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    stops.push(startThemeSync(test.bridge, { logger: test.logger, fetchInitialAfter: gate }));
    test.parent.emit('xBeesUseTheme', 'light');
    test.parent.replyTo('xBeesTheme', { payload: 'dark' });
    release();
    await settle();
    expect(test.parent.types()).toEqual(['xBeesTheme']);
    expect(document.documentElement).toHaveAttribute('data-theme', 'light');
  });

  it('stops following after the returned function is called', () => {
    const test = setup('dark');
    const stop = startThemeSync(test.bridge, { logger: test.logger, fetchInitialAfter: false });
    test.parent.emit('xBeesUseTheme', 'dark');
    stop();
    test.parent.emit('xBeesUseTheme', 'light');
    expect(document.documentElement).toHaveAttribute('data-theme', 'dark');
    expect(test.parent.requests).toEqual([]);
  });
});
