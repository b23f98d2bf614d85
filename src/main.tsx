/**
 * Entry: read the variant → load and validate config.json → open the shared Salesforce session → start
 * the x-bees bridge (handlers first, then ready) → report the sign-in state to x-bees → in UI variants,
 * lazily mount the app. The daemon stays headless (no React, no SLDS).
 */
import { loadConfig, type AppConfig } from '@/lib/config';
import { callbackUrl } from '@/salesforce/auth/callback-url';
import { frameStorage } from '@/lib/storage';
import { SessionManager, scopeOf, type AuthState } from '@/salesforce/auth/session-manager';
import { SalesforceClient } from '@/salesforce/client';
import { DescribeCache } from '@/salesforce/describe';
import { RecentRecords } from '@/salesforce/recent-records';
import { LazyOutbox } from '@/salesforce/outbox-lazy';
import { preferredRegion } from '@/lib/region';
import { readLaunchParams, showsUi } from '@/xbees/launch-params';
import { startBridge } from '@/xbees/start-bridge';
import { registerDaemonHandlers } from './daemon/daemon';

async function main(): Promise<void> {
  const container = document.getElementById('root');
  const ui = showsUi(readLaunchParams(window.location.search, 'user').variant);

  let config: AppConfig;
  try {
    config = await loadConfig();
  } catch (configError) {
    console.error('[app] config.json', configError);
    if (ui && container) (await import('./app/mount')).mountApp(container, { kind: 'config-error', configError });
    return;
  }

  const { storage, persistent } = frameStorage();
  const session = new SessionManager({
    clientId: config.salesforce.clientId,
    storage,
    eventTarget: window,
    locks: 'locks' in navigator ? navigator.locks : null,
    // The hidden daemon lives as long as x-bees; info frames come and go with conversations.
    renewal: ui ? { role: 'delegate', waitMs: 2500 } : { role: 'serve' },
  });
  const client = new SalesforceClient(session, config.salesforce.apiVersion);
  const describes = new DescribeCache({
    client,
    storage,
    scope: () => scopeOf(session.store.getState().session),
  });
  const recent = new RecentRecords(storage);
  // Every instance (the daemon too) may flush: a write saved in a panel that x-bees closed still lands.
  const outbox = new LazyOutbox(async () => {
    const { Outbox } = await import('@/salesforce/outbox/outbox');
    const real = new Outbox({ client, session, onError: (error) => console.warn('[outbox]', error) });
    real.start();
    return real;
  });
  // Not at start: after the first answers, send what an earlier panel may have left pending.
  setTimeout(() => void outbox.load(), 1500);
  const region = preferredRegion(config.phone.defaultRegion, navigator.languages);

  const started = startBridge({
    config: config.xbees,
    register: (bridge) => {
      // x-bees signs the user out of its integrations: sign out of Salesforce too (all instances follow).
      bridge.onLogout(() => void session.signOut());
      // Live Search and lookup-and-match (x-bees sends them to the daemon; any instance can answer).
      registerDaemonHandlers(bridge, { session, client, describes, recent, region });
    },
  });
  const report = (state: AuthState) => {
    if (state.status === 'signed-in') {
      started.bridge.isAuthorized();
      // Off the critical path: a screen pop then needs one request, not describes first.
      void describes.warm(['Contact', 'Account', 'Lead']);
    } else if (state.status === 'signed-out') started.bridge.isNotAuthorized();
  };
  report(session.store.getState());
  session.store.subscribe(report);

  if (started.showsUi && container) {
    (await import('./app/mount')).mountApp(container, {
      kind: 'ready',
      config,
      bridge: started.bridge,
      salesforce: {
        client,
        describes,
        outbox,
        recent,
        region,
        storage,
        session,
        popup: { clientId: config.salesforce.clientId, redirectUri: callbackUrl(), storage },
        pinnedDomain: config.salesforce.domain,
        storagePersistent: persistent,
      },
    });
  }
}

void main();
