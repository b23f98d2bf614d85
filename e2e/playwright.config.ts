import { defineConfig } from '@playwright/test';
import { APP_PORT, CHROMIUM_ARGS, CHROMIUM_PATH, HOST_ORIGIN, HOST_PORT, ORG_PORT, WORKERS } from './environment';

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: './.artifacts/results',
  // Each worker has its own emulated org and app (environment.ts), and each test resets its org: tests run
  // in any order on any worker.
  workers: WORKERS,
  fullyParallel: true,
  forbidOnly: true,
  retries: 0,
  timeout: 45_000,
  expect: { timeout: 7_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    trace: { mode: 'retain-on-failure', snapshots: false, screenshots: false, sources: false },
    screenshot: 'only-on-failure',
  },
  webServer: {
    command: 'npx tsx mocks/server.ts',
    cwd: '..',
    url: `${HOST_ORIGIN}/`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      APP_MODE: 'dist',
      HOST_PORT: String(HOST_PORT),
      APP_PORT: String(APP_PORT),
      ORG_PORT: String(ORG_PORT),
      ENVIRONMENTS: String(WORKERS),
      SEARCH_INDEX_LAG_MS: '15000',
    },
  },
});
