/**
 * Finding people: one SOSL per lookup carrying every field the card needs (one round trip), built from
 * the fields the user's profile can read (describe), plus — in parallel — a SOQL by Id for records this
 * app created too recently for the search index. Matches are ranked on our side.
 */
import { normalizePhone, phoneSearchTerms, type NormalizedPhone } from '@/lib/phone';
import type { SalesforceClient } from '../client';
import { readableFields, type DescribeCache, type ObjectInfo } from '../describe';
import { PERSON_FIELDS, personFromRecord, type Person, type RankedPerson } from '../people';
import { rankByPolicy, rankEmailMatches, rankPhoneMatches } from '../people-ranking';
import type { RecentRecords } from '../recent-records';
import { fields as fieldList, id, ident, soql } from '../soql';
import {
  buildSosl,
  soslAnyOf,
  soslPhoneTerms,
  soslPrefix,
  soslTerm,
  type SoslGroup,
  type SoslReturning,
  type SoslSearch,
} from '../sosl';

export interface PeopleSearchDeps {
  client: SalesforceClient;
  describes: DescribeCache;
  recent: RecentRecords;
}

const OBJECTS = ['Contact', 'Account', 'Lead'] as const;
type PersonObject = (typeof OBJECTS)[number];

/** Describes from cache when warm; fetched (in parallel) only when cold. */
async function describesFor(deps: PeopleSearchDeps): Promise<Record<PersonObject, ObjectInfo | null>> {
  const infos = await Promise.all(
    OBJECTS.map(async (name) => {
      const cached = deps.describes.peek(name);
      if (cached) return cached;
      try {
        return await deps.describes.get(name);
      } catch {
        // Without a describe we still search, with the standard fields the guide asks admins to grant.
        return null;
      }
    }),
  );
  return { Contact: infos[0] ?? null, Account: infos[1] ?? null, Lead: infos[2] ?? null };
}

/** RETURNING specs for the objects and fields this user can read. */
function returning(infos: Record<PersonObject, ObjectInfo | null>, limit: number): SoslReturning[] {
  return OBJECTS.flatMap((name): SoslReturning[] => {
    const info = infos[name];
    if (info && (!info.accessible || !info.queryable)) return [];
    const wanted = PERSON_FIELDS[name].filter((field) => {
      // Person Account fields only when the org has them (never send fields the org lacks).
      if (
        name === 'Account' &&
        field !== 'Id' &&
        field !== 'Name' &&
        field !== 'Phone' &&
        !field.startsWith('Owner') &&
        !field.startsWith('Last')
      ) {
        return info?.fields.has(field) === true;
      }
      return true;
    });
    const readable = readableFields(info, wanted);
    if (!readable.includes('Id')) return [];
    const spec: SoslReturning = { object: name, fields: readable, limit };
    if (name === 'Lead' && (info === null || info.fields.has('IsConverted'))) spec.where = soql`IsConverted = ${false}`;
    if (name === 'Contact' && info?.fields.has('IsPersonAccount')) spec.where = soql`IsPersonAccount = ${false}`;
    return [spec];
  });
}

function parseSearch(json: unknown): Person[] {
  const records =
    typeof json === 'object' && json !== null ? (json as { searchRecords?: unknown }).searchRecords : undefined;
  // Old API versions answered a bare array.
  const list = Array.isArray(records) ? records : Array.isArray(json) ? json : null;
  if (!list) throw new Error('search answer has no searchRecords');
  return list.flatMap((row: unknown) => {
    const person = personFromRecord(row);
    return person ? [person] : [];
  });
}

function parseQueryRecords(json: unknown): Person[] {
  const records = typeof json === 'object' && json !== null ? (json as { records?: unknown }).records : undefined;
  if (!Array.isArray(records)) throw new Error('query answer has no records');
  return records.flatMap((row: unknown) => {
    const person = personFromRecord(row);
    return person ? [person] : [];
  });
}

async function runSearch(
  deps: PeopleSearchDeps,
  find: SoslSearch,
  group: SoslGroup,
  perObject: number,
  signal?: AbortSignal,
): Promise<Person[]> {
  const infos = await describesFor(deps);
  const specs = returning(infos, perObject);
  if (specs.length === 0) return [];
  const sosl = buildSosl({ find, in: group, returning: specs, limit: Math.min(2000, perObject * specs.length) });
  return deps.client.request(`/search?q=${encodeURIComponent(sosl)}`, signal ? { signal } : {}, parseSearch);
}

