/**
 * People this app just created. Salesforce's search index is asynchronous: a Lead created a second ago is
 * not found by SOSL for seconds to minutes. Every instance (info frame, daemon) reads this list from the
 * shared frame storage and fetches these records by Id (SOQL sees them at once), in parallel with the
 * search, so a just-created lead is found again at once — in the same conversation and in Live Search.
 */
import { arrayOf, isFiniteNumber, isString, oneOf, shape, type Guard } from '@/lib/guards';
import { readJson, storageKey, writeJson } from '@/lib/storage';
import type { Person } from './people';

export interface RecentRecord {
  id: string;
  sobject: Person['sobject'];
  /** E.164 numbers and lower-case e-mails of the record, to know which lookups it answers. */
  phones: string[];
  emails: string[];
  names: string[];
  at: number;
}

const KEY = storageKey('recentRecords');
const isRecentRecord: Guard<RecentRecord> = shape({
  id: isString,
  sobject: oneOf(['Lead', 'Contact', 'Account']),
  phones: arrayOf(isString),
  emails: arrayOf(isString),
  names: arrayOf(isString),
  at: isFiniteNumber,
});
const TTL_MS = 30 * 60_000;
const MAX = 50;

export class RecentRecords {
  constructor(
    private readonly storage: Storage,
    private readonly now: () => number = () => Date.now(),
  ) {}

  list(): RecentRecord[] {
    const stored = readJson(this.storage, KEY);
    if (!Array.isArray(stored)) return [];
    const cutoff = this.now() - TTL_MS;
    return (stored as unknown[]).filter((r): r is RecentRecord => isRecentRecord(r) && r.at > cutoff);
  }

  add(record: Omit<RecentRecord, 'at'>): void {
    const next = [{ ...record, at: this.now() }, ...this.list().filter((r) => r.id !== record.id)].slice(0, MAX);
    // Without storage the record is found once the search index catches up.
    writeJson(this.storage, KEY, next);
  }

  forPhone(e164: string): RecentRecord[] {
    return this.list().filter((r) => r.phones.includes(e164));
  }

  forEmail(email: string): RecentRecord[] {
    const wanted = email.trim().toLowerCase();
    return this.list().filter((r) => r.emails.includes(wanted));
  }

  forText(text: string): RecentRecord[] {
    const wanted = text.trim().toLowerCase();
    if (wanted.length < 2) return [];
    return this.list().filter(
      (r) => r.names.some((name) => name.toLowerCase().includes(wanted)) || r.emails.some((e) => e.includes(wanted)),
    );
  }
}
