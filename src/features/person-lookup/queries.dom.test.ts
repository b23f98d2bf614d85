import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { setupSalesforceHarness } from '../../../mocks/testing/salesforce-harness';
import { lookupQuery, type LookupTarget } from './queries';

const h = setupSalesforceHarness();

/** A panel's lookup: a fresh query cache (x-bees recreates the frame) over the frame's storage. */
const options = (target: LookupTarget) => lookupQuery(h.deps, localStorage, 'org:user', target, 'US');
const ada: LookupTarget = { kind: 'phone', raw: '+14155550142', email: null };

/** What a new panel shows before any request. */
const firstData = (target: LookupTarget) =>
  new QueryObserver(new QueryClient(), options(target)).getCurrentResult().data;

function stored(): { key: string; value: { at: number; answer: Record<string, unknown> } } {
  const key = Object.keys(localStorage).find((k) => k.startsWith('sfx.lookup:')) ?? '';
  return { key, value: JSON.parse(localStorage.getItem(key) ?? '') as { at: number; answer: Record<string, unknown> } };
}

describe('the screen pop’s answer across panels', () => {
  it('a re-opened panel starts with the kept answer, kept under the query key', async () => {
    const answer = await new QueryClient().query(options(ada));
    expect(answer).toMatchObject({ status: 'ok', matches: [{ person: { name: 'Ada Lovelace' } }] });
    expect(stored().key).toBe('sfx.lookup:org:user|byPhone:US|+14155550142');
    expect(firstData(ada)).toEqual(answer);
  });

  it('keeps an unusable number’s answer too', async () => {
    const target: LookupTarget = { kind: 'phone', raw: '12345', email: null };
    expect(await new QueryClient().query(options(target))).toEqual({ status: 'unusable' });
    expect(firstData(target)).toEqual({ status: 'unusable' });
  });

  it('drops a kept answer of another shape instead of casting it', async () => {
    await new QueryClient().query(options(ada));
    const { key, value } = stored();
    const matches = value.answer.matches as { person: Record<string, unknown> }[];
    for (const answer of [
      { ...value.answer, status: 'maybe' },
      { ...value.answer, matches: 'Ada' },
      {
        ...value.answer,
        matches: matches.map((match) => ({ ...match, person: { ...match.person, phones: undefined } })),
      },
    ]) {
      localStorage.setItem(key, JSON.stringify({ at: value.at, answer }));
      expect(firstData(ada)).toBeUndefined();
    }
  });
});
