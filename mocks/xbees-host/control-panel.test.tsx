import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ControlPanel } from './control-panel';
import { DirectorySource, type FetchLike } from './directory';
import { createHarness } from './test-peer';

afterEach(() => {
  document.body.replaceChildren();
});

const directoryBody = {
  people: [
    {
      id: '00Q1',
      type: 'Lead',
      name: 'Ann Smith',
      phones: ['+14155550123'],
      email: 'ann@example.com',
      company: 'Acme',
    },
  ],
  conversations: [{ id: 'conv-seed-1', label: 'Call with Bob', contact: { email: 'bob@example.com', name: 'Bob' } }],
};

const ok: FetchLike = () => Promise.resolve({ ok: true, status: 200, json: () => Promise.resolve(directoryBody) });
const offline: FetchLike = () => Promise.reject(new TypeError('Failed to fetch'));

async function setup(fetchImpl: FetchLike) {
  let n = 0;
  const peer = createHarness({ randomId: () => `r${String(++n)}` });
  const directory = new DirectorySource('http://localhost:4300', fetchImpl);
  await directory.load();
  const info = {
    appUrl: 'http://localhost:4200/',
    orgOrigin: 'http://localhost:4300',
    userEmail: 'jane.doe@acme.example',
    problems: [],
  };
  render(<ControlPanel host={peer.host} directory={directory} info={info} randomId={() => 'abc'} />);
  return { peer, user: userEvent.setup() };
}

describe('control panel', () => {
  it('opens a conversation with a picked person (first phone, fresh conversation id) in a new info-frame', async () => {
    const { peer, user } = await setup(ok);
    const before = peer.host.frameOf('info-frame')?.iframeId;
    await user.selectOptions(screen.getByLabelText('Person'), '00Q1');
    expect(screen.getByLabelText('Phone')).toHaveValue('+14155550123');
    await user.click(screen.getByRole('button', { name: /Open conversation/ }));
    expect(peer.host.getContext()).toEqual({
      contact: { phone: '+14155550123', name: 'Ann Smith' },
      conversationId: 'conv-abc',
    });
    expect(peer.host.frameOf('info-frame')?.iframeId).not.toBe(before);
  });

  it('lets people reach a person by e-mail instead, or pick a seeded conversation', async () => {
    const { peer, user } = await setup(ok);
    await user.selectOptions(screen.getByLabelText('Person'), '00Q1');
    await user.selectOptions(screen.getByLabelText('Reach them by'), '1');
    await user.click(screen.getByRole('button', { name: /Open conversation/ }));
    expect(peer.host.getContext()).toEqual({
      contact: { email: 'ann@example.com', name: 'Ann Smith' },
      conversationId: 'conv-abc',
    });
    await user.selectOptions(screen.getByLabelText('Seeded conversation'), 'conv-seed-1');
    await user.click(screen.getByRole('button', { name: /Open conversation/ }));
    expect(peer.host.getContext()).toEqual({
      contact: { email: 'bob@example.com', name: 'Bob' },
      conversationId: 'conv-seed-1',
    });
  });

  it('says when the directory cannot be loaded and keeps the free-text fields working', async () => {
    const { peer, user } = await setup(offline);
    expect(screen.getByRole('alert')).toHaveTextContent(/Could not load the directory: could not reach/);
    expect(screen.getByLabelText('Person')).toBeDisabled();
    await user.type(screen.getByLabelText('Phone'), '+442071234567');
    await user.type(screen.getByLabelText('Conversation id'), 'conv-typed');
    await user.click(screen.getByRole('button', { name: /Open conversation/ }));
    expect(peer.host.getContext()).toEqual({ contact: { phone: '+442071234567' }, conversationId: 'conv-typed' });
  });

  it('runs a Live Search against the daemon and shows the answer', async () => {
    const { peer, user } = await setup(ok);
    await peer.ready('daemon');
    await user.type(screen.getByLabelText('Search text'), 'ann');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    expect(await peer.received('daemon')).toEqual([{ type: 'xBeesGetContactsAutoSuggest', payload: 'ann' }]);
    await peer.send('daemon', 'xBeesContactsAutoSuggest', {
      query: 'ann',
      contacts: [{ id: '00Q1', name: 'Ann Smith', phone: '+14155550123' }],
    });
    expect(await screen.findByText('1 contact for “ann”')).toBeInTheDocument();
    expect(screen.getByText('Ann Smith · +14155550123 · 00Q1')).toBeInTheDocument();
  });

  it('switches the theme, starts and ends a call, and logs every message in a log region', async () => {
    const { peer, user } = await setup(ok);
    await peer.ready('info-frame');
    await user.click(screen.getByLabelText('Dark'));
    await user.click(screen.getByRole('button', { name: 'Start call' }));
    await user.click(screen.getByRole('button', { name: 'End call' }));
    const types = (await peer.received('info-frame')).map((m) => (m as { type: string }).type);
    expect(types).toEqual(['xBeesUseTheme', 'xBeesAddCall', 'xBeesTerminateCall']);
    const log = screen.getByRole('log', { name: 'Message log' });
    expect(within(log).getByText(/info-frame → host: "xBeesReady"/)).toBeInTheDocument();
    expect(within(log).getByText(/host → info-frame: xBeesTerminateCall/)).toBeInTheDocument();
    expect(within(log).getByText(/host → daemon: xBeesUseTheme "dark" \[dropped: not ready\]/)).toBeInTheDocument();
  });
});
