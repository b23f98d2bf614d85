import { describe, expect, it, vi } from 'vitest';
import { onDemand } from './on-demand';

describe('onDemand', () => {
  it('loads once for every caller, and is there synchronously once loaded', async () => {
    const module = { name: 'engine' };
    const load = vi.fn(() => Promise.resolve(module));
    const code = onDemand(load);
    expect(load).not.toHaveBeenCalled();
    expect(code.loaded()).toBeNull();
    const first = code.load();
    const second = code.load();
    expect(first).toBe(second);
    expect(await first).toBe(module);
    expect(code.loaded()).toBe(module);
    await code.load();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('stays failed after a failed load, as a failed import does', async () => {
    const load = vi.fn(() => Promise.reject(new Error('chunk failed')));
    const code = onDemand(load);
    await expect(code.load()).rejects.toThrow('chunk failed');
    await expect(code.load()).rejects.toThrow('chunk failed');
    expect(code.loaded()).toBeNull();
    expect(load).toHaveBeenCalledTimes(1);
  });
});
