/**
 * Display forms of Salesforce values in the agent's locale, and the local calendar dates the app writes
 * (README "Layout": src/lib is plain TypeScript, no React). A value that is not of the expected shape is
 * shown as it came, never hidden.
 */

/** `2026-01-15`, optionally followed by a time: the calendar date Salesforce stores. */
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})/;

/** A date-only value (`2026-01-15`) as the calendar date it is, with no time zone shift. */
export function formatDate(locale: string, value: string): string;
export function formatDate(locale: string, value: string | null): string | null;
export function formatDate(locale: string, value: string | null): string | null {
  const match = value ? DATE_ONLY.exec(value) : null;
  if (!match) return value;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])),
  );
}

/**
 * A datetime (`2026-01-15T10:00:00.000+0000`: the offset has no colon, which not every engine parses) in the
 * agent's time zone; a date-only value (`2026-01-15`, as an activity's date can be) as its calendar date.
 */
export function formatDateTime(locale: string, value: string): string;
export function formatDateTime(locale: string, value: string | null): string | null;
export function formatDateTime(locale: string, value: string | null): string | null {
  if (!value) return null;
  if (value.length === 10) return formatDate(locale, value);
  const time = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(time)
    ? value
    : new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(time);
}

/** An amount (an opportunity's), with at most two decimals and the locale's grouping. */
export function formatAmount(locale: string, value: number | null): string | null {
  return value === null ? null : new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
}

/** A percentage Salesforce gives as a number of percent (a stage's probability: `90` → `90 %`). */
export function formatPercent(value: number | null): string | null {
  return value === null ? null : `${String(value)} %`;
}

/** A duration in seconds as whole minutes and the seconds left (`125` → 2 and 5), for a message to word. */
export function durationParts(totalSeconds: number): { minutes: number; seconds: number } {
  return { minutes: Math.floor(totalSeconds / 60), seconds: totalSeconds % 60 };
}

/** A duration in seconds as a clock reading (`125` → `2:05`). */
export function formatDuration(totalSeconds: number): string {
  const { minutes, seconds } = durationParts(totalSeconds);
  return `${String(minutes)}:${String(seconds).padStart(2, '0')}`;
}

/** The local calendar date (`YYYY-MM-DD`) of an instant, as Salesforce's date fields take it. */
export function toLocalDate(date: Date): string {
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${String(date.getFullYear())}-${month}-${day}`;
}

/** Today plus `days` calendar days, as a local calendar date (`YYYY-MM-DD`). */
export function localDate(days = 0, now = new Date()): string {
  return toLocalDate(new Date(now.getFullYear(), now.getMonth(), now.getDate() + days));
}
