import type { Person } from '@/salesforce/people';

/** A Contact as the screen pop hands it to a screen: name split in two, at its account, nothing else known. */
export function contactPerson(id: string, accountId: string, name: string, company: string): Person {
  const [firstName = null, lastName = null] = name.split(' ');
  return {
    id,
    sobject: 'Contact',
    type: 'Contact',
    name,
    firstName,
    lastName,
    title: null,
    company,
    accountId,
    email: null,
    phones: [],
    ownerId: null,
    ownerName: null,
    lastActivityDate: null,
    lastModifiedDate: null,
    personContactId: null,
  };
}
