import { describe, expect, it } from 'vitest';
import {
  durationParts,
  formatAmount,
  formatDate,
  formatDateTime,
  formatDuration,
  formatPercent,
  localDate,
  toLocalDate,
} from './format';

describe('formatDate', () => {
  it('shows a date-only value as its calendar date, whatever the time zone', () => {
    expect(formatDate('en-US', '2026-01-15')).toBe('Jan 15, 2026');
    expect(formatDate('en-US', '2026-12-31')).toBe('Dec 31, 2026');
    expect(formatDate('de-DE', '2026-01-15')).toBe('15.01.2026');
  });

  it('takes the date of a value that carries a time too', () => {
    expect(formatDate('en-US', '2026-01-15T23:30:00.000+0000')).toBe('Jan 15, 2026');
  });

  it('shows what is not a date as it came, and keeps null', () => {
    expect(formatDate('en-US', 'soon')).toBe('soon');
    expect(formatDate('en-US', '')).toBe('');
    expect(formatDate('en-US', null)).toBeNull();
  });
});

describe('formatDateTime', () => {
  it('reads Salesforce offsets without a colon like ISO offsets', () => {
    const salesforce = formatDateTime('en-US', '2026-01-15T10:00:00.000+0000');
    expect(salesforce).toBe(formatDateTime('en-US', '2026-01-15T10:00:00.000Z'));
    expect(salesforce).toBe(formatDateTime('en-US', '2026-01-15T11:00:00.000+01:00'));
    expect(salesforce).toMatch(/^Jan 1[45], 2026, \d{1,2}:\d{2}\s?[AP]M$/);
  });

  it('shows a date-only value as its calendar date, without a time', () => {
    expect(formatDateTime('en-US', '2026-01-15')).toBe('Jan 15, 2026');
  });

  it('shows what is not a datetime as it came, and nothing for no value', () => {
    expect(formatDateTime('en-US', 'yesterday at noon')).toBe('yesterday at noon');
    expect(formatDateTime('en-US', null)).toBeNull();
    expect(formatDateTime('en-US', '')).toBeNull();
  });
});

describe('numbers', () => {
  it('formats amounts with the locale grouping and at most two decimals', () => {
    expect(formatAmount('en-US', 125000)).toBe('125,000');
    expect(formatAmount('en-US', 1234.567)).toBe('1,234.57');
    expect(formatAmount('de-DE', 1234.5)).toBe('1.234,5');
    expect(formatAmount('en-US', null)).toBeNull();
  });

  it('formats a number of percent', () => {
    expect(formatPercent(90)).toBe('90 %');
    expect(formatPercent(0)).toBe('0 %');
    expect(formatPercent(null)).toBeNull();
  });

  it('splits and formats durations', () => {
    expect(durationParts(125)).toEqual({ minutes: 2, seconds: 5 });
    expect(durationParts(59)).toEqual({ minutes: 0, seconds: 59 });
    expect(formatDuration(125)).toBe('2:05');
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(3600)).toBe('60:00');
  });
});

describe('local calendar dates', () => {
  it('gives the local date of an instant', () => {
    expect(toLocalDate(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
    expect(toLocalDate(new Date(2026, 11, 31, 0, 0))).toBe('2026-12-31');
  });

  it('adds calendar days to today, across months and years', () => {
    const now = new Date(2026, 11, 20, 15, 0);
    expect(localDate(0, now)).toBe('2026-12-20');
    expect(localDate(30, now)).toBe('2027-01-19');
    expect(localDate(-20, now)).toBe('2026-11-30');
  });
});
