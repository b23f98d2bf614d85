import { describe, expect, it } from 'vitest';
import {
  DirectorySource,
  loadDirectory,
  personChannels,
  personContext,
  conversationContext,
  type FetchLike,
} from './directory';

const directory = {
  people: [
    {
      id: '00Q1',
      type: 'Lead',
      name: 'Ann Smith',
      phones: ['+14155550123', '+14155550124'],
      email: 'ann@example.com',
      company: 'Acme',
    },
    { id: '0031', type: 'Contact', name: 'Bob Jones', phones: [], email: 'bob@example.com' },
  ],
  conversations: [{ id: 'conv-seed-1', label: 'Call with Ann', contact: { phone: '+14155550123', name: 'Ann Smith' } }],
};

const respond =
  (body: unknown, status = 200): FetchLike =>
  (url) => {
    expect(url).toBe('http://localhost:4300/__emulator/directory');
    return Promise.resolve({ ok: status < 400, status, json: () => Promise.resolve(body) });
  };

describe('directory', () => {
  it('loads and parses the org directory', async () => {
    expect(await loadDirectory('http://localhost:4300', respond(directory))).toEqual(directory);
  });

  it('explains an HTTP error, a network error and a wrong shape', async () => {
    await expect(loadDirectory('http://localhost:4300', respond({}, 404))).rejects.toThrow(/HTTP 404/);
    await expect(
      loadDirectory('http://localhost:4300', () => Promise.reject(new TypeError('Failed to fetch'))),
    ).rejects.toThrow(/could not reach .*Failed to fetch/);
    await expect(
      loadDirectory('http://localhost:4300', respond({ people: [{ id: 'x' }], conversations: [] })),
    ).rejects.toThrow(/unexpected shape \(people\.0\./);
  });

  it('exposes loading → error status to observers', async () => {
    const source = new DirectorySource('http://localhost:4300', () => Promise.reject(new TypeError('Failed to fetch')));
    const seen: string[] = [];
    source.subscribe(() => seen.push(source.status.state));
    await source.load();
    expect(seen).toEqual(['loading', 'error']);
    expect(source.directory).toBeNull();
  });

  it('turns a person into a context by first phone, by a chosen channel, or by e-mail when there is no phone', () => {
    const [ann, bob] = directory.people as Parameters<typeof personContext>[0][];
    expect(personContext(ann!, 'conv-1')).toEqual({
      contact: { name: 'Ann Smith', phone: '+14155550123' },
      conversationId: 'conv-1',
    });
    const channels = personChannels(ann!);
    expect(channels.map((c) => c.kind)).toEqual(['phone', 'phone', 'email']);
    expect(personContext(ann!, 'conv-2', channels[2])).toEqual({
      contact: { name: 'Ann Smith', email: 'ann@example.com' },
      conversationId: 'conv-2',
    });
    expect(personContext(bob!, 'conv-3')).toEqual({
      contact: { name: 'Bob Jones', email: 'bob@example.com' },
      conversationId: 'conv-3',
    });
    expect(conversationContext(directory.conversations[0]!)).toEqual({
      contact: { phone: '+14155550123', name: 'Ann Smith' },
      conversationId: 'conv-seed-1',
    });
  });
});
