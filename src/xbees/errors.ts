import { NOT_IN_IFRAME_MESSAGE, THROTTLED_MESSAGE } from './protocol';

/**
 * Why a request to x-bees failed:
 * - `not-in-iframe`: no parent window; nothing was sent;
 * - `timeout`: no reply in time; the port was closed;
 * - `rejected`: the host replied with a non-empty `errorMessage`;
 * - `malformed-reply`: the reply (or its payload) did not have the expected shape;
 * - `invalid-argument`: the call was refused locally (e.g. an empty phone number); nothing was sent;
 * - `post-failed`: `postMessage` threw (e.g. a payload that cannot be cloned);
 * - `destroyed`: the bridge was torn down while the request was pending;
 * - `untrusted-parent`: the browser says the parent page is not on an allowed origin; nothing was sent.
 */
export type XBeesErrorKind =
  | 'not-in-iframe'
  | 'timeout'
  | 'rejected'
  | 'malformed-reply'
  | 'invalid-argument'
  | 'post-failed'
  | 'destroyed'
  | 'untrusted-parent';

export interface XBeesRequestErrorInit {
  readonly kind: XBeesErrorKind;
  readonly requestType: string;
  readonly message: string;
  /** The host's `errorMessage` (for `rejected`). */
  readonly errorMessage?: string;
  /** The host's reply `payload` (for `rejected` and `malformed-reply`). */
  readonly payload?: unknown;
}

export class XBeesRequestError extends Error {
  override readonly name = 'XBeesRequestError';
  readonly kind: XBeesErrorKind;
  readonly requestType: string;
  readonly errorMessage: string | undefined;
  readonly payload: unknown;

  constructor(init: XBeesRequestErrorInit) {
    super(init.message);
    this.kind = init.kind;
    this.requestType = init.requestType;
    this.errorMessage = init.errorMessage;
    this.payload = init.payload;
  }

  /** The host skipped the request because one of the same type came less than 1 s before. */
  get throttled(): boolean {
    return this.kind === 'rejected' && this.errorMessage === THROTTLED_MESSAGE;
  }
}

export function isThrottleRejection(error: unknown): boolean {
  return error instanceof XBeesRequestError && error.throttled;
}

export function notInIframeError(requestType: string): XBeesRequestError {
  return new XBeesRequestError({ kind: 'not-in-iframe', requestType, message: NOT_IN_IFRAME_MESSAGE });
}
