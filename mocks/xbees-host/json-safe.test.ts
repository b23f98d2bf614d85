import { describe, expect, it } from 'vitest';
import { preview, toJsonSafe } from './json-safe';

describe('toJsonSafe', () => {
  it('turns structured-clone values into plain JSON', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(
      toJsonSafe({
        map: new Map([[{ phone: '+1' }, null]]),
        set: new Set(['x']),
        date: new Date(0),
        nan: Number.NaN,
        big: 10n,
        skipped: undefined,
        cyclic,
      }),
    ).toEqual({
      map: { '[Map]': [[{ phone: '+1' }, null]] },
      set: { '[Set]': ['x'] },
      date: '1970-01-01T00:00:00.000Z',
      nan: 'NaN',
      big: '10n',
      cyclic: { a: 1, self: '[Circular]' },
    });
  });

  it('previews on one bounded line', () => {
    expect(preview({ text: 'x'.repeat(500) }, 40)).toHaveLength(40);
    expect(preview(undefined)).toBe('');
    expect(preview('ok')).toBe('"ok"');
  });
});
