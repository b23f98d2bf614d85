/**
 * Every request (with its reply), every event and every problem, newest last, in a `role="log"`
 * region. Only the latest entries are shown, each payload as a one-line preview.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';
import type { EventRecord, HostState, ProblemRecord, RequestRecord } from './host-types';
import { preview } from './json-safe';

export const LOG_LIMIT = 200;

export type LogEntry =
  | { kind: 'request'; seq: number; record: RequestRecord }
  | { kind: 'event'; seq: number; record: EventRecord }
  | { kind: 'problem'; seq: number; record: ProblemRecord };

export function logEntries(state: HostState, limit = LOG_LIMIT): LogEntry[] {
  const entries: LogEntry[] = [
    ...state.requests.map((record) => ({ kind: 'request' as const, seq: record.seq, record })),
    ...state.events.map((record) => ({ kind: 'event' as const, seq: record.seq, record })),
    ...state.problems.map((record) => ({ kind: 'problem' as const, seq: record.seq, record })),
  ];
  entries.sort((a, b) => a.seq - b.seq);
  return entries.slice(-limit);
}

function time(at: number): string {
  return new Date(at).toISOString().slice(11, 23);
}

export function describeEntry(entry: LogEntry): string {
  switch (entry.kind) {
    case 'request': {
      const { record } = entry;
      const payload = record.payload === undefined ? '' : ` ${preview(record.payload)}`;
      const reply = record.reply;
      const answer =
        reply === null
          ? 'no reply'
          : reply.errorMessage
            ? `error “${reply.errorMessage}”${reply.payload === undefined ? '' : ` ${preview(reply.payload)}`}`
            : `ok${reply.payload === undefined ? '' : ` ${preview(reply.payload)}`}`;
      return `${record.variant} → host: ${preview(record.type)}${payload} ⇒ ${answer}`;
    }
    case 'event': {
      const { record } = entry;
      const payload = record.payload === undefined ? '' : ` ${preview(record.payload)}`;
      const delivery = record.delivery === 'sent' ? '' : ` [${record.delivery}: not ready]`;
      return `host → ${record.variant}: ${record.type}${payload}${delivery}`;
    }
    case 'problem':
      return `problem${entry.record.variant ? ` (${entry.record.variant})` : ''}: ${entry.record.text}`;
  }
}

export function MessageLog({ state, onClear }: { state: HostState; onClear: () => void }): ReactNode {
  const id = useId();
  const listRef = useRef<HTMLOListElement>(null);
  const entries = logEntries(state);
  const total = state.requests.length + state.events.length + state.problems.length;

  useEffect(() => {
    const list = listRef.current;
    if (list) list.scrollTop = list.scrollHeight;
  }, [entries.length, state.lastSeq]);

  return (
    <section aria-labelledby={`${id}-h`} className="log-section">
      <div className="row row--spread">
        <h2 id={`${id}-h`}>Message log</h2>
        <button type="button" className="secondary" onClick={onClear}>
          Clear log
        </button>
      </div>
      {total > entries.length && (
        <p className="muted">
          Showing the latest {entries.length} of {total} entries (all of them are in{' '}
          <code>window.xbeesHost.getState()</code>).
        </p>
      )}
      <div role="log" aria-labelledby={`${id}-h`} className="log">
        {entries.length === 0 ? (
          <p className="muted">No messages yet.</p>
        ) : (
          <ol ref={listRef} tabIndex={0} aria-label="Messages, newest last">
            {entries.map((entry) => (
              <li key={entry.seq} className={`log__entry log__entry--${entry.kind}`}>
                <time dateTime={new Date(entry.record.at).toISOString()}>{time(entry.record.at)}</time>{' '}
                {describeEntry(entry)}
              </li>
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}
