/**
 * One emulated Salesforce org: its data (OrgStore), its OAuth server, its REST API and the test
 * controls, behind a single `handle(request)` that takes a web Request and returns a web Response. MSW
 * handlers (unit tests), the node HTTP server (demo and e2e) and composite subrequests all go through it.
 */
import { handleControl } from './controls';
import { SfApiError, errors } from './errors';
import { handleOAuth, type OAuthState, createOAuthState } from './oauth';
import { handleRest } from './rest';
import { seedOrg, type SeedDirectory, type SeedIds } from './seed';
import { OrgStore } from './store';

export const ORG_ID = '00D5g000004XYZAEA2';
export const SUPPORTED_API_VERSIONS = Array.from({ length: 68 - 31 + 1 }, (_, i) => `${String(31 + i)}.0`);

/** A version's release name: three releases a year, v66.0 is Spring '26 and Winter is named after the next year. */
export function releaseLabel(version: string): string {
  const k = Number.parseInt(version, 10) - 66;
  const season = ['Spring', 'Summer', 'Winter'][((k % 3) + 3) % 3] ?? 'Spring';
  return `${season} '${String(26 + Math.floor((k + 1) / 3)).padStart(2, '0')}`;
}

export interface EmulatorSettings {
  /** Consumer key of the External Client App. */
  clientId: string;
  /** Callback URLs registered on the app (exact match). */
  redirectUris: string[];
  /** Setup → Security → CORS → Allowed Origins List. */
  corsAllowedOrigins: string[];
  /** false = the allowlist is empty, as in an org where the admin skipped the CORS step. */
  corsEnabled: boolean;
  /** Setup → CORS → "Enable CORS for OAuth endpoints". */
  oauthCorsEnabled: boolean;
  /** false = an edition without API access (API_DISABLED_FOR_ORG). */
  apiEnabled: boolean;
  /** false = the user lacks "API Enabled" or API Access Control blocks the app: INVALID_SESSION_ID for REST. */
  restSessionValid: boolean;
  refreshTokenRotation: boolean;
  /** false = the app is not installed and the user can't approve uninstalled apps. */
  appInstalled: boolean;
  latencyMs: number;
  queryBatchSize: number;
  dailyApiMax: number;
}

export interface Fault {
  id: number;
  match: { method?: string; path?: string };
  remaining: number;
  action: 'fail' | 'drop' | 'commit-then-fail' | 'commit-then-drop';
  status: number;
  body: unknown;
}

export interface LogEntry {
  seq: number;
  at: string;
  method: string;
  path: string;
  origin: string | null;
  status: number | 'dropped';
  ms: number;
  fault?: Fault['action'];
  /** For composite requests: the subrequests' method and url. */
  subrequests?: string[];
}

export interface EmulatorOptions {
  /** The org's My Domain origin, e.g. https://acme.my.salesforce.com or http://localhost:4300. */
  origin: string;
  clientId?: string;
  redirectUris?: string[];
  corsAllowedOrigins?: string[];
  /** Pin the clock (tests). */
  now?: () => Date;
  searchIndexLagMs?: number;
}

const DEFAULT_CLIENT_ID = '3MVG9emulatedXbeesClientId.ForTestsAndDemo';

export class SalesforceEmulator {
  readonly store = new OrgStore();
  readonly origin: string;
  settings: EmulatorSettings;
  oauth: OAuthState;
  ids!: SeedIds;
  directory!: SeedDirectory;
  readonly log: LogEntry[] = [];
  faults: Fault[] = [];
  apiUsed = 0;
  private seq = 0;
  private faultSeq = 0;
  private readonly initialSettings: EmulatorSettings;
  private readonly initialLag: number;
  /** Paged query results: locator → all rows, the total and the page size the first request chose. */
  readonly cursors = new Map<string, { rows: unknown[]; totalSize: number; batchSize: number }>();
  cursorSeq = 0;

  constructor(options: EmulatorOptions) {
    this.origin = options.origin.replace(/\/$/, '');
    if (options.now) this.store.now = options.now;
    this.initialSettings = {
      clientId: options.clientId ?? DEFAULT_CLIENT_ID,
      redirectUris: options.redirectUris ?? [],
      corsAllowedOrigins: options.corsAllowedOrigins ?? [],
      corsEnabled: true,
      oauthCorsEnabled: true,
      apiEnabled: true,
      restSessionValid: true,
      refreshTokenRotation: true,
      appInstalled: true,
      latencyMs: 0,
      queryBatchSize: 2000,
      dailyApiMax: 15000,
    };
    this.initialLag = options.searchIndexLagMs ?? 0;
    this.settings = { ...this.initialSettings };
    this.oauth = createOAuthState();
    this.reset();
  }

