import { renderHook } from '@testing-library/react';
import { createElement, type ReactNode } from 'react';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { XBeesBridgeProvider, useXBeesBridge } from './xbees-bridge-context';
import { createTestBridge } from '../../mocks/testing/test-bridge';

const test = createTestBridge();
afterEach(() => {
  vi.restoreAllMocks();
});
afterAll(() => {
  test.bridge.destroy();
});

describe('useXBeesBridge', () => {
  it('returns the bridge given to the provider', () => {
    const wrapper = ({ children }: { children: ReactNode }) =>
      createElement(XBeesBridgeProvider, { value: test.bridge }, children);
    const { result } = renderHook(() => useXBeesBridge(), { wrapper });
    expect(result.current).toBe(test.bridge);
  });

  it('fails loudly without a provider', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() => renderHook(() => useXBeesBridge())).toThrow(/XBeesBridgeProvider/);
  });
});