/** Records by Id (SOQL, immediate: no index lag), grouped per object. */
export async function peopleByIds(
  deps: PeopleSearchDeps,
  refs: readonly { id: string; sobject: Person['sobject'] }[],
  signal?: AbortSignal,
): Promise<Person[]> {
  if (refs.length === 0) return [];
  const infos = await describesFor(deps);
  const groups = new Map<Person['sobject'], string[]>();
  for (const ref of refs) groups.set(ref.sobject, [...(groups.get(ref.sobject) ?? []), ref.id]);
  const results = await Promise.all(
    [...groups].map(([sobject, ids]) => {
      const info = infos[sobject];
      const readable = readableFields(
        info,
        PERSON_FIELDS[sobject].filter(
          (f) => sobject !== 'Account' || !f.startsWith('Person') || info?.fields.has(f) === true,
        ),
      );
      if (info && !info.accessible) return Promise.resolve([]);
      const query = soql`SELECT ${fieldList(readable)} FROM ${ident(sobject)} WHERE Id IN ${ids.map((value) => id(value))}`;
      return deps.client.request(`/query?q=${encodeURIComponent(query)}`, signal ? { signal } : {}, parseQueryRecords);
    }),
  );
  return results.flat();
}

/** The people whose numbers are this number, best first (one SOSL, plus recent records in parallel). */
export async function lookupByPhone(
  deps: PeopleSearchDeps,
  phone: NormalizedPhone,
  signal?: AbortSignal,
): Promise<RankedPerson[]> {
  const recent = deps.recent.forPhone(phone.e164);
  const [found, fresh] = await Promise.all([
    runSearch(deps, soslPhoneTerms(phoneSearchTerms(phone)), 'PHONE', 25, signal),
    peopleByIds(deps, recent, signal),
  ]);
  return rankPhoneMatches([...found, ...fresh], phone);
}

/** The people with this e-mail address, best first. */
export async function lookupByEmail(
  deps: PeopleSearchDeps,
  email: string,
  signal?: AbortSignal,
): Promise<RankedPerson[]> {
  const recent = deps.recent.forEmail(email);
  const [found, fresh] = await Promise.all([
    runSearch(deps, soslTerm(email.trim()), 'EMAIL', 25, signal),
    peopleByIds(deps, recent, signal),
  ]);
  return rankEmailMatches([...found, ...fresh], email);
}

/**
 * Several numbers in one SOSL (x-bees batch lookup, at most 20 numbers per request): the answer for each
 * number is its best match, compared on our side.
 */
export async function lookupPhones(
  deps: PeopleSearchDeps,
  phones: readonly NormalizedPhone[],
  signal?: AbortSignal,
): Promise<Map<string, RankedPerson[]>> {
  const result = new Map<string, RankedPerson[]>();
  if (phones.length === 0) return result;
  const terms = phones.flatMap((phone) => phoneSearchTerms(phone));
  const recent = phones.flatMap((phone) => deps.recent.forPhone(phone.e164));
  const [found, fresh] = await Promise.all([
    runSearch(deps, soslPhoneTerms(terms), 'PHONE', 200, signal),
    peopleByIds(deps, recent, signal),
  ]);
  for (const phone of phones) result.set(phone.e164, rankPhoneMatches([...found, ...fresh], phone));
  return result;
}

/** Several e-mail addresses in one SOSL (x-bees batch lookup): each address's matches, best first. */
export async function lookupEmails(
  deps: PeopleSearchDeps,
  emails: readonly string[],
  signal?: AbortSignal,
): Promise<Map<string, RankedPerson[]>> {
  const result = new Map<string, RankedPerson[]>();
  if (emails.length === 0) return result;
  const recent = emails.flatMap((email) => deps.recent.forEmail(email));
  const [found, fresh] = await Promise.all([
    runSearch(deps, soslAnyOf(emails.map((email) => soslTerm(email.trim()))), 'EMAIL', 200, signal),
    peopleByIds(deps, recent, signal),
  ]);
  for (const email of emails) result.set(email, rankEmailMatches([...found, ...fresh], email));
  return result;
}

/** Live Search: people by name, phone or e-mail (at least 2 characters), best first. */
export async function searchPeople(
  deps: PeopleSearchDeps,
  text: string,
  region: string | undefined,
  limit = 10,
  signal?: AbortSignal,
): Promise<Person[]> {
  const query = text.trim();
  if (query.length < 2) return [];
  const digits = query.replace(/\D/g, '');
  const looksLikePhone = /^[\d\s()+.\-/]+$/.test(query) && digits.length >= 5;
  let found: Person[];
  if (looksLikePhone) {
    const phone = normalizePhone(query, region);
    const terms = phone ? phoneSearchTerms(phone) : [digits];
    found = await runSearch(deps, soslPhoneTerms(terms), 'PHONE', limit, signal);
    if (phone)
      return rankPhoneMatches(found, phone)
        .map((r) => r.person)
        .slice(0, limit);
  } else {
    const group: SoslGroup = query.includes('@') ? 'EMAIL' : 'NAME';
    const recent = deps.recent.forText(query);
    const find = group === 'EMAIL' ? soslTerm(query) : soslPrefix(query);
    const [searched, fresh] = await Promise.all([
      runSearch(deps, find, group, limit, signal),
      peopleByIds(deps, recent, signal),
    ]);
    found = [...fresh, ...searched];
  }
  return rankByPolicy(found).slice(0, limit);
}
