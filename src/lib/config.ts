/**
 * The runtime configuration, `config.json` next to the app: deployers edit it without a rebuild. It is
 * validated with the shared guards (a schema library would cost more than the whole daemon may weigh) and
 * every problem is reported with its JSON path.
 */
import { parseLoggingSettings, type LoggingSettings } from '@/logging/settings';
import { isRecord, reportUnknownKeys, sectionAt } from './guards';

export interface AppConfig {
  salesforce: {
    /** Consumer Key of the External Client App. */
    clientId: string;
    /** The org's My Domain, when the deployer pins it; otherwise each user types theirs. */
    domain?: string;
    apiVersion: string;
  };
  xbees: {
    allowedOrigins: string[];
    /** Names of the URL parameters x-bees passes besides `variant` and `iframeId` (protocol spec §7.5). */
    urlParams: { userEmail: string };
  };
  phone: { defaultRegion?: string };
  /** Automatic logging (README "Automatic logging settings"); null: nothing is logged automatically. */
  logging: LoggingSettings | null;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    message: string,
    readonly problems: readonly string[],
  ) {
    super(message);
  }
}

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value.replace(/\/$/, '');
  } catch {
    return false;
  }
}

function isUrl(value: string): boolean {
  try {
    return Boolean(new URL(value).host);
  } catch {
    return false;
  }
}

/** Validates a parsed config.json; every problem is listed with its JSON path. */
export function parseConfig(raw: unknown): AppConfig {
  const problems: string[] = [];
  const problem = (path: string, message: string) => problems.push(`${path}: ${message}`);
  const unknownKeys = (value: Record<string, unknown>, path: string, known: readonly string[]) => {
    reportUnknownKeys(value, path, known, problem);
  };
  const section = (value: unknown, path: string, required: boolean) => sectionAt(value, path, required, problem);

  if (!isRecord(raw))
    throw new ConfigError('config.json is invalid: (root): must be an object', ['(root): must be an object']);
  unknownKeys(raw, '', ['salesforce', 'xbees', 'phone', 'logging']);

  const sf = section(raw.salesforce, 'salesforce', true);
  let clientId = '';
  let domain: string | undefined;
  let apiVersion = 'v66.0';
  if (sf) {
    unknownKeys(sf, 'salesforce', ['clientId', 'domain', 'apiVersion']);
    if (typeof sf.clientId !== 'string' || sf.clientId.trim() === '')
      problem('salesforce.clientId', 'must be the Consumer Key of the External Client App');
    else clientId = sf.clientId.trim();
    if (sf.domain !== undefined) {
      if (typeof sf.domain !== 'string' || !isUrl(sf.domain))
        problem('salesforce.domain', 'must be the My Domain URL, e.g. https://acme.my.salesforce.com');
      else domain = sf.domain;
    }
    if (sf.apiVersion !== undefined) {
      if (typeof sf.apiVersion !== 'string' || !/^v\d{2,3}\.0$/.test(sf.apiVersion))
        problem('salesforce.apiVersion', 'must look like v66.0');
      else apiVersion = sf.apiVersion;
    }
  }

  const xb = section(raw.xbees, 'xbees', true);
  const allowedOrigins: string[] = [];
  let userEmail = 'user';
  if (xb) {
    unknownKeys(xb, 'xbees', ['allowedOrigins', 'urlParams']);
    if (!Array.isArray(xb.allowedOrigins) || xb.allowedOrigins.length === 0) {
      problem('xbees.allowedOrigins', 'must list at least one x-bees origin');
    } else {
      xb.allowedOrigins.forEach((origin: unknown, index) => {
        if (typeof origin === 'string' && isOrigin(origin)) allowedOrigins.push(origin.replace(/\/$/, ''));
        else
          problem(
            `xbees.allowedOrigins.${String(index)}`,
            'must be an origin such as https://app.x-bees.com (scheme and host, no path)',
          );
      });
    }
    const params = section(xb.urlParams, 'xbees.urlParams', false);
    if (params) {
      unknownKeys(params, 'xbees.urlParams', ['userEmail']);
      if (params.userEmail !== undefined) {
        if (typeof params.userEmail !== 'string' || params.userEmail === '')
          problem('xbees.urlParams.userEmail', 'must be a URL parameter name');
        else userEmail = params.userEmail;
      }
    }
  }

  const phoneSection = section(raw.phone, 'phone', false);
  let defaultRegion: string | undefined;
  if (phoneSection) {
    unknownKeys(phoneSection, 'phone', ['defaultRegion']);
    if (phoneSection.defaultRegion !== undefined) {
      if (typeof phoneSection.defaultRegion !== 'string' || !/^[A-Z]{2}$/.test(phoneSection.defaultRegion)) {
        problem('phone.defaultRegion', 'must be an ISO 3166 country code such as US');
      } else defaultRegion = phoneSection.defaultRegion;
    }
  }

  const logging = parseLoggingSettings(raw.logging, problem);

  if (problems.length > 0) throw new ConfigError(`config.json is invalid: ${problems.join('; ')}`, problems);
  return {
    salesforce: { clientId, apiVersion, ...(domain === undefined ? {} : { domain }) },
    xbees: { allowedOrigins, urlParams: { userEmail } },
    phone: defaultRegion === undefined ? {} : { defaultRegion },
    logging,
  };
}

/** Loads `config.json` next to the app. */
export async function loadConfig(url: string | URL = new URL('config.json', document.baseURI)): Promise<AppConfig> {
  let response: Response;
  try {
    response = await fetch(url, { cache: 'no-store' });
  } catch (cause) {
    throw new ConfigError(`config.json could not be loaded (${String(cause)})`, ['network error']);
  }
  if (!response.ok)
    throw new ConfigError(`config.json could not be loaded (HTTP ${String(response.status)})`, [
      `HTTP ${String(response.status)}`,
    ]);
  let raw: unknown;
  try {
    raw = await response.json();
  } catch {
    throw new ConfigError('config.json is not valid JSON', ['not JSON']);
  }
  return parseConfig(raw);
}
