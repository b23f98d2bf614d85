/**
 * The two directions of §2 over injected windows: requests over a fresh MessageChannel (one reply, timeout),
 * and host events through the window `message` event, admitted only from the parent at an allowed origin.
 */
import type { BridgeEnvironment, Cancel } from './environment';
import { XBeesRequestError, notInIframeError } from './errors';
import { parseIncomingMessage, parseReplyEnvelope, type IncomingMessage, type ReplyEnvelope } from './payloads';

export interface RequestOptions {
  /** Sent as the envelope's `errorMessage` (a failed search/lookup answer, §7.3). */
  readonly errorMessage?: string;
}

export interface Transport {
  /**
   * Posts `{type, payload?, iframeId}` to the parent with a port and waits for the one reply. Resolves with the
   * reply envelope when its `errorMessage` is falsy; otherwise rejects with {@link XBeesRequestError}.
   */
  request(type: string, payload?: unknown, options?: RequestOptions): Promise<ReplyEnvelope>;
  /** Rejects pending requests (kind `destroyed`) and closes their ports. */
  destroy(): void;
}

export interface TransportOptions {
  readonly iframeId: string | null;
  readonly timeoutMs: number;
  /** Normalized allowed x-bees origins (see {@link normalizeOrigins}). */
  readonly allowedOrigins: ReadonlySet<string>;
}

const destroyedError = (type: string) =>
  new XBeesRequestError({ kind: 'destroyed', requestType: type, message: `the x-bees bridge was stopped; ${type} was not answered` });

export function createTransport(env: BridgeEnvironment, options: TransportOptions): Transport {
  const pending = new Set<Cancel>();
  let destroyed = false;

  function request(type: string, payload?: unknown, requestOptions?: RequestOptions): Promise<ReplyEnvelope> {
    if (destroyed) return Promise.reject(destroyedError(type));
    const { parent } = env;
    if (parent === null || Object.is(parent, env.self)) return Promise.reject(notInIframeError(type));
    // The spec's target is '*'. When the browser tells us the parent's origin, we target exactly it, and
    // refuse outright if it is not x-bees: a foreign page framing the app gets neither replies nor data.
    let targetOrigin = '*';
    if (env.parentOrigin !== undefined) {
      if (!options.allowedOrigins.has(env.parentOrigin)) {
        return Promise.reject(
          new XBeesRequestError({ kind: 'untrusted-parent', requestType: type, message: `the page embedding this app (${env.parentOrigin}) is not an allowed x-bees origin; ${type} was not sent` }),
        );
      }
      targetOrigin = env.parentOrigin;
    }

    const message: Record<string, unknown> = { type };
    if (payload !== undefined) message.payload = payload;
    message.iframeId = options.iframeId;
    if (requestOptions?.errorMessage !== undefined) message.errorMessage = requestOptions.errorMessage;

    const channel = env.createChannel();
    const port = channel.port1;
    return new Promise<ReplyEnvelope>((resolve, reject) => {
      let cancelTimer: Cancel = () => undefined;
      const finish = () => {
        cancelTimer();
        pending.delete(abort);
        port.onmessage = null;
        port.close();
      };
      const abort: Cancel = () => {
        finish();
        reject(destroyedError(type));
      };
      port.onmessage = (event: MessageEvent) => {
        finish();
        const reply = parseReplyEnvelope(event.data);
        if (!reply.ok) {
          reject(new XBeesRequestError({ kind: 'malformed-reply', requestType: type, message: `x-bees replied to ${type} with an invalid message: ${reply.reason}` }));
        } else if (reply.value.errorMessage) {
          const { errorMessage } = reply.value;
          reject(new XBeesRequestError({ kind: 'rejected', requestType: type, message: `x-bees rejected ${type}: ${errorMessage}`, errorMessage, payload: reply.value.payload }));
        } else {
          resolve(reply.value);
        }
      };
      cancelTimer = env.clock.schedule(() => {
        finish();
        reject(new XBeesRequestError({ kind: 'timeout', requestType: type, message: `x-bees did not answer ${type} within ${options.timeoutMs} ms` }));
      }, options.timeoutMs);
      pending.add(abort);
      try {
        parent.postMessage(message, targetOrigin, [channel.port2]);
      } catch (cause) {
        finish();
        reject(new XBeesRequestError({ kind: 'post-failed', requestType: type, message: `${type} could not be posted to x-bees: ${String(cause)}` }));
      }
    });
  }

  return {
    request,
    destroy() {
      destroyed = true;
      for (const abort of [...pending]) abort();
    },
  };
}

/** Turns configured origins (`https://app.x-bees.com` or with a trailing slash) into `event.origin` form. */
export function normalizeOrigins(origins: readonly string[]): ReadonlySet<string> {
  const normalized = new Set<string>();
  for (const origin of origins) {
    try {
      const { origin: value } = new URL(origin);
      if (value !== 'null') normalized.add(value);
    } catch {
      // Not a URL: it can never equal an event origin, so it is simply not allowed.
    }
  }
  return normalized;
}

/**
 * Calls `onMessage` for host events. A `message` event is dropped unless its `source` is the parent window
 * **and** its `origin` is allowed; that is checked before the data is looked at. Data may be an object or a
 * JSON string; messages without a string `type` are dropped. Returns the function that stops listening.
 */
export function listenToHost(
  env: BridgeEnvironment,
  allowedOrigins: readonly string[],
  onMessage: (message: IncomingMessage) => void,
): () => void {
  const origins = normalizeOrigins(allowedOrigins);
  const listener = (event: MessageEvent) => {
    const { parent } = env;
    if (parent === null || event.source === null || !Object.is(event.source, parent)) return;
    if (!origins.has(event.origin)) return;
    const message = parseIncomingMessage(event.data);
    if (message) onMessage(message);
  };
  env.self.addEventListener('message', listener);
  return () => {
    env.self.removeEventListener('message', listener);
  };
}
