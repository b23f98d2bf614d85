/** MSW request handlers serving one emulated org at its My Domain origin. */
import { http, type HttpHandler } from 'msw';
import type { SalesforceEmulator } from './emulator';

export function salesforceHandlers(emulator: SalesforceEmulator): HttpHandler[] {
  return [http.all(`${emulator.origin}/*`, ({ request }) => emulator.handle(request))];
}
