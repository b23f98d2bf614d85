/** Display forms of Salesforce values in the agent's locale. */

/** A date-only value (`2026-01-15`), shown as the calendar date it is (no time zone shift). */
export function formatDate(locale: string, value: string | null): string | null {
  const match = value ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  if (!match) return value;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])),
  );
}

/** A datetime (`2026-01-15T10:00:00.000+0000`: the offset has no colon, which not every engine parses). */
export function formatDateTime(locale: string, value: string | null): string | null {
  if (!value) return null;
  const time = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(time)
    ? value
    : new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(time);
}

export function formatAmount(locale: string, value: number | null): string | null {
  return value === null ? null : new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
}

/** Today plus `days`, as a local calendar date (`YYYY-MM-DD`). */
export function localDate(days = 0, now = new Date()): string {
  const date = new Date(now.getFullYear(), now.getMonth(), now.getDate() + days);
  return `${String(date.getFullYear())}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}
