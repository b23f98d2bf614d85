/**
 * Ports and origins of the e2e environment (mocks/server.ts with APP_MODE=dist and ENVIRONMENTS=WORKERS).
 * One host page serves every worker; worker i (Playwright's TEST_PARALLEL_INDEX) has its own emulated org and
 * app on the base ports + i, so tests in different workers share no state (README, "Tests").
 */
export const WORKERS = Number(process.env.E2E_WORKERS ?? 2);
const workerIndex = Number(process.env.TEST_PARALLEL_INDEX ?? 0);

export const HOST_PORT = Number(process.env.E2E_HOST_PORT ?? 5100);
export const APP_PORT = Number(process.env.E2E_APP_PORT ?? 5200);
export const ORG_PORT = Number(process.env.E2E_ORG_PORT ?? 5300);

export const HOST_ORIGIN = `http://127.0.0.1:${String(HOST_PORT)}`;
export const APP_ORIGIN = `http://localhost:${String(APP_PORT + workerIndex)}`;
export const ORG_ORIGIN = `http://localhost:${String(ORG_PORT + workerIndex)}`;
export const HOST_URL = `${HOST_ORIGIN}/?app=${encodeURIComponent(`${APP_ORIGIN}/`)}&org=${encodeURIComponent(ORG_ORIGIN)}`;

/**
 * Playwright's Chromium defaults disable these features. Its list includes ThirdPartyStoragePartitioning,
 * and without partitioning this Chromium denies a cross-site frame any localStorage. Chromium honours only
 * the last --disable-features switch, so passing this list again (without ThirdPartyStoragePartitioning)
 * gives the app frame partitioned storage, as real Chrome does inside x-bees.
 */
const PLAYWRIGHT_DISABLED_FEATURES_KEPT = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
];

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  `--disable-features=${PLAYWRIGHT_DISABLED_FEATURES_KEPT.join(',')}`,
];

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
