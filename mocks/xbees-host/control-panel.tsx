/**
 * The control panel for people: pick a conversation, switch the theme, start/end a call, run a Live
 * Search or a lookup, log out, and read what the app sent. Everything goes through the same
 * `XBeesHost` methods as the test API.
 */
import { useId, useState, useSyncExternalStore, type SubmitEvent, type ReactNode } from 'react';
import {
  conversationContext,
  newConversationId,
  personChannels,
  personContext,
  type DirectoryPerson,
  type DirectorySource,
} from './directory';
import type { XBeesHost } from './host-protocol';
import type { FrameState, HostOptions, HostState, LookupOutcome, SearchOutcome } from './host-types';
import { preview } from './json-safe';
import { MessageLog } from './message-log';
import type { HostContext, ThemeMode } from './protocol-types';

export interface PanelInfo {
  appUrl: string;
  orgOrigin: string;
  userEmail: string;
  problems: readonly string[];
}

interface Props {
  host: XBeesHost;
  directory: DirectorySource;
  info: PanelInfo;
  randomId: () => string;
}

export function ControlPanel({ host, directory, info, randomId }: Props): ReactNode {
  const state = useSyncExternalStore(host.subscribe, host.getState);
  return (
    <div className="panel">
      <header className="panel__header">
        <h1>Emulated x-bees host</h1>
        <p className="muted">
          User <strong>{info.userEmail}</strong> · app <code>{info.appUrl}</code> · org <code>{info.orgOrigin}</code>
        </p>
        {info.problems.length > 0 && (
          <div role="alert" className="notice notice--warning">
            <p>Some page parameters were ignored:</p>
            <ul>
              {info.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </div>
        )}
      </header>
      <ConversationSection host={host} directory={directory} context={state.context} randomId={randomId} />
      <ThemeSection host={host} theme={state.theme} />
      <CallSection host={host} state={state} />
      <SearchSection host={host} timeoutMs={state.options.resultTimeoutMs} />
      <IntegrationSection host={host} options={state.options} />
      <FramesSection frames={state.frames} integrationStatus={state.integrationStatus} />
      <RecordedSection state={state} />
      <MessageLog state={state} onClear={() => host.clearLog()} />
    </div>
  );
}

/* ------------------------------------------------------------------ conversation */

interface ContactFields {
  phone: string;
  email: string;
  name: string;
  conversationId: string;
}

function fieldsOf(context: HostContext): ContactFields {
  return {
    phone: context.contact.phone ?? '',
    email: context.contact.email ?? '',
    name: context.contact.name ?? '',
    conversationId: context.conversationId ?? '',
  };
}

function ConversationSection({
  host,
  directory,
  context,
  randomId,
}: {
  host: XBeesHost;
  directory: DirectorySource;
  context: HostContext;
  randomId: () => string;
}): ReactNode {
  const status = useSyncExternalStore(directory.subscribe, () => directory.status);
  const [fields, setFields] = useState<ContactFields>(() => fieldsOf(context));
  const [personId, setPersonId] = useState('');
  const [channel, setChannel] = useState('0');
  const [conversationId, setConversationId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const people = status.state === 'ready' ? status.directory.people : [];
  const conversations = status.state === 'ready' ? status.directory.conversations : [];
  const person = people.find((p) => p.id === personId);

  const pickPerson = (value: string): void => {
    setPersonId(value);
    setConversationId('');
    setChannel('0');
    const picked = people.find((p) => p.id === value);
    if (picked) setFields(fieldsOf(personContext(picked, newConversationId(randomId))));
  };

  const pickChannel = (value: string, who: DirectoryPerson): void => {
    setChannel(value);
    const chosen = personChannels(who)[Number(value)];
    if (chosen) setFields((f) => ({ ...fieldsOf(personContext(who, f.conversationId, chosen)) }));
  };

  const pickConversation = (value: string): void => {
    setConversationId(value);
    setPersonId('');
    const picked = conversations.find((c) => c.id === value);
    if (picked) setFields(fieldsOf(conversationContext(picked)));
  };

  const open = (event: SubmitEvent): void => {
    event.preventDefault();
    try {
      host.setContext({
        contact: { phone: fields.phone.trim(), email: fields.email.trim(), name: fields.name.trim() },
        conversationId: fields.conversationId.trim(),
      });
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const field = (key: keyof ContactFields, label: string, type: 'tel' | 'email' | 'text'): ReactNode => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input
        id={`${id}-${key}`}
        type={type}
        value={fields[key]}
        autoComplete="off"
        onChange={(e) => {
          const value = e.target.value;
          setFields((f) => ({ ...f, [key]: value }));
        }}
      />
    </div>
  );

  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Conversation</h2>
      {status.state === 'loading' && <p role="status">Loading people and conversations from {directory.orgOrigin}…</p>}
      {status.state === 'error' && (
        <p role="alert" className="notice notice--error">
          Could not load the directory: {status.message}. You can still type a phone number, e-mail or name below.
        </p>
      )}
      <form onSubmit={open}>
        <div className="row">
          <div className="field">
            <label htmlFor={`${id}-person`}>Person</label>
            <select
              id={`${id}-person`}
              value={personId}
              disabled={people.length === 0}
              onChange={(e) => pickPerson(e.target.value)}
            >
              <option value="">Choose a person…</option>
              {people.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({p.type}
                  {p.company ? `, ${p.company}` : ''})
                </option>
              ))}
            </select>
          </div>
          {person && personChannels(person).length > 0 && (
            <div className="field">
              <label htmlFor={`${id}-channel`}>Reach them by</label>
              <select id={`${id}-channel`} value={channel} onChange={(e) => pickChannel(e.target.value, person)}>
                {personChannels(person).map((c, index) => (
                  <option key={`${c.kind}-${c.value}`} value={String(index)}>
                    {c.kind === 'phone' ? 'Phone' : 'E-mail'}: {c.value}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div className="field">
            <label htmlFor={`${id}-conversation`}>Seeded conversation</label>
            <select
              id={`${id}-conversation`}
              value={conversationId}
              disabled={conversations.length === 0}
              onChange={(e) => pickConversation(e.target.value)}
            >
              <option value="">Choose a conversation…</option>
              {conversations.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.label}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="row">
          {field('phone', 'Phone', 'tel')}
          {field('email', 'E-mail', 'email')}
          {field('name', 'Name', 'text')}
          {field('conversationId', 'Conversation id', 'text')}
        </div>
        <div className="row">
          <button type="submit">Open conversation (reloads the panel)</button>
          <button
            type="button"
            className="secondary"
            onClick={() => setFields((f) => ({ ...f, conversationId: newConversationId(randomId) }))}
          >
            New conversation id
          </button>
        </div>
        {error && (
          <p role="alert" className="notice notice--error">
            {error}
          </p>
        )}
      </form>
      <p className="muted">
        Current context: <code>{preview(context, 300)}</code>
      </p>
    </section>
  );
}

/* ------------------------------------------------------------------ theme */

function ThemeSection({ host, theme }: { host: XBeesHost; theme: ThemeMode }): ReactNode {
  const id = useId();
  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Theme</h2>
      <fieldset className="row">
        <legend>x-bees theme</legend>
        {(['light', 'dark'] as const).map((mode) => (
          <label key={mode} className="choice">
            <input
              type="radio"
              name={`${id}-theme`}
              value={mode}
              checked={theme === mode}
              onChange={() => host.setTheme(mode)}
            />
            {mode === 'light' ? 'Light' : 'Dark'}
          </label>
        ))}
      </fieldset>
    </section>
  );
}

/* ------------------------------------------------------------------ call */

function CallSection({ host, state }: { host: XBeesHost; state: HostState }): ReactNode {
  const id = useId();
  const [number, setNumber] = useState('');
  const [direction, setDirection] = useState<'inbound' | 'outbound'>('inbound');
  const call = state.activeCall;
  const defaultNumber = state.context.contact.phone ?? '';
  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Call</h2>
      <div className="row">
        <div className="field">
          <label htmlFor={`${id}-number`}>Phone number</label>
          <input
            id={`${id}-number`}
            type="tel"
            value={number}
            placeholder={defaultNumber || 'from the context'}
            onChange={(e) => setNumber(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-direction`}>Direction</label>
          <select
            id={`${id}-direction`}
            value={direction}
            onChange={(e) => setDirection(e.target.value === 'outbound' ? 'outbound' : 'inbound')}
          >
            <option value="inbound">Inbound</option>
            <option value="outbound">Outbound</option>
          </select>
        </div>
        <button
          type="button"
          disabled={call !== null}
          onClick={() => host.callStarted({ phoneNumber: number.trim() || defaultNumber, direction })}
        >
          Start call
        </button>
        <button type="button" disabled={call === null} onClick={() => host.callEnded()}>
          End call
        </button>
      </div>
      <p role="status" className="muted">
        {call
          ? `Call ${call.callId} in progress with ${call.phoneNumber || '(no number)'} (${call.direction}).`
          : 'No call in progress.'}
      </p>
    </section>
  );
}

/* ------------------------------------------------------------------ search & lookup */

type Outcome =
  | { kind: 'idle' }
  | { kind: 'pending'; label: string }
  | { kind: 'search'; result: SearchOutcome | null; text: string }
  | { kind: 'lookup'; result: LookupOutcome | null; label: string }
  | { kind: 'error'; message: string };

function SearchSection({ host, timeoutMs }: { host: XBeesHost; timeoutMs: number }): ReactNode {
  const id = useId();
  const [text, setText] = useState('');
  const [lookupText, setLookupText] = useState('');
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });

  const runSearch = (event: SubmitEvent): void => {
    event.preventDefault();
    const query = text;
    setOutcome({ kind: 'pending', label: `Searching for “${query}”…` });
    host.search(query).then(
      (result) => setOutcome({ kind: 'search', result, text: query }),
      (e: unknown) => setOutcome({ kind: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
  };

  const runLookup = (event: SubmitEvent): void => {
    event.preventDefault();
    const value = lookupText.trim();
    const query = value.includes('@') ? { email: value } : { phone: value };
    setOutcome({ kind: 'pending', label: `Looking up ${value}…` });
    host.lookup(query).then(
      (result) => setOutcome({ kind: 'lookup', result, label: value }),
      (e: unknown) => setOutcome({ kind: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
  };

  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Live Search</h2>
      <form className="row" onSubmit={runSearch}>
        <div className="field">
          <label htmlFor={`${id}-text`}>Search text</label>
          <input id={`${id}-text`} type="search" value={text} onChange={(e) => setText(e.target.value)} />
        </div>
        <button type="submit">Search</button>
      </form>
      <form className="row" onSubmit={runLookup}>
        <div className="field">
          <label htmlFor={`${id}-lookup`}>Look up a phone number or e-mail</label>
          <input id={`${id}-lookup`} type="text" value={lookupText} onChange={(e) => setLookupText(e.target.value)} />
        </div>
        <button type="submit" disabled={lookupText.trim() === ''}>
          Look up
        </button>
      </form>
      <div role="status" aria-live="polite" className="answer">
        <OutcomeView outcome={outcome} timeoutMs={timeoutMs} />
      </div>
    </section>
  );
}

function contactLine(contact: unknown): string {
  if (typeof contact !== 'object' || contact === null) return preview(contact);
  const c = contact as Record<string, unknown>;
  const parts = [c.name, c.phone, c.email, c.id].filter((v): v is string => typeof v === 'string' && v !== '');
  return parts.length > 0 ? parts.join(' · ') : preview(contact);
}

function OutcomeView({ outcome, timeoutMs }: { outcome: Outcome; timeoutMs: number }): ReactNode {
  const noAnswer = `No answer within ${String(Math.round(timeoutMs / 100) / 10)} s (is the daemon ready and signed in? see the log).`;
  switch (outcome.kind) {
    case 'idle':
      return null;
    case 'pending':
      return <p>{outcome.label}</p>;
    case 'error':
      return <p className="notice notice--error">{outcome.message}</p>;
    case 'search': {
      const { result } = outcome;
      if (!result) return <p>{noAnswer}</p>;
      return (
        <>
          <p>
            {result.contacts.length} contact{result.contacts.length === 1 ? '' : 's'} for “{result.query}”
            {result.errorMessage ? ` — error: ${result.errorMessage}` : ''}
          </p>
          <ul>
            {result.contacts.map((contact, index) => (
              <li key={index}>{contactLine(contact)}</li>
            ))}
          </ul>
        </>
      );
    }
    case 'lookup': {
      const { result } = outcome;
      if (!result) return <p>{noAnswer}</p>;
      return (
        <p>
          {result.contact
            ? `Match for ${outcome.label}: ${contactLine(result.contact)}`
            : `No match for ${outcome.label}.`}
          {result.errorMessage ? ` Error: ${result.errorMessage}` : ''}
        </p>
      );
    }
  }
}

/* ------------------------------------------------------------------ integration switches */

function IntegrationSection({ host, options }: { host: XBeesHost; options: HostOptions }): ReactNode {
  const id = useId();
  const toggles: { key: 'queueEvents' | 'callPayloads' | 'usePbxToken'; label: string }[] = [
    { key: 'queueEvents', label: 'Queue events until the iframe is ready (the real host drops them)' },
    { key: 'callPayloads', label: 'Send call info with call events' },
    { key: 'usePbxToken', label: 'Send a PBX token before each search / lookup' },
  ];
  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Integration</h2>
      <div className="row">
        <button type="button" onClick={() => host.logout()}>
          Log out of x-bees
        </button>
        <button type="button" className="secondary" onClick={() => host.reloadInfoFrame()}>
          Reload the panel iframe
        </button>
      </div>
      <fieldset>
        <legend>Host behaviour</legend>
        {toggles.map(({ key, label }) => (
          <label key={key} className="choice">
            <input
              type="checkbox"
              checked={options[key]}
              onChange={(e) => host.setOptions({ [key]: e.target.checked })}
            />
            {label}
          </label>
        ))}
      </fieldset>
    </section>
  );
}

/* ------------------------------------------------------------------ iframes */

function FramesSection({ frames, integrationStatus }: { frames: FrameState[]; integrationStatus: string }): ReactNode {
  const id = useId();
  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Iframes</h2>
      <p className="muted">Integration status reported to x-bees: {integrationStatus}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">Variant</th>
            <th scope="col">iframeId</th>
            <th scope="col">Ready</th>
            <th scope="col">Version</th>
            <th scope="col">Auth</th>
            <th scope="col">Size</th>
          </tr>
        </thead>
        <tbody>
          {frames.map((f) => (
            <tr key={f.iframeId}>
              <th scope="row">{f.variant}</th>
              <td>
                <code>{f.iframeId}</code>
              </td>
              <td>{f.ready ? 'yes' : 'no'}</td>
              <td>{f.version ?? '–'}</td>
              <td>{f.authStatus}</td>
              <td>{f.variant === 'daemon' ? 'hidden' : `${f.size.width ?? '?'} × ${f.size.height ?? '?'}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/* ------------------------------------------------------------------ what the app sent */

function RecordedList({ title, items }: { title: string; items: string[] }): ReactNode {
  const id = useId();
  return (
    <div className="recorded">
      <h3 id={id}>{title}</h3>
      {items.length === 0 ? (
        <p className="muted">None yet.</p>
      ) : (
        <ul aria-labelledby={id}>
          {items.slice(-10).map((item, index) => (
            <li key={index}>{item}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function RecordedSection({ state }: { state: HostState }): ReactNode {
  const id = useId();
  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>What the app sent</h2>
      <div className="recorded-grid">
        <RecordedList title="Calls requested" items={state.startCalls} />
        <RecordedList title="Copied to clipboard" items={state.clipboard} />
        <RecordedList title="Toasts" items={state.toasts.map((t) => `${t.severity || '?'}: ${t.message}`)} />
        <RecordedList
          title="Protocol problems"
          items={state.problems.map((p) => `${p.variant ?? ''} ${p.text}`.trim())}
        />
      </div>
    </section>
  );
}
