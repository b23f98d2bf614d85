/** Test wiring: a bridge on the jsdom window whose parent is a {@link FakeParent} and whose clock is manual. */
import { createBridge, type XBeesBridge } from '@/xbees/bridge';
import type { BridgeEnvironment, Clock } from '@/xbees/environment';
import { FakeParent, HOST_ORIGIN, RecordingLogger } from './fake-parent';
import { ManualClock } from './manual-clock';

export interface TestBridgeOptions {
  readonly clock?: Clock;
  readonly throttle?: boolean;
  readonly allowedOrigins?: readonly string[];
  readonly requestTimeoutMs?: number;
  readonly iframeId?: string | null;
  /** What `location.ancestorOrigins[0]` would say about the parent page. */
  readonly parentOrigin?: string;
}

export interface TestBridge {
  readonly bridge: XBeesBridge;
  readonly parent: FakeParent;
  readonly clock: Clock;
  readonly logger: RecordingLogger;
  readonly channels: MessageChannel[];
  readonly environment: BridgeEnvironment;
}

export function createTestBridge(options: TestBridgeOptions = {}): TestBridge {
  const clock = options.clock ?? new ManualClock();
  const parent = new FakeParent(window, { now: () => clock.now(), throttle: options.throttle ?? false });
  const logger = new RecordingLogger();
  const channels: MessageChannel[] = [];
  const environment: BridgeEnvironment = {
    self: window,
    parent,
    clock,
    logger,
    createChannel: () => {
      const channel = new MessageChannel();
      channels.push(channel);
      return channel;
    },
    ...(options.parentOrigin === undefined ? {} : { parentOrigin: options.parentOrigin }),
  };
  const bridge = createBridge({
    allowedOrigins: options.allowedOrigins ?? [HOST_ORIGIN],
    iframeId: options.iframeId === undefined ? 'frame-7' : options.iframeId,
    environment,
    ...(options.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: options.requestTimeoutMs }),
  });
  return { bridge, parent, clock, logger, channels, environment };
}
