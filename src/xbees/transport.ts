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
  new XBeesRequestError({
    kind: 'destroyed',
    requestType: type,
    message: `the x-bees bridge was stopped; ${type} was not answered`,
  });

export function createTransport(env: BridgeEnvironment, options: TransportOptions): Transport {
  const pending = new Set<Cancel>();
  let destroyed = false;

  function request(type: string, payload?: unknown, requestOptions?: RequestOptions): Promise<ReplyEnvelope> {
    if (destroyed) return Promise.reject(destroyedError(type));
    const { parent } = env;
    if (parent === null || Object.is(parent, env.self)) return Promise.reject(notInIframeError(type));
    // The spec's target is '*'. We never use it: when the browser tells us the parent's origin, we target
    // exactly it, and refuse outright if it is not x-bees; where it doesn't (Firefox has no
    // location.ancestorOrigins), the request goes to each allowed x-bees origin, and the browser delivers it
    // only if the parent is one of them. A foreign page framing the app gets neither requests nor data.
    let targets: string[];
    if (env.parentOrigin !== undefined) {
      if (!options.allowedOrigins.has(env.parentOrigin)) {
        return Promise.reject(
          new XBeesRequestError({
            kind: 'untrusted-parent',
            requestType: type,
            message: `the page embedding this app (${env.parentOrigin}) is not an allowed x-bees origin; ${type} was not sent`,
          }),
        );
      }
      targets = [env.parentOrigin];
    } else {
      targets = [...options.allowedOrigins];
      if (targets.length === 0)
        return Promise.reject(
          new XBeesRequestError({
            kind: 'untrusted-parent',
            requestType: type,
            message: `no x-bees origin is allowed; ${type} was not sent`,
          }),
        );
    }

    const message: Record<string, unknown> = { type };
    if (payload !== undefined) message.payload = payload;
    message.iframeId = options.iframeId;
    if (requestOptions?.errorMessage !== undefined) message.errorMessage = requestOptions.errorMessage;

    // One channel per target: a port can be transferred once, and only the parent's origin receives its message.
    const channels = targets.map((targetOrigin) => ({ targetOrigin, channel: env.createChannel() }));
    return new Promise<ReplyEnvelope>((resolve, reject) => {
      let cancelTimer: Cancel = () => undefined;
      const finish = () => {
        cancelTimer();
        pending.delete(abort);
        for (const { channel } of channels) {
          channel.port1.onmessage = null;
          channel.port1.close();
        }
      };
      const abort: Cancel = () => {
        finish();
        reject(destroyedError(type));
      };
      const onReply = (event: MessageEvent) => {
        finish();
        const reply = parseReplyEnvelope(event.data);
        if (!reply.ok) {
          reject(
            new XBeesRequestError({
              kind: 'malformed-reply',
              requestType: type,
              message: `x-bees replied to ${type} with an invalid message: ${reply.reason}`,
            }),
          );
        } else if (reply.value.errorMessage) {
          const { errorMessage } = reply.value;
          reject(
            new XBeesRequestError({
              kind: 'rejected',
              requestType: type,
              message: `x-bees rejected ${type}: ${errorMessage}`,
              errorMessage,
              payload: reply.value.payload,
            }),
          );
        } else {
          resolve(reply.value);
        }
      };
      cancelTimer = env.clock.schedule(() => {
        finish();
        reject(
          new XBeesRequestError({
            kind: 'timeout',
            requestType: type,
            message: `x-bees did not answer ${type} within ${options.timeoutMs} ms`,
          }),
        );
      }, options.timeoutMs);
      pending.add(abort);
      try {
        for (const { targetOrigin, channel } of channels) {
          channel.port1.onmessage = onReply;
          parent.postMessage(message, targetOrigin, [channel.port2]);
        }
      } catch (cause) {
        finish();
        reject(
          new XBeesRequestError({
            kind: 'post-failed',
            requestType: type,
            message: `${type} could not be posted to x-bees: ${String(cause)}`,
          }),
        );
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
