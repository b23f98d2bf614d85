/**
 * A test peer: plays an integration iframe against `XBeesHost` with real MessageChannels and real
 * (jsdom) iframes, and reports exactly what such a peer would see — the messages on its port and the
 * messages posted to its window. Used by the unit tests only.
 */
import { XBeesHost } from './host-protocol';
import type { FrameElement, FrameFactory, HostDeps } from './host-types';
import type { Variant } from './protocol-types';

export const NO_REPLY = 'no reply';

export interface Harness {
  host: XBeesHost;
  clock: { now: number };
  iframe(variant: Variant): HTMLIFrameElement;
  /** Sends `data` from the iframe with a transferred port; resolves with every message posted on it (within `waitMs`). */
  requestAll(variant: Variant, data: unknown, options?: { withPort?: boolean; waitMs?: number }): Promise<unknown[]>;
  /** Like requestAll, but expects at most one reply and returns it (or NO_REPLY). */
  request(variant: Variant, data: unknown): Promise<unknown>;
  /** A request that carries this iframe's own iframeId, as a well-behaved client sends it. */
  send(variant: Variant, type: string, payload?: unknown): Promise<unknown>;
  /** Everything posted to this iframe's window so far (the current iframe of that variant). */
  received(variant: Variant): Promise<unknown[]>;
  ready(variant: Variant, version?: string): Promise<void>;
}

export function tick(ms = 0): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function createHarness(deps: Partial<HostDeps> = {}): Harness {
  const clock = { now: 1_000_000 };
  const elements = new Map<FrameElement, HTMLIFrameElement>();
  const inbox = new Map<HTMLIFrameElement, unknown[]>();
  const factory: FrameFactory = {
    create: ({ variant, iframeId }) => {
      // No src: jsdom would try to load it. The host sets src in the DOM adapter, not here.
      const element = document.createElement('iframe');
      element.dataset.variant = variant;
      element.dataset.iframeId = iframeId;
      document.body.append(element);
      const messages: unknown[] = [];
      inbox.set(element, messages);
      element.contentWindow?.addEventListener('message', (event) => messages.push(event.data));
      elements.set(element, element);
      return element;
    },
    remove: (element) => {
      elements.get(element)?.remove();
      elements.delete(element);
    },
  };
  const host = new XBeesHost({
    appUrl: 'http://localhost:4200/',
    userEmail: 'jane.doe@acme.example',
    frames: factory,
    now: () => clock.now,
    ...deps,
  });
  host.start();

  const iframe = (variant: Variant): HTMLIFrameElement => {
    const frame = host.frameOf(variant);
    const element = frame ? elements.get(frame.element) : undefined;
    if (!element) throw new Error(`no ${variant} iframe`);
    return element;
  };

  const requestAll: Harness['requestAll'] = async (variant, data, options = {}) => {
    const channel = new MessageChannel();
    const replies: unknown[] = [];
    channel.port1.onmessage = (event) => replies.push(event.data);
    host.handleMessage({
      data: structuredClone(data),
      source: iframe(variant).contentWindow,
      ports: options.withPort === false ? [] : [channel.port2],
    });
    await tick(options.waitMs ?? 30);
    channel.port1.close();
    return replies;
  };

  const request: Harness['request'] = async (variant, data) => {
    const replies = await requestAll(variant, data);
    if (replies.length > 1) throw new Error(`expected one reply, got ${String(replies.length)}`);
    return replies.length === 0 ? NO_REPLY : replies[0];
  };

  const send: Harness['send'] = (variant, type, payload) => {
    const iframeId = host.frameOf(variant)?.iframeId ?? null;
    return request(variant, payload === undefined ? { type, iframeId } : { type, payload, iframeId });
  };

  const received: Harness['received'] = async (variant) => {
    await tick(10);
    return [...(inbox.get(iframe(variant)) ?? [])];
  };

  const ready: Harness['ready'] = async (variant, version = '1.3.5') => {
    await send(variant, 'xBeesReady', { version });
  };

  return { host, clock, iframe, requestAll, request, send, received, ready };
}
