/**
 * The lookup engine: phone normalization (libphonenumber-js), SOSL/SOQL building, search and ranking. It
 * is the heaviest code of the daemon and the info frame, so both load it on demand (and prefetch it
 * once signed in) instead of at start.
 */
export { normalizePhone, formatPhone, dialable, phoneSearchTerms, type NormalizedPhone } from '@/lib/phone';
export {
  lookupByEmail,
  lookupByPhone,
  lookupEmails,
  lookupPhones,
  peopleByIds,
  searchPeople,
  type PeopleSearchDeps,
} from './api/people-search';
export { rankByPolicy, rankEmailMatches, rankPhoneMatches } from './people-ranking';
