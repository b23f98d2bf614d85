/**
 * People this app just created. Salesforce's search index is asynchronous: a Lead created a second ago is
 * not found by SOSL for seconds to minutes. Every instance (info frame, daemon) reads this list from the
 * shared frame storage and fetches these records by Id (SOQL sees them at once), in parallel with the
 * search, so a just-created lead is found again at once — in the same conversation and in Live Search.
 */
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

const KEY = 'sfx.recent-records';
const TTL_MS = 30 * 60_000;
const MAX = 50;

export class RecentRecords {
  constructor(
    private readonly storage: Storage,
    private readonly now: () => number = () => Date.now(),
  ) {}

  list(): RecentRecord[] {
    try {
      const parsed = JSON.parse(this.storage.getItem(KEY) ?? '[]') as unknown;
      if (!Array.isArray(parsed)) return [];
      const cutoff = this.now() - TTL_MS;
      return parsed.filter(
        (r: unknown): r is RecentRecord =>
          typeof r === 'object' &&
          r !== null &&
          typeof (r as RecentRecord).id === 'string' &&
          typeof (r as RecentRecord).at === 'number' &&
          (r as RecentRecord).at > cutoff &&
          Array.isArray((r as RecentRecord).phones) &&
          Array.isArray((r as RecentRecord).emails),
      );
    } catch {
      return [];
    }
  }

  add(record: Omit<RecentRecord, 'at'>): void {
    const next = [{ ...record, at: this.now() }, ...this.list().filter((r) => r.id !== record.id)].slice(0, MAX);
    try {
      this.storage.setItem(KEY, JSON.stringify(next));
    } catch {
      // Without storage the record is found once the search index catches up.
    }
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
