/**
 * People and conversations to pick from, served by the emulated org at `GET ${org}/__emulator/directory`.
 * The fetch is injected so unit tests need no network.
 */
import { z } from 'zod';
import type { HostContext } from './protocol-types';

const personSchema = z.object({
  id: z.string().min(1),
  type: z.enum(['Lead', 'Contact', 'Account', 'PersonAccount']),
  name: z.string(),
  phones: z.array(z.string()),
  email: z.string().optional(),
  company: z.string().optional(),
});

const conversationSchema = z.object({
  id: z.string().min(1),
  label: z.string(),
  contact: z.object({ phone: z.string().optional(), email: z.string().optional(), name: z.string().optional() }),
});

const directorySchema = z.object({ people: z.array(personSchema), conversations: z.array(conversationSchema) });

export type DirectoryPerson = z.infer<typeof personSchema>;
export type DirectoryConversation = z.infer<typeof conversationSchema>;
export type Directory = z.infer<typeof directorySchema>;

export type FetchLike = (
  url: string,
  init?: { signal?: AbortSignal },
) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;

export class DirectoryError extends Error {
  override readonly name = 'DirectoryError';
}

export function directoryUrl(orgOrigin: string): string {
  return new URL('/__emulator/directory', orgOrigin).toString();
}

export function parseDirectory(raw: unknown): Directory {
  const result = directorySchema.safeParse(raw);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  throw new DirectoryError(
    `the directory has an unexpected shape (${first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'invalid'})`,
  );
}

export async function loadDirectory(orgOrigin: string, fetchImpl: FetchLike, timeoutMs = 5000): Promise<Directory> {
  const url = directoryUrl(orgOrigin);
  const controller = new AbortController();
  const timer = setTimeout(() => {
    controller.abort();
  }, timeoutMs);
  try {
    let response: Awaited<ReturnType<FetchLike>>;
    try {
      response = await fetchImpl(url, { signal: controller.signal });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new DirectoryError(`could not reach ${url} (${reason})`);
    }
    if (!response.ok) throw new DirectoryError(`${url} answered HTTP ${String(response.status)}`);
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      throw new DirectoryError(`${url} did not return JSON`);
    }
    return parseDirectory(body);
  } finally {
    clearTimeout(timer);
  }
}

export type PersonChannel = { kind: 'phone'; value: string } | { kind: 'email'; value: string };

/** The ways to reach a person: each phone, then the e-mail. */
export function personChannels(person: DirectoryPerson): PersonChannel[] {
  const channels: PersonChannel[] = person.phones.map((value) => ({ kind: 'phone', value }));
  if (person.email) channels.push({ kind: 'email', value: person.email });
  return channels;
}

export function newConversationId(random: () => string): string {
  return `conv-${random()}`;
}

/** A fresh conversation with a person, by one channel (default: the first phone, else the e-mail). */
export function personContext(person: DirectoryPerson, conversationId: string, channel?: PersonChannel): HostContext {
  const chosen = channel ?? personChannels(person)[0];
  const contact: HostContext['contact'] = { name: person.name };
  if (chosen?.kind === 'phone') contact.phone = chosen.value;
  if (chosen?.kind === 'email') contact.email = chosen.value;
  return { contact, conversationId };
}

export function conversationContext(conversation: DirectoryConversation): HostContext {
  const contact: HostContext['contact'] = {};
  if (conversation.contact.phone) contact.phone = conversation.contact.phone;
  if (conversation.contact.email) contact.email = conversation.contact.email;
  if (conversation.contact.name) contact.name = conversation.contact.name;
  return { contact, conversationId: conversation.id };
}

export type DirectoryStatus =
  { state: 'loading' } | { state: 'ready'; directory: Directory } | { state: 'error'; message: string };

/** Loads the directory once and lets the panel (and the test API) observe the result. */
export class DirectorySource {
  private current: DirectoryStatus = { state: 'loading' };
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly orgOrigin: string,
    private readonly fetchImpl: FetchLike,
  ) {}

  get status(): DirectoryStatus {
    return this.current;
  }

  get directory(): Directory | null {
    return this.current.state === 'ready' ? this.current.directory : null;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  async load(): Promise<void> {
    this.set({ state: 'loading' });
    try {
      this.set({ state: 'ready', directory: await loadDirectory(this.orgOrigin, this.fetchImpl) });
    } catch (error) {
      this.set({ state: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  }

  private set(status: DirectoryStatus): void {
    this.current = status;
    for (const listener of [...this.listeners]) listener();
  }
}
