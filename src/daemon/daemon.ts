/**
 * The hidden daemon instance: answers x-bees Live Search (auto-suggest) and lookup-and-match from
 * Salesforce. Nothing is answered while signed out (x-bees is told isNotAuthorized instead, as the
 * official template does). Lookups are cached (matches 10 min, misses 1 min) and coalesced: one request
 * in flight, later queries join one queued batch of at most 20 numbers per SOSL.
 */
import type { SessionManager } from '@/salesforce/auth/session-manager';
import type { PeopleSearchDeps } from '@/salesforce/api/people-search';
import { loadLookupEngine } from '@/salesforce/lookup-engine-loader';
import type { RankedPerson } from '@/salesforce/people';
import { NO_ANSWER, type XBeesBridge } from '@/xbees/bridge';
import type { Contact, ContactQuery } from '@/xbees/protocol';
import { toXBeesContact } from './contacts';
import { createBatcher } from './lookup-batcher';
import { TtlCache } from './ttl-cache';

export const MATCH_TTL_MS = 10 * 60_000;
export const MISS_TTL_MS = 60_000;
const BATCH_SIZE = 20;
const SUGGEST_LIMIT = 10;

export interface DaemonDeps extends PeopleSearchDeps {
  session: SessionManager;
  region: string | undefined;
}

/** A lookup query reduced to what identifies it: the E.164 number, else the lower-case e-mail. */
type Key = string;

export function registerDaemonHandlers(bridge: XBeesBridge, deps: DaemonDeps) {
  const signedIn = () => deps.session.store.getState().status === 'signed-in';
  const cache = new TtlCache<Contact | null>((contact) => (contact ? MATCH_TTL_MS : MISS_TTL_MS));

  // Caches belong to the signed-in user: forget them when the session changes.
  let sessionKey = deps.session.store.getState().session?.userId ?? null;
  deps.session.store.subscribe((state) => {
    const next = state.session?.userId ?? null;
    if (next !== sessionKey) {
      sessionKey = next;
      cache.clear();
    }
  });

  const keyOf = async (query: ContactQuery): Promise<Key | null> => {
    if (query.phone) {
      const engine = await loadLookupEngine();
      const phone = engine.normalizePhone(query.phone, deps.region);
      if (phone) return `phone:${phone.e164}`;
    }
    const email = query.email?.trim().toLowerCase();
    return email && /^[^\s@]+@[^\s@]+$/.test(email) ? `email:${email}` : null;
  };

  const best = (matches: RankedPerson[] | undefined): RankedPerson | null => matches?.[0] ?? null;

  const batcher = createBatcher<Key, Contact | null>({
    keyOf: (key) => key,
    fallback: null,
    maxBatch: BATCH_SIZE,
    run: async (keys) => {
      const engine = await loadLookupEngine();
      const results = new Map<Key, Contact | null>();
      const phones = keys
        .filter((k) => k.startsWith('phone:'))
        .flatMap((k) => {
          const phone = engine.normalizePhone(k.slice('phone:'.length), deps.region);
          return phone ? [phone] : [];
        });
      if (phones.length > 0) {
        const found = await engine.lookupPhones(deps, phones);
        for (const phone of phones) {
          const match = best(found.get(phone.e164));
          results.set(
            `phone:${phone.e164}`,
            match ? toXBeesContact(match.person, engine, deps.region, match.matchedField) : null,
          );
        }
      }
      const emails = keys.filter((k) => k.startsWith('email:')).map((k) => k.slice('email:'.length));
      if (emails.length > 0) {
        // All the batch's addresses in one SOSL, like its numbers.
        const found = await engine.lookupEmails(deps, emails);
        for (const email of emails) {
          const match = best(found.get(email));
          results.set(`email:${email}`, match ? toXBeesContact(match.person, engine, deps.region) : null);
        }
      }
      for (const [key, contact] of results) cache.set(key, contact);
      return results;
    },
  });

  const lookup = async (query: ContactQuery): Promise<Contact | null> => {
    const key = await keyOf(query);
    if (!key) return null;
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    return batcher.lookup(key);
  };

  const unsubscribe = [
    bridge.onSuggestContacts(async (text) => {
      if (!signedIn()) {
        bridge.isNotAuthorized();
        return NO_ANSWER;
      }
      if (text.trim().length < 2) return [];
      const engine = await loadLookupEngine();
      const people = await engine.searchPeople(deps, text, deps.region, SUGGEST_LIMIT);
      return people.map((person) => toXBeesContact(person, engine, deps.region));
    }),
    bridge.onLookupAndMatchContact(async (query) => {
      if (!signedIn()) {
        bridge.isNotAuthorized();
        return NO_ANSWER;
      }
      return lookup(query);
    }),
    bridge.onLookupAndMatchBatchContacts(async (queries) => {
      if (!signedIn()) {
        bridge.isNotAuthorized();
        return NO_ANSWER;
      }
      // Keys first, then every lookup in the same turn: the batcher sends them as one SOSL per 20 numbers.
      const keys = await Promise.all(queries.map((query) => keyOf(query)));
      const contacts = await Promise.all(
        keys.map((key) => {
          if (!key) return Promise.resolve(null);
          const cached = cache.get(key);
          return cached !== undefined ? Promise.resolve(cached) : batcher.lookup(key);
        }),
      );
      return queries.map((query, index) => ({ query, contact: contacts[index] ?? null }));
    }),
  ];

  return {
    /** Requests the batcher sent (for tests and the benchmark). */
    get lookupRequests() {
      return batcher.requests;
    },
    stop() {
      for (const off of unsubscribe) off();
    },
  };
}
