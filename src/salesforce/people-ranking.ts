/**
 * Ranking matches by comparing normalized numbers on our side, so SOSL's loose matching never picks the
 * wrong person. Part of the lazily loaded lookup engine (it needs the phone library).
 */
import { comparePhones, type NormalizedPhone, type PhoneMatch } from '@/lib/phone';
import type { Person, PersonType, RankedPerson } from './people';

const TYPE_RANK: Record<PersonType, number> = { Contact: 0, PersonAccount: 0, Lead: 1, Account: 2 };
const MATCH_RANK: Record<PhoneMatch, number> = { exact: 0, extension: 1, none: 2 };

function byPolicy(a: RankedPerson, b: RankedPerson): number {
  return (
    TYPE_RANK[a.person.type] - TYPE_RANK[b.person.type] ||
    MATCH_RANK[a.match] - MATCH_RANK[b.match] ||
    (b.person.lastModifiedDate ?? '').localeCompare(a.person.lastModifiedDate ?? '')
  );
}

/**
 * The people whose stored numbers really are this number, best first: Contact (and Person Account) >
 * Lead > Account, then an exact number before a desk extension, then the most recently modified.
 */
export function rankPhoneMatches(people: readonly Person[], phone: NormalizedPhone): RankedPerson[] {
  const seen = new Set<string>();
  const ranked: RankedPerson[] = [];
  for (const person of people) {
    if (seen.has(person.id)) continue;
    let best: { match: Exclude<PhoneMatch, 'none'>; field: string } | null = null;
    for (const { field, value } of person.phones) {
      const match = comparePhones(value, phone);
      if (match === 'exact' && best?.match !== 'exact') best = { match, field };
      else if (match === 'extension' && !best) best = { match, field };
    }
    if (!best) continue;
    seen.add(person.id);
    ranked.push({ person, match: best.match, matchedField: best.field });
  }
  return ranked.sort(byPolicy);
}

/** The people whose e-mail is this address (case-insensitive), best first by the same policy. */
export function rankEmailMatches(people: readonly Person[], email: string): RankedPerson[] {
  const wanted = email.trim().toLowerCase();
  const seen = new Set<string>();
  return people
    .filter((person) => {
      if (seen.has(person.id) || person.email?.trim().toLowerCase() !== wanted) return false;
      seen.add(person.id);
      return true;
    })
    .map((person): RankedPerson => ({ person, match: 'exact', matchedField: null }))
    .sort(byPolicy);
}

/** Search results for Live Search: every readable person, same policy, no number filtering. */
export function rankByPolicy(people: readonly Person[]): Person[] {
  const seen = new Set<string>();
  return people
    .filter((person) => (seen.has(person.id) ? false : (seen.add(person.id), true)))
    .map((person): RankedPerson => ({ person, match: 'exact', matchedField: null }))
    .sort(byPolicy)
    .map((ranked) => ranked.person);
}
