/**
 * People in Salesforce: Leads (not converted), Contacts, Accounts and Person Accounts, as the card, the
 * picker and x-bees' Live Search need them. Records come from SOSL; this module turns them into `Person`
 * values. Ranking (which needs the phone library) is in people-ranking.ts.
 */
import { arrayOf, isString, nullable, oneOf, shape, type Guard } from '@/lib/guards';

export type PersonType = 'Lead' | 'Contact' | 'Account' | 'PersonAccount';

/** How a number matched: the same number, or the same main number with an extension on one side. */
export type MatchKind = 'exact' | 'extension';

export interface RankedPerson {
  person: Person;
  /** How the number matched (for e-mail matches: 'exact'). */
  match: MatchKind;
  /** The phone field that matched, for display ("matched on Mobile"). */
  matchedField: string | null;
}

export interface PersonPhone {
  /** The Salesforce field (Phone, MobilePhone, PersonMobilePhone…). */
  field: string;
  value: string;
}

export interface Person {
  id: string;
  /** The sObject to open: PersonAccount records are Accounts. */
  sobject: 'Lead' | 'Contact' | 'Account';
  type: PersonType;
  name: string;
  firstName: string | null;
  lastName: string | null;
  title: string | null;
  /** Lead.Company, the Contact's Account name, or null. */
  company: string | null;
  accountId: string | null;
  email: string | null;
  phones: PersonPhone[];
  ownerId: string | null;
  ownerName: string | null;
  lastActivityDate: string | null;
  lastModifiedDate: string | null;
  /** The Person Account's contact (activities are logged on it). */
  personContactId: string | null;
}

/** The fields each object contributes, before the describe removes the ones the user can't read. */
export const PERSON_FIELDS = {
  Lead: [
    'Id',
    'Name',
    'FirstName',
    'LastName',
    'Title',
    'Company',
    'Email',
    'Phone',
    'MobilePhone',
    'OwnerId',
    'Owner.Name',
    'LastActivityDate',
    'LastModifiedDate',
  ],
  Contact: [
    'Id',
    'Name',
    'FirstName',
    'LastName',
    'Title',
    'Email',
    'Phone',
    'MobilePhone',
    'HomePhone',
    'OtherPhone',
    'AccountId',
    'Account.Name',
    'OwnerId',
    'Owner.Name',
    'LastActivityDate',
    'LastModifiedDate',
  ],
  Account: [
    'Id',
    'Name',
    'Phone',
    'IsPersonAccount',
    'FirstName',
    'LastName',
    'PersonTitle',
    'PersonEmail',
    'PersonMobilePhone',
    'PersonHomePhone',
    'PersonContactId',
    'OwnerId',
    'Owner.Name',
    'LastActivityDate',
    'LastModifiedDate',
  ],
} as const;

export const PHONE_FIELDS: Record<'Lead' | 'Contact' | 'Account', readonly string[]> = {
  Lead: ['Phone', 'MobilePhone'],
  Contact: ['Phone', 'MobilePhone', 'HomePhone', 'OtherPhone'],
  Account: ['Phone', 'PersonMobilePhone', 'PersonHomePhone'],
};

export const EMAIL_FIELDS: Record<'Lead' | 'Contact' | 'Account', string> = {
  Lead: 'Email',
  Contact: 'Email',
  Account: 'PersonEmail',
};

type Row = Record<string, unknown>;

const text = (row: Row, field: string): string | null => {
  const value = row[field];
  return typeof value === 'string' && value.trim() !== '' ? value : null;
};

const related = (row: Row, relationship: string, field: string): string | null => {
  const parent = row[relationship];
  return typeof parent === 'object' && parent !== null ? text(parent as Row, field) : null;
};

/** A SOSL/SOQL record as a Person, or null when it is not one (unknown type, missing Id). */
export function personFromRecord(row: unknown): Person | null {
  if (typeof row !== 'object' || row === null) return null;
  const r = row as Row;
  const attributes = r.attributes;
  const type = typeof attributes === 'object' && attributes !== null ? (attributes as Row).type : null;
  const id = text(r, 'Id');
  if (!id || (type !== 'Lead' && type !== 'Contact' && type !== 'Account')) return null;
  const personAccount = type === 'Account' && r.IsPersonAccount === true;
  const phones = PHONE_FIELDS[type].flatMap((field) => {
    const value = text(r, field);
    return value ? [{ field, value }] : [];
  });
  const firstName = text(r, 'FirstName');
  const lastName = text(r, 'LastName');
  return {
    id,
    sobject: type,
    type: personAccount ? 'PersonAccount' : type,
    name: text(r, 'Name') ?? ([firstName, lastName].filter(Boolean).join(' ') || id),
    firstName,
    lastName,
    title: text(r, type === 'Account' ? 'PersonTitle' : 'Title'),
    company: type === 'Lead' ? text(r, 'Company') : type === 'Contact' ? related(r, 'Account', 'Name') : null,
    accountId: type === 'Contact' ? text(r, 'AccountId') : type === 'Account' ? id : null,
    email: text(r, EMAIL_FIELDS[type]),
    phones,
    ownerId: text(r, 'OwnerId'),
    ownerName: related(r, 'Owner', 'Name'),
    lastActivityDate: text(r, 'LastActivityDate'),
    lastModifiedDate: text(r, 'LastModifiedDate'),
    personContactId: personAccount ? text(r, 'PersonContactId') : null,
  };
}

/** The Lightning record page on the org's domain. */
export function recordUrl(instanceUrl: string, person: Pick<Person, 'sobject' | 'id'>): string {
  return `${instanceUrl}/lightning/r/${person.sobject}/${person.id}/view`;
}

/** A person as this module made it, read back from the frame storage (the screen pop's kept answer). */
export const isPerson: Guard<Person> = shape({
  id: isString,
  sobject: oneOf(['Lead', 'Contact', 'Account']),
  type: oneOf(['Lead', 'Contact', 'Account', 'PersonAccount']),
  name: isString,
  firstName: nullable(isString),
  lastName: nullable(isString),
  title: nullable(isString),
  company: nullable(isString),
  accountId: nullable(isString),
  email: nullable(isString),
  phones: arrayOf(shape({ field: isString, value: isString })),
  ownerId: nullable(isString),
  ownerName: nullable(isString),
  lastActivityDate: nullable(isString),
  lastModifiedDate: nullable(isString),
  personContactId: nullable(isString),
});

export const isRankedPerson: Guard<RankedPerson> = shape({
  person: isPerson,
  match: oneOf(['exact', 'extension']),
  matchedField: nullable(isString),
});
