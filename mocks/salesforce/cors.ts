/**
 * CORS as a configured org answers it (README "Salesforce API facts"), for the HTTP server that hosts the
 * emulator in the demo and e2e. MSW in Node doesn't apply CORS; browsers do, so this is what makes the
 * product's CORS handling real.
 */
import type { SalesforceEmulator } from './emulator';

export const ALLOWED_REQUEST_HEADERS = [
  'authorization',
  'content-type',
  'accept',
  'accept-language',
  'x-prettyprint',
  'x-sfdc-session',
  'sforce-auto-assign',
  'sforce-duplicate-rule-header',
  'sforce-query-options',
  'sforce-call-options',
  'if-none-match',
  'if-match',
  'if-modified-since',
];

export type CorsPolicy =
  /** No CORS headers: the browser blocks the response. */
  | { kind: 'none' }
  /** Access-Control-Allow-Origin for this origin. */
  | { kind: 'origin'; origin: string }
  /** Always-on endpoints (discovery, keys) and the test controls. */
  | { kind: 'any' };

function endpointClass(path: string): 'always' | 'oauth' | 'allowlist' | 'control' {
  if (path.startsWith('/__emulator/')) return 'control';
  if (path.startsWith('/.well-known/') || path === '/id/keys' || path === '/services/oauth2/id/keys') return 'always';
  if (/^\/services\/oauth2\/(token|revoke|introspect|authorize)\/?$/.test(path)) return 'oauth';
  return 'allowlist';
}

/** An Allowed Origins List entry: an exact origin, or `https://*.example.com` for its subdomains (§1.11). */
function originAllowed(entry: string, origin: string): boolean {
  const wildcard = /^https:\/\/\*\.(.+)$/.exec(entry);
  if (!wildcard) return entry === origin;
  return (
    origin.startsWith('https://') &&
    origin.endsWith(`.${wildcard[1] ?? ''}`) &&
    !origin.slice('https://'.length).includes('/')
  );
}

/** Which CORS headers a request from `origin` to `path` gets. */
export function corsPolicy(emulator: SalesforceEmulator, path: string, origin: string | null): CorsPolicy {
  const kind = endpointClass(path);
  if (kind === 'control' || kind === 'always') return { kind: 'any' };
  if (!origin) return { kind: 'none' };
  const allowlisted =
    emulator.settings.corsEnabled && emulator.settings.corsAllowedOrigins.some((entry) => originAllowed(entry, origin));
  if (!allowlisted) return { kind: 'none' };
  if (kind === 'oauth' && !emulator.settings.oauthCorsEnabled) return { kind: 'none' };
  return { kind: 'origin', origin };
}

/** Headers for an actual (non-preflight) response. */
export function corsHeaders(policy: CorsPolicy): Record<string, string> {
  if (policy.kind === 'none') return {};
  if (policy.kind === 'any') return { 'Access-Control-Allow-Origin': '*' };
  return { 'Access-Control-Allow-Origin': policy.origin, Vary: 'Origin' };
}

/** The answer to an OPTIONS preflight: 204 with the grant, or 403 for an origin that isn't allowed. */
export function preflight(
  emulator: SalesforceEmulator,
  path: string,
  origin: string | null,
  requestHeaders: string | null,
): Response {
  const policy = corsPolicy(emulator, path, origin);
  if (policy.kind === 'none') return new Response(null, { status: 403 });
  const requested = (requestHeaders ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  const allowed = policy.kind === 'any' ? requested : requested.filter((h) => ALLOWED_REQUEST_HEADERS.includes(h));
  if (policy.kind === 'origin' && allowed.length !== requested.length) return new Response(null, { status: 403 });
  return new Response(null, {
    status: 204,
    headers: {
      ...corsHeaders(policy),
      'Access-Control-Allow-Methods': 'GET, POST, PATCH, PUT, DELETE, HEAD, OPTIONS',
      'Access-Control-Allow-Headers': allowed.join(', ') || 'authorization, content-type',
      'Access-Control-Max-Age': '600',
    },
  });
}
