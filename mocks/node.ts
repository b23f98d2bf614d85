/**
 * Vitest adapter: one emulated org on `https://acme.my.salesforce.com`, served through MSW's
 * setupServer. Each test file creates its own and resets it before each test.
 */
import { setupServer } from 'msw/node';
import { SalesforceEmulator, type EmulatorOptions } from './salesforce/emulator';
import { salesforceHandlers } from './salesforce/handlers';

export const TEST_ORG_ORIGIN = 'https://acme.my.salesforce.com';
export const TEST_CLIENT_ID = '3MVG9unitTestClientId';
/** jsdom's default document URL in Vitest. */
export const TEST_APP_ORIGIN = 'http://localhost:3000';
export const TEST_REDIRECT_URI = `${TEST_APP_ORIGIN}/oauth-callback.html`;

export function createTestOrg(options: Partial<EmulatorOptions> = {}) {
  const emulator = new SalesforceEmulator({
    origin: TEST_ORG_ORIGIN,
    clientId: TEST_CLIENT_ID,
    redirectUris: [TEST_REDIRECT_URI],
    corsAllowedOrigins: [TEST_APP_ORIGIN],
    ...options,
  });
  const server = setupServer(...salesforceHandlers(emulator));
  return { emulator, server };
}
