import { describe, expect, it } from 'vitest';
import {
  arrayOf,
  isBoolean,
  isFiniteNumber,
  isRecord,
  isString,
  nullable,
  oneOf,
  optional,
  shape,
  union,
  type Guard,
} from './guards';

interface Row {
  id: string;
  amount: number | null;
  state: 'open' | 'closed';
  tags: string[];
  note?: string;
}

const isRow: Guard<Row> = shape({
  id: isString,
  amount: nullable(isFiniteNumber),
  state: oneOf(['open', 'closed']),
  tags: arrayOf(isString),
  note: optional(isString),
});

describe('guards', () => {
  it('tells plain objects from null, arrays and primitives', () => {
    expect(isRecord({})).toBe(true);
    expect(isRecord({ a: 1 })).toBe(true);
    for (const value of [null, undefined, [], 'x', 1, true]) expect(isRecord(value)).toBe(false);
  });

  it('checks primitives as JSON carries them', () => {
    expect(isString('')).toBe(true);
    expect(isString(1)).toBe(false);
    expect(isFiniteNumber(0)).toBe(true);
    expect(isFiniteNumber(Number.NaN)).toBe(false);
    expect(isFiniteNumber(Number.POSITIVE_INFINITY)).toBe(false);
    expect(isFiniteNumber('1')).toBe(false);
    expect(isBoolean(false)).toBe(true);
    expect(isBoolean('false')).toBe(false);
  });

  it('accepts a shape whose fields pass, with extra fields and without optional ones', () => {
    expect(isRow({ id: 'a', amount: null, state: 'open', tags: [] })).toBe(true);
    expect(isRow({ id: 'a', amount: 3, state: 'closed', tags: ['x'], note: 'n', extra: 1 })).toBe(true);
  });

  it('accepts a value of either side of a union', () => {
    const isAnswer = union(shape({ status: oneOf(['ok']), count: isFiniteNumber }), shape({ status: oneOf(['none']) }));
    expect(isAnswer({ status: 'ok', count: 1 })).toBe(true);
    expect(isAnswer({ status: 'none' })).toBe(true);
    expect(isAnswer({ status: 'ok' })).toBe(false);
    expect(isAnswer(null)).toBe(false);
  });

  it('refuses a shape with a missing, mistyped or unknown-enum field', () => {
    expect(isRow({ amount: null, state: 'open', tags: [] })).toBe(false);
    expect(isRow({ id: 'a', amount: '3', state: 'open', tags: [] })).toBe(false);
    expect(isRow({ id: 'a', amount: null, state: 'won', tags: [] })).toBe(false);
    expect(isRow({ id: 'a', amount: null, state: 'open', tags: [1] })).toBe(false);
    expect(isRow({ id: 'a', amount: null, state: 'open', tags: [], note: 2 })).toBe(false);
    expect(isRow([{ id: 'a' }])).toBe(false);
  });
});
