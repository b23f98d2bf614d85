/**
 * Reports the integration's sign-in status to x-bees without tripping the host throttle (§2.1 step 7, §6).
 *
 * The host rejects a second `xBeesAuthorized` (or `xBeesNotAuthorized`) less than 1 s after the previous one of
 * that type, and refreshes its timestamp even when it rejects. So:
 * - a status equal to the last one sent is not sent again;
 * - a status whose type was sent less than `windowMs` ago is held until the window has passed (plus a small
 *   margin for delivery jitter); a newer status replaces a held one (the latest status wins), and a held status
 *   that became equal to the last one sent is dropped;
 * - a throttle rejection is never surfaced: the status counts as not delivered and is retried after the window,
 *   at most `maxThrottleRetries` times in a row;
 * - other failures are logged; the next report of that status sends it again.
 * Nothing is sent before {@link AuthReporter.open} (the bridge opens it once `ready()` has settled).
 */
import type { Cancel, Clock, Logger } from './environment';
import { XBeesRequestError, isThrottleRejection } from './errors';
import { REQUEST, THROTTLE_WINDOW_MS } from './protocol';

export type AuthStatus = 'authorized' | 'not-authorized';

export interface AuthReporter {
  report(status: AuthStatus): void;
  /** Allows sending (after the handshake). Reports made before are merged into the latest one. */
  open(): void;
  destroy(): void;
}

export interface AuthReporterOptions {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly send: (type: string) => Promise<unknown>;
  readonly windowMs?: number;
  readonly marginMs?: number;
  readonly maxThrottleRetries?: number;
}

const typeOf = (status: AuthStatus): string =>
  status === 'authorized' ? REQUEST.authorized.type : REQUEST.notAuthorized.type;

export function createAuthReporter(options: AuthReporterOptions): AuthReporter {
  const { clock, logger, send } = options;
  const windowMs = options.windowMs ?? THROTTLE_WINDOW_MS;
  const marginMs = options.marginMs ?? 50;
  const maxThrottleRetries = options.maxThrottleRetries ?? 3;

  let desired: AuthStatus | null = null;
  /** Last status handed to the host and not known to have failed. */
  let sent: AuthStatus | null = null;
  const lastSentAt = new Map<AuthStatus, number>();
  let cancelHold: Cancel | null = null;
  let isOpen = false;
  let destroyed = false;
  let throttleRetries = 0;

  function flush(): void {
    if (destroyed || !isOpen || desired === null) return;
    cancelHold?.();
    cancelHold = null;
    if (desired === sent) return;
    const status = desired;
    const last = lastSentAt.get(status);
    const wait = last === undefined ? 0 : last + windowMs + marginMs - clock.now();
    if (wait > 0) {
      cancelHold = clock.schedule(() => {
        cancelHold = null;
        flush();
      }, wait);
      return;
    }
    sent = status;
    lastSentAt.set(status, clock.now());
    send(typeOf(status)).then(
      () => {
        if (sent === status) throttleRetries = 0;
      },
      (error: unknown) => {
        onFailure(status, error);
      },
    );
  }

  function onFailure(status: AuthStatus, error: unknown): void {
    if (destroyed) return;
    const stillCurrent = sent === status;
    if (stillCurrent) sent = null;
    if (isThrottleRejection(error)) {
      // The host refreshed its timestamp when it skipped us.
      lastSentAt.set(status, clock.now());
      if (!stillCurrent) return;
      if (throttleRetries < maxThrottleRetries) {
        throttleRetries += 1;
        flush();
      } else {
        throttleRetries = 0;
        logger.warn(`[x-bees] ${typeOf(status)} kept being throttled; it will be sent with the next status report`);
      }
      return;
    }
    if (error instanceof XBeesRequestError && (error.kind === 'not-in-iframe' || error.kind === 'destroyed')) return;
    logger.warn(`[x-bees] ${typeOf(status)} failed`, error);
  }

  return {
    report(status) {
      desired = status;
      flush();
    },
    open() {
      isOpen = true;
      flush();
    },
    destroy() {
      destroyed = true;
      cancelHold?.();
      cancelHold = null;
    },
  };
}
