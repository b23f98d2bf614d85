/**
 * Client state that comes from x-bees: who we are (variant, iframe id, user e-mail), what the frame is about
 * (context), the theme, the current call and how the handshake went. Written only by the bridge wiring
 * (start-bridge, theme); read through the selector hooks below.
 */
import { createStore } from 'zustand/vanilla';
import type { CallInfo, ThemeMode, Variant, XBeesContext } from './protocol';

/**
 * - `idle`: the bridge has not started;
 * - `connecting`: `xBeesReady` sent, no reply yet;
 * - `ready`: the host acknowledged `xBeesReady`;
 * - `no-parent`: not inside an iframe (nothing can be sent);
 * - `failed`: the host did not acknowledge (timeout or error); see `handshakeError`.
 */
export type HandshakeStatus = 'idle' | 'connecting' | 'ready' | 'no-parent' | 'failed';

export type ContextStatus = 'idle' | 'loading' | 'loaded' | 'failed';

export interface CallState {
  readonly status: 'active' | 'ended';
  /** Started-event info, completed by the ended-event info (later fields win). */
  readonly info: CallInfo;
  /** Local clock (ms) when the events arrived; null when we did not see that event. */
  readonly startedAt: number | null;
  readonly endedAt: number | null;
}

interface XBeesSessionState {
  readonly variant: Variant | null;
  readonly iframeId: string | null;
  readonly userEmail: string | null;
  readonly context: XBeesContext | null;
  readonly contextStatus: ContextStatus;
  readonly themeMode: ThemeMode;
  readonly call: CallState | null;
  readonly handshake: HandshakeStatus;
  readonly handshakeError: string | null;
}

const initialState: XBeesSessionState = {
  variant: null,
  iframeId: null,
  userEmail: null,
  context: null,
  contextStatus: 'idle',
  themeMode: 'light',
  call: null,
  handshake: 'idle',
  handshakeError: null,
};

/** The vanilla store: the daemon reads it without React; UI code uses the hooks in src/kit/xbees-session-hooks.ts. */
export const xbeesSessionStore = createStore<XBeesSessionState>()(() => initialState);

// --- plain readers (outside React: daemon handlers, auth) -----------------------------------------------

/** The x-bees user's e-mail read from the URL at start (null before `startBridge` or when absent). */
export const getUserEmail = (): string | null => xbeesSessionStore.getState().userEmail;
export const getHandshakeStatus = (): HandshakeStatus => xbeesSessionStore.getState().handshake;
export const getXBeesContextSnapshot = (): XBeesContext | null => xbeesSessionStore.getState().context;

// --- actions ---------------------------------------------------------------------------------------------

export function setLaunchInfo(launch: {
  readonly variant: Variant | null;
  readonly iframeId: string | null;
  readonly userEmail: string | null;
}): void {
  xbeesSessionStore.setState({ variant: launch.variant, iframeId: launch.iframeId, userEmail: launch.userEmail });
}

export function setHandshake(handshake: HandshakeStatus, error: string | null = null): void {
  xbeesSessionStore.setState({ handshake, handshakeError: error });
}

export function setContextLoading(): void {
  xbeesSessionStore.setState({ contextStatus: 'loading' });
}

export function setXBeesContext(context: XBeesContext): void {
  xbeesSessionStore.setState({ context, contextStatus: 'loaded' });
}

export function setContextFailed(): void {
  xbeesSessionStore.setState({ contextStatus: 'failed' });
}

export function setThemeMode(themeMode: ThemeMode): void {
  if (xbeesSessionStore.getState().themeMode !== themeMode) xbeesSessionStore.setState({ themeMode });
}

export function recordCallStarted(info: CallInfo, at: number): void {
  xbeesSessionStore.setState({ call: { status: 'active', info, startedAt: at, endedAt: null } });
}

/** Ends the current call; an ended event for a different call id starts a fresh record. */
export function recordCallEnded(info: CallInfo, at: number): void {
  const previous = xbeesSessionStore.getState().call;
  const sameCall =
    previous !== null &&
    previous.status === 'active' &&
    (info.callId === undefined || previous.info.callId === undefined || info.callId === previous.info.callId);
  xbeesSessionStore.setState({
    call: sameCall
      ? { status: 'ended', info: { ...previous.info, ...info }, startedAt: previous.startedAt, endedAt: at }
      : { status: 'ended', info, startedAt: null, endedAt: at },
  });
}

/** Back to the initial state (tests, or a full restart of the bridge). */
export function resetXBeesSession(): void {
  xbeesSessionStore.setState(initialState, true);
}
