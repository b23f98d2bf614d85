/** Salesforce people as x-bees Contacts (§5.1): id, name, e-mail, numbers and organization. */
import type { LookupEngine } from '@/salesforce/lookup-engine-loader';
import type { Person } from '@/salesforce/people';
import type { Contact } from '@/xbees/protocol';

const MOBILE = new Set(['MobilePhone', 'PersonMobilePhone']);
const OFFICE = new Set(['Phone']);
const HOME = new Set(['HomePhone', 'PersonHomePhone']);

export function toXBeesContact(
  person: Person,
  engine: LookupEngine,
  region: string | undefined,
  matchedField?: string | null,
): Contact {
  const dial = (value: string) => engine.dialable(value, region) ?? value.trim();
  const first = (fields: Set<string>) => person.phones.find((p) => fields.has(p.field))?.value;
  const matched = matchedField ? person.phones.find((p) => p.field === matchedField)?.value : undefined;
  const primary = matched ?? person.phones[0]?.value;
  const mobile = first(MOBILE);
  const office = first(OFFICE);
  const home = first(HOME);
  const organization = person.type === 'Account' ? person.name : person.company;
  return {
    id: person.id,
    name: person.name,
    ...(person.email ? { email: person.email } : {}),
    ...(primary ? { phone: dial(primary) } : {}),
    ...(mobile ? { mobileNumber: dial(mobile) } : {}),
    ...(office ? { officeNumber: dial(office) } : {}),
    ...(home ? { homeNumber: dial(home) } : {}),
    ...(organization ? { organization } : {}),
  };
}
