/**
 * Test double of the x-bees host as the bridge sees it: it receives requests (`{type, payload, iframeId}` plus
 * the transferred port), answers on the port like the host of §2.1 (optionally with its throttle), and
 * dispatches host events to the app window with a chosen `source` and `origin`.
 */
import { isRecord } from '@/lib/guards';
import type { ParentWindow } from '@/xbees/environment';
import { REQUEST, THROTTLED_MESSAGE, THROTTLE_WINDOW_MS, requestKeyOf } from '@/xbees/protocol';

export const HOST_ORIGIN = 'https://app.x-bees.com';

export interface ReceivedRequest {
  readonly type: string;
  /** The envelope exactly as posted. */
  readonly message: Readonly<Record<string, unknown>>;
  readonly payload: unknown;
  readonly targetOrigin: string;
  readonly port: MessagePort | undefined;
  readonly at: number;
}

/** What the host answers on the port; `'no-reply'` keeps silent (for timeouts). */
export type HostReply = { readonly errorMessage?: string; readonly payload?: unknown } | 'no-reply';

export interface FakeParentOptions {
  /** Clock of the host throttle (default `Date.now`). */
  readonly now?: () => number;
  /** Emulate the 1 s throttle of `xBeesAuthorized` / `xBeesNotAuthorized` / `xBeesStartCall`. */
  readonly throttle?: boolean;
}

export interface EmitOptions {
  readonly origin?: string;
  /** `'parent'` (default): this fake; anything else: that object or null. */
  readonly source?: 'parent' | MessageEventSource | null;
  /** Send the data as a JSON string. */
  readonly json?: boolean;
}

const THROTTLED_TYPES = new Set<string>([REQUEST.authorized.type, REQUEST.notAuthorized.type, REQUEST.startCall.type]);

export interface SentReply {
  readonly type: string;
  readonly errorMessage: string;
  readonly payload: unknown;
}

export class FakeParent implements ParentWindow {
  readonly requests: ReceivedRequest[] = [];
  /** Every reply posted on a port, in order. */
  readonly replies: SentReply[] = [];
  private readonly customReplies = new Map<string, (request: ReceivedRequest) => HostReply>();
  private readonly lastByType = new Map<string, number>();
  private readonly now: () => number;
  private readonly throttle: boolean;
  /** Messages a browser would not deliver here (their target origin is not this host's). */
  readonly dropped: { targetOrigin: string }[] = [];

  constructor(
    private readonly app: Window,
    options: FakeParentOptions = {},
  ) {
    this.now = options.now ?? (() => Date.now());
    this.throttle = options.throttle ?? false;
  }

  postMessage(message: unknown, targetOrigin: string, transfer: Transferable[]): void {
    // Like a browser: a message for another origin never reaches this page.
    if (targetOrigin !== '*' && targetOrigin !== HOST_ORIGIN) {
      this.dropped.push({ targetOrigin });
      return;
    }
    const port = transfer.find((item): item is MessagePort => item instanceof MessagePort);
    const envelope = isRecord(message) ? { ...message } : {};
    const type = typeof envelope.type === 'string' ? envelope.type : '';
    const request: ReceivedRequest = {
      type,
      message: envelope,
      payload: envelope.payload,
      targetOrigin,
      port,
      at: this.now(),
    };
    this.requests.push(request);
    if (!port) return;
    const reply = this.replyFor(request);
    if (reply === 'no-reply') return;
    const sent: SentReply = { type, errorMessage: reply.errorMessage ?? '', payload: reply.payload };
    this.replies.push(sent);
    port.postMessage(sent);
  }

  private replyFor(request: ReceivedRequest): HostReply {
    if (request.type === '') return { errorMessage: 'message skipped, message type should be provided' };
    if (this.throttle && THROTTLED_TYPES.has(request.type)) {
      const last = this.lastByType.get(request.type);
      this.lastByType.set(request.type, request.at);
      if (last !== undefined && request.at - last < THROTTLE_WINDOW_MS) return { errorMessage: THROTTLED_MESSAGE };
    }
    const custom = this.customReplies.get(request.type);
    if (custom) return custom(request);
    if (requestKeyOf(request.type) === undefined) return { errorMessage: `command ${request.type} not supported` };
    return { payload: 'ok' };
  }

  /** Sets the answer to one request type (a fixed reply or a function of the request). */
  replyTo(type: string, reply: HostReply | ((request: ReceivedRequest) => HostReply)): void {
    this.customReplies.set(type, typeof reply === 'function' ? reply : () => reply);
  }

  /** Dispatches a host event `{type, payload?}` to the app window. */
  emit(type: string, payload?: unknown, options: EmitOptions = {}): void {
    const message = payload === undefined ? { type } : { type, payload };
    this.emitRaw(options.json ? JSON.stringify(message) : message, options);
  }

  /** Dispatches arbitrary `data` (for malformed-message tests). */
  emitRaw(data: unknown, options: EmitOptions = {}): void {
    const event = new MessageEvent('message', { data, origin: options.origin ?? HOST_ORIGIN });
    const source = options.source === undefined ? 'parent' : options.source;
    // MessageEventInit only takes real windows/ports; the fake stands in for window.parent.
    Object.defineProperty(event, 'source', { value: source === 'parent' ? this : source });
    this.app.dispatchEvent(event);
  }

  types(): string[] {
    return this.requests.map((request) => request.type);
  }

  ofType(type: string): ReceivedRequest[] {
    return this.requests.filter((request) => request.type === type);
  }
}

/** Test double of the logger: keeps every warning. */
export class RecordingLogger {
  readonly warnings: unknown[][] = [];

  warn(message: string, ...details: unknown[]): void {
    this.warnings.push([message, ...details]);
  }

  get messages(): string[] {
    return this.warnings.map(([message]) => String(message));
  }
}

/** Lets pending port messages and promise callbacks run (real timers only). */
export function settle(ms = 30): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(resolve, ms);
  });
}
