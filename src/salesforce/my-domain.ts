/**
 * The org's My Domain: the OAuth authority and, for REST, the instance URL. Only My Domain hosts answer
 * CORS on the token endpoint (README "Salesforce API facts"), so login.salesforce.com and Lightning hosts are
 * refused with the fix spelled out.
 */

export type OrgEnvironment = 'production' | 'sandbox' | 'developer' | 'scratch' | 'local';

export type DomainCheck =
  | { ok: true; origin: string; environment: OrgEnvironment; myDomainName: string }
  | { ok: false; reason: DomainProblem; suggestion?: string };

export type DomainProblem =
  | 'empty'
  | 'not-a-url'
  | 'not-https'
  | 'generic-login-host'
  | 'lightning-host'
  | 'setup-host'
  | 'not-my-domain'
  | 'has-path';

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|[a-z0-9-]+\.localhost)$/i;
const LABEL = '[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?';
const PATTERNS: { env: OrgEnvironment; re: RegExp }[] = [
  { env: 'sandbox', re: new RegExp(`^(${LABEL})--(${LABEL})\\.sandbox\\.my\\.salesforce\\.com$`, 'i') },
  { env: 'developer', re: new RegExp(`^(${LABEL})\\.develop\\.my\\.salesforce\\.com$`, 'i') },
  { env: 'scratch', re: new RegExp(`^(${LABEL})\\.scratch\\.my\\.salesforce\\.com$`, 'i') },
  { env: 'production', re: new RegExp(`^(${LABEL})\\.my\\.salesforce\\.com$`, 'i') },
];

/** Validates what a user typed (or config.json pins) and returns the https origin to use. */
export function checkMyDomain(input: string): DomainCheck {
  const trimmed = input.trim();
  if (trimmed === '') return { ok: false, reason: 'empty' };
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, reason: 'not-a-url' };
  }
  const host = url.hostname.toLowerCase();
  if (url.pathname !== '/' && url.pathname !== '') {
    // A pasted record or setup URL still tells us the org; the path is dropped after a clear hint.
    const check = checkHost(host, url);
    if (check.ok) return { ok: false, reason: 'has-path', suggestion: check.origin };
    return check;
  }
  return checkHost(host, url);
}

function checkHost(host: string, url: URL): DomainCheck {
  if (LOOPBACK.test(host)) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: 'not-a-url' };
    return { ok: true, origin: url.origin, environment: 'local', myDomainName: host };
  }
  if (url.protocol !== 'https:') return { ok: false, reason: 'not-https', suggestion: `https://${url.host}` };
  if (host === 'login.salesforce.com' || host === 'test.salesforce.com')
    return { ok: false, reason: 'generic-login-host' };
  const lightning = /^(.+?)\.(sandbox\.|develop\.|scratch\.)?lightning\.force\.com$/i.exec(host);
  if (lightning) {
    return {
      ok: false,
      reason: 'lightning-host',
      suggestion: `https://${lightning[1] ?? ''}.${lightning[2] ?? ''}my.salesforce.com`,
    };
  }
  const setup = /^(.+?)\.(sandbox\.|develop\.|scratch\.)?my\.salesforce-setup\.com$/i.exec(host);
  if (setup)
    return {
      ok: false,
      reason: 'setup-host',
      suggestion: `https://${setup[1] ?? ''}.${setup[2] ?? ''}my.salesforce.com`,
    };
  for (const { env, re } of PATTERNS) {
    const match = re.exec(host);
    if (match) return { ok: true, origin: `https://${host}`, environment: env, myDomainName: match[1] ?? host };
  }
  if (/^[a-z0-9-]+$/i.test(host))
    return { ok: false, reason: 'not-my-domain', suggestion: `https://${host}.my.salesforce.com` };
  return { ok: false, reason: 'not-my-domain' };
}

/** The guide's environment choice: sandboxes are "sandbox", everything else "live". */
export function liveOrSandbox(environment: OrgEnvironment): 'live' | 'sandbox' | 'local' {
  if (environment === 'sandbox' || environment === 'scratch') return 'sandbox';
  if (environment === 'local') return 'local';
  return 'live';
}