  /** Back to the seed: data, settings, tokens, faults and log. */
  reset(): void {
    this.store.clear();
    this.store.searchIndexLagMs = this.initialLag;
    this.settings = {
      ...this.initialSettings,
      redirectUris: [...this.initialSettings.redirectUris],
      corsAllowedOrigins: [...this.initialSettings.corsAllowedOrigins],
    };
    this.oauth = createOAuthState();
    this.faults = [];
    this.log.length = 0;
    this.cursors.clear();
    this.apiUsed = 0;
    const seeded = seedOrg(this.store);
    this.ids = seeded.ids;
    this.directory = seeded.directory;
  }

  /** The user the OAuth flow signs in by default. */
  get defaultUserId(): string {
    return this.ids.users.jane;
  }

  addFault(fault: Omit<Fault, 'id' | 'remaining'> & { count?: number }): Fault {
    this.faultSeq += 1;
    const added: Fault = {
      id: this.faultSeq,
      match: fault.match,
      remaining: fault.count ?? 1,
      action: fault.action,
      status: fault.status,
      body: fault.body,
    };
    this.faults.push(added);
    return added;
  }

  async handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname.startsWith('/__emulator/')) return handleControl(this, request, url);
    const started = Date.now();
    if (this.settings.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.settings.latencyMs));
    const pathWithQuery = url.pathname + url.search;
    const fault = this.takeFault(request.method, pathWithQuery);
    const entry: LogEntry = {
      seq: ++this.seq,
      at: new Date().toISOString(),
      method: request.method,
      path: pathWithQuery,
      origin: request.headers.get('origin'),
      status: 0,
      ms: 0,
    };
    if (fault) entry.fault = fault.action;
    this.log.push(entry);
    if (this.log.length > 5000) this.log.splice(0, this.log.length - 5000);
    const finish = (response: Response) => {
      entry.status = response.type === 'error' ? 'dropped' : response.status;
      entry.ms = Date.now() - started;
      return response;
    };

    if (fault?.action === 'fail') return finish(faultResponse(fault));
    if (fault?.action === 'drop') return finish(Response.error());

    let response: Response;
    try {
      response = await this.route(request, url, entry);
    } catch (error) {
      response = errorResponse(error);
    }
    if (fault?.action === 'commit-then-fail') return finish(faultResponse(fault));
    if (fault?.action === 'commit-then-drop') return finish(Response.error());
    return finish(response);
  }

  private takeFault(method: string, path: string): Fault | undefined {
    const fault = this.faults.find(
      (f) =>
        f.remaining > 0 &&
        (f.match.method === undefined || f.match.method.toUpperCase() === method.toUpperCase()) &&
        (f.match.path === undefined || matchesPath(f.match.path, path)),
    );
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining === 0) this.faults = this.faults.filter((f) => f !== fault);
    return fault;
  }

  private async route(request: Request, url: URL, entry: LogEntry): Promise<Response> {
    const path = url.pathname.replace(/\/+$/, '') || '/';
    if (
      path === '/.well-known/openid-configuration' ||
      path === '/id/keys' ||
      path.startsWith('/services/oauth2/') ||
      path.startsWith('/id/')
    ) {
      return handleOAuth(this, request, url, path);
    }
    if (path === '/services/data') {
      return jsonResponse(
        200,
        SUPPORTED_API_VERSIONS.map((version) => ({
          label: releaseLabel(version),
          url: `/services/data/v${version}`,
          version,
        })),
      );
    }
    const rest = /^\/services\/data\/v(\d+\.\d)(\/.*)?$/.exec(path);
    if (rest) {
      const version = rest[1] ?? '';
      if (!SUPPORTED_API_VERSIONS.includes(version)) throw errors.notFound();
      return handleRest(this, request, url, `v${version}`, rest[2] ?? '', entry);
    }
    throw errors.notFound();
  }
}

function matchesPath(pattern: string, path: string): boolean {
  const regex = /^\/(.*)\/([a-z]*)$/.exec(pattern);
  if (regex) {
    try {
      return new RegExp(regex[1] ?? '', regex[2]).test(path);
    } catch {
      return false;
    }
  }
  return path.includes(pattern);
}

function faultResponse(fault: Fault): Response {
  if (typeof fault.body === 'string')
    return new Response(fault.body, { status: fault.status, headers: { 'Content-Type': 'text/plain' } });
  return jsonResponse(
    fault.status,
    fault.body ?? [
      {
        errorCode: 'UNKNOWN_EXCEPTION',
        message:
          'An unexpected error occurred. Please include this ErrorId if you contact support: 1234567890-12345 (-123456789)',
      },
    ],
  );
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  if (status === 204 || body === undefined) return new Response(null, { status, headers });
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json;charset=UTF-8', ...headers },
  });
}

export function errorResponse(error: unknown): Response {
  if (error instanceof SfApiError) {
    if (typeof error.body === 'string')
      return new Response(error.body, {
        status: error.status,
        headers: { 'Content-Type': 'text/plain', ...error.headers },
      });
    return jsonResponse(error.status, error.body, error.headers);
  }
  const message = error instanceof Error ? error.message : String(error);
  return jsonResponse(500, [{ errorCode: 'UNKNOWN_EXCEPTION', message: `An unexpected error occurred: ${message}` }]);
}
