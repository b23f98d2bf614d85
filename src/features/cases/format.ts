/** A datetime (`2026-01-15T10:00:00.000+0000`: the offset has no colon, which not every engine parses) in the agent's locale. */
export function formatDateTime(locale: string, value: string | null): string | null {
  if (!value) return null;
  const time = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(time)
    ? value
    : new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(time);
}
