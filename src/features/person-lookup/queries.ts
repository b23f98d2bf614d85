import { queryOptions, skipToken } from '@tanstack/react-query';
import { peopleKeys } from '@/lib/query-keys';
import type { PeopleSearchDeps } from '@/salesforce/api/people-search';
import { loadLookupEngine } from '@/salesforce/lookup-engine-loader';
import { arrayOf, isString, nullable, oneOf, shape, union } from '@/lib/guards';
import { persistedEntry, type PersistedEntry, type PersistedQuery } from '@/lib/persisted-query';
import { isRankedPerson, type RankedPerson } from '@/salesforce/people';
import type { ContextContact } from '@/xbees/protocol';

/** What the conversation gives us to look up: a phone number, else an e-mail address (raw, as x-bees sent it). */
export type LookupTarget =
  | { kind: 'phone'; raw: string; email: string | null }
  | { kind: 'email'; email: string }
  | { kind: 'none'; raw: string | null };

const EMAIL = /^[^\s@]+@[^\s@]+$/;

export function lookupTarget(contact: ContextContact): LookupTarget {
  const email = contact.email?.trim().toLowerCase();
  const usableEmail = email && EMAIL.test(email) ? email : null;
  if (contact.phone && contact.phone.replace(/\D/g, '').length >= 5)
    return { kind: 'phone', raw: contact.phone.trim(), email: usableEmail };
  if (usableEmail) return { kind: 'email', email: usableEmail };
  return { kind: 'none', raw: contact.phone ?? contact.email ?? null };
}

/** The answer of a lookup: the matches, or `unusable` when the number can't be read and there is no e-mail. */
export type LookupAnswer = { status: 'ok'; matches: RankedPerson[]; e164: string | null } | { status: 'unusable' };

/** The key of a lookup: answers depend on who asks (the scope) and, for a number, on the default region. */
export function lookupKey(scope: string, target: Exclude<LookupTarget, { kind: 'none' }>, region: string | undefined) {
  return target.kind === 'phone'
    ? peopleKeys.lookup(scope, `byPhone:${region ?? ''}`, target.raw)
    : peopleKeys.lookup(scope, 'byEmail', target.email);
}

/** A looked-up person is fresh for 5 minutes: reopening the same person costs no request. */
export const LOOKUP_FRESH_MS = 5 * 60_000;

/** The last answer of a lookup, kept in the frame storage so a re-opened panel starts complete. */
const PERSISTED_LOOKUP: PersistedQuery<LookupAnswer> = {
  family: 'lookup',
  field: 'answer',
  maxAgeMs: LOOKUP_FRESH_MS,
  guard: union(
    shape({ status: oneOf(['ok']), matches: arrayOf(isRankedPerson), e164: nullable(isString) }),
    shape({ status: oneOf(['unusable']) }),
  ),
};

/** The kept answer of the lookup with this query key. */
export function persistedLookup(storage: Storage, key: readonly string[]): PersistedEntry<LookupAnswer> {
  return persistedEntry(storage, PERSISTED_LOOKUP, key.slice(1).join('|'));
}

async function runLookup(
  deps: PeopleSearchDeps,
  target: Exclude<LookupTarget, { kind: 'none' }>,
  region: string | undefined,
  signal: AbortSignal,
): Promise<LookupAnswer> {
  const engine = await loadLookupEngine();
  if (target.kind === 'phone') {
    const phone = engine.normalizePhone(target.raw, region);
    if (phone) {
      const matches = await engine.lookupByPhone(deps, phone, signal);
      // A number nobody has, but x-bees also knows the e-mail: try that before offering a new Lead.
      if (matches.length === 0 && target.email)
        return { status: 'ok', matches: await engine.lookupByEmail(deps, target.email, signal), e164: phone.e164 };
      return { status: 'ok', matches, e164: phone.e164 };
    }
    if (!target.email) return { status: 'unusable' };
    return { status: 'ok', matches: await engine.lookupByEmail(deps, target.email, signal), e164: null };
  }
  return { status: 'ok', matches: await engine.lookupByEmail(deps, target.email, signal), e164: null };
}

export function lookupQuery(
  deps: PeopleSearchDeps,
  storage: Storage,
  scope: string | null,
  target: LookupTarget | null,
  region: string | undefined,
) {
  const searchable = scope && target && target.kind !== 'none' ? target : null;
  const queryKey = searchable && scope ? lookupKey(scope, searchable, region) : peopleKeys.idle;
  return queryOptions({
    queryKey,
    queryFn: searchable
      ? async ({ signal, queryKey: key }) => {
          const answer = await runLookup(deps, searchable, region, signal);
          persistedLookup(storage, key).write(answer);
          return answer;
        }
      : skipToken,
    staleTime: LOOKUP_FRESH_MS,
    gcTime: 2 * LOOKUP_FRESH_MS,
    initialData: () => (searchable ? persistedLookup(storage, queryKey).initialData() : undefined),
    initialDataUpdatedAt: () => (searchable ? persistedLookup(storage, queryKey).initialDataUpdatedAt() : undefined),
  });
}
