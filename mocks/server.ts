/**
 * The demo and e2e environment: three loopback origins, as in the field.
 *   - the emulated x-bees host page   http://127.0.0.1:<HOST_PORT>/   (Vite, mocks/xbees-host)
 *   - the app                         http://localhost:<APP_PORT>/    (Vite dev server, or dist/ with APP_MODE=dist)
 *   - the emulated Salesforce org     http://localhost:<ORG_PORT>     (node:http + the MSW handlers, with CORS)
 * The host page is on another site than the app, so the app frame gets partitioned storage and real
 * origin checks; the org is another origin than the app, so CORS, preflights and the OAuth popup are real.
 *
 * `npm start` runs this with the demo ports and prints the host page's URL.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { build as viteBuild, createServer as createViteServer, type Plugin, type ViteDevServer } from 'vite';
import { serveHandlers } from './http-adapter';
import { corsHeaders, corsPolicy, preflight } from './salesforce/cors';
import { SalesforceEmulator } from './salesforce/emulator';
import { salesforceHandlers } from './salesforce/handlers';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

export interface EnvironmentOptions {
  hostPort: number;
  appPort: number;
  orgPort: number;
  appMode: 'dev' | 'dist';
  /** Milliseconds before SOSL finds a new record (real orgs: seconds to minutes). */
  searchIndexLagMs: number;
}

export interface RunningEnvironment {
  hostUrl: string;
  appOrigin: string;
  orgOrigin: string;
  emulator: SalesforceEmulator;
  close(): Promise<void>;
}

export function appConfigFor(emulator: SalesforceEmulator, hostOrigin: string) {
  return {
    salesforce: { clientId: emulator.settings.clientId, domain: emulator.origin, apiVersion: 'v66.0' },
    xbees: { allowedOrigins: [hostOrigin] },
  };
}

/** Serves `/config.json` from memory; `POST /__test/config` replaces it, `DELETE` restores the default. */
function configMiddleware(defaultConfig: () => unknown) {
  let override: unknown = null;
  return (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    const path = (req.url ?? '').split('?')[0];
    if (path === '/config.json' && req.method === 'GET') {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      res.end(JSON.stringify(override ?? defaultConfig()));
      return;
    }
    if (path === '/__test/config') {
      void (async () => {
        if (req.method === 'POST') {
          const chunks: Buffer[] = [];
          for await (const chunk of req) chunks.push(chunk as Buffer);
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            override = JSON.parse(text) as unknown;
          } catch {
            // Not JSON: served as-is so tests can check the app's "invalid config.json" message.
            override = { __raw: text };
          }
        } else if (req.method === 'DELETE') {
          override = null;
        }
        res.writeHead(200, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' });
        res.end('{"ok":true}');
      })();
      return;
    }
    next();
  };
}

const MIME: Record<string, string> = {
  '.html': 'text/html;charset=UTF-8',
  '.js': 'text/javascript;charset=UTF-8',
  '.css': 'text/css;charset=UTF-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

/**
 * Answers GET requests from `read` (URL path → contents, or null: 404); `/` is `/index.html`. A path that is
 * not valid percent-encoding is a 400.
 */
function staticFiles(read: (path: string) => string | Uint8Array | null) {
  return (req: IncomingMessage, res: ServerResponse) => {
    let requested: string;
    try {
      requested = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
    } catch {
      res.writeHead(400, { 'Content-Type': 'text/plain' });
      res.end('Bad request');
      return;
    }
    const path = requested === '/' ? '/index.html' : requested;
    const contents = read(path);
    if (contents === null) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('Not found');
      return;
    }
    res.writeHead(200, {
      'Content-Type': MIME[extname(path)] ?? 'application/octet-stream',
      'Cache-Control': 'no-cache',
    });
    res.end(contents);
  };
}

function serveDist(config: ReturnType<typeof configMiddleware>): Server {
  const dist = join(root, 'dist');
  if (!existsSync(join(dist, 'index.html')))
    throw new Error('dist/ is missing: run `npm run build` first (npm run e2e does).');
  const files = staticFiles((path) => {
    const file = normalize(join(dist, path));
    return file.startsWith(dist) && existsSync(file) && statSync(file).isFile() ? readFileSync(file) : null;
  });
  return createHttpServer((req, res) => {
    config(req, res, () => {
      files(req, res);
    });
  });
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolveListen, reject) => {
    server.once('error', reject);
    if (server.listening) resolveListen();
    else server.listen(port, '127.0.0.1', () => resolveListen());
  });
}

interface OrgAndApp {
  appOrigin: string;
  orgOrigin: string;
  emulator: SalesforceEmulator;
  close(): Promise<void>;
}

/** One emulated org and the app that signs in to it (the app's config.json points at that org). */
async function startOrgAndApp(options: Omit<EnvironmentOptions, 'hostPort'>, hostOrigin: string): Promise<OrgAndApp> {
  const appOrigin = `http://localhost:${String(options.appPort)}`;
  const orgOrigin = `http://localhost:${String(options.orgPort)}`;

  const emulator = new SalesforceEmulator({
    origin: orgOrigin,
    redirectUris: [`${appOrigin}/oauth-callback.html`],
    corsAllowedOrigins: [appOrigin],
    searchIndexLagMs: options.searchIndexLagMs,
  });
  const orgServer = serveHandlers(salesforceHandlers(emulator), orgOrigin, {
    preflight: (path, origin, headers) => preflight(emulator, path, origin, headers),
    headers: (path, origin) => corsHeaders(corsPolicy(emulator, path, origin)),
  });
  await listen(orgServer, options.orgPort);

  const config = configMiddleware(() => appConfigFor(emulator, hostOrigin));
  let appServer: Server | null = null;
  let appVite: ViteDevServer | null = null;
  if (options.appMode === 'dist') {
    appServer = serveDist(config);
    await listen(appServer, options.appPort);
  } else {
    const configPlugin: Plugin = {
      name: 'demo-config-json',
      configureServer(server) {
        server.middlewares.use(config);
      },
    };
    appVite = await createViteServer({
      configFile: join(root, 'vite.config.ts'),
      root,
      plugins: [configPlugin],
      server: { port: options.appPort, host: '127.0.0.1', strictPort: true, open: false },
      logLevel: 'warn',
    });
    await appVite.listen();
  }
  return {
    appOrigin,
    orgOrigin,
    emulator,
    async close() {
      if (appVite) await appVite.close();
      if (appServer) await new Promise((done) => appServer.close(done));
      await new Promise((done) => orgServer.close(done));
    },
  };
}

/** A running host page server: Vite's dev server for the demo, or its production build for e2e. */
interface HostServer {
  close(): Promise<void>;
}

/**
 * The emulated x-bees host page. It is static: which app and org it shows comes from its URL. With the app's
 * production build (`dist`, as e2e runs it), the host is a production build too, made in memory when the
 * server starts: every e2e test loads it anew, and React's development build with Vite's unbundled modules
 * cost about 1.5 s of CPU per load (README, "Tests").
 */
async function startHost(hostPort: number, mode: EnvironmentOptions['appMode']): Promise<HostServer> {
  const hostRoot = join(root, 'mocks/xbees-host');
  if (mode === 'dist') {
    const files = await buildHostInMemory(hostRoot);
    const server = createHttpServer(staticFiles((path) => files.get(path) ?? null));
    await listen(server, hostPort);
    return { close: () => new Promise((done) => server.close(() => done())) };
  }
  const hostVite = await createViteServer({
    configFile: false,
    root: hostRoot,
    // A dependency cache of its own (per port): sharing one (the app's, or another host server's) makes each
    // server's optimizer invalidate the other's, and a frame then fails with "504 Outdated Optimize Dep".
    cacheDir: join(root, `node_modules/.vite-host-${String(hostPort)}`),
    plugins: [react()],
    server: { port: hostPort, host: '127.0.0.1', strictPort: true, open: false },
    logLevel: 'warn',
  });
  await hostVite.listen();
  return { close: () => hostVite.close() };
}

/** The host page's production build, kept in memory: URL path → file contents. */
async function buildHostInMemory(hostRoot: string): Promise<Map<string, string | Uint8Array>> {
  const result = await viteBuild({
    configFile: false,
    root: hostRoot,
    plugins: [react()],
    logLevel: 'warn',
    build: { write: false, modulePreload: { polyfill: false }, reportCompressedSize: false },
  });
  if (!('output' in result) && !Array.isArray(result)) throw new Error('the host page build did not finish');
  const outputs = Array.isArray(result) ? result : [result];
  const files = new Map<string, string | Uint8Array>();
  for (const output of outputs)
    for (const item of output.output) files.set(`/${item.fileName}`, item.type === 'asset' ? item.source : item.code);
  if (!files.has('/index.html')) throw new Error('the host page build has no index.html');
  return files;
}

function hostUrlFor(hostOrigin: string, appOrigin: string, orgOrigin: string): string {
  return `${hostOrigin}/?app=${encodeURIComponent(`${appOrigin}/`)}&org=${encodeURIComponent(orgOrigin)}`;
}

export async function startEnvironment(options: EnvironmentOptions): Promise<RunningEnvironment> {
  const hostOrigin = `http://127.0.0.1:${String(options.hostPort)}`;
  const pair = await startOrgAndApp(options, hostOrigin);
  const host = await startHost(options.hostPort, options.appMode);
  return {
    hostUrl: hostUrlFor(hostOrigin, pair.appOrigin, pair.orgOrigin),
    appOrigin: pair.appOrigin,
    orgOrigin: pair.orgOrigin,
    emulator: pair.emulator,
    async close() {
      await host.close();
      await pair.close();
    },
  };
}

/**
 * The e2e environment for `count` Playwright workers: one host page, and for worker i its own org and app
 * on `appPort + i` and `orgPort + i`, so workers share no state (README, "Tests").
 */
export async function startEnvironments(options: EnvironmentOptions, count: number): Promise<RunningEnvironment[]> {
  const hostOrigin = `http://127.0.0.1:${String(options.hostPort)}`;
  const pairs = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      startOrgAndApp({ ...options, appPort: options.appPort + i, orgPort: options.orgPort + i }, hostOrigin),
    ),
  );
  const host = await startHost(options.hostPort, options.appMode);
  let closed = false;
  const closeAll = async () => {
    if (closed) return;
    closed = true;
    await host.close();
    await Promise.all(pairs.map((pair) => pair.close()));
  };
  return pairs.map((pair) => ({
    hostUrl: hostUrlFor(hostOrigin, pair.appOrigin, pair.orgOrigin),
    appOrigin: pair.appOrigin,
    orgOrigin: pair.orgOrigin,
    emulator: pair.emulator,
    close: closeAll,
  }));
}

function portFromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a port number`);
  return value;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const count = Number(process.env.ENVIRONMENTS ?? 1);
  if (!Number.isInteger(count) || count < 1) throw new Error('ENVIRONMENTS must be a whole number of at least 1');
  const envs = await startEnvironments(
    {
      hostPort: portFromEnv('HOST_PORT', 4100),
      appPort: portFromEnv('APP_PORT', 4200),
      orgPort: portFromEnv('ORG_PORT', 4300),
      appMode: process.env.APP_MODE === 'dist' ? 'dist' : 'dev',
      searchIndexLagMs: Number(process.env.SEARCH_INDEX_LAG_MS ?? 15000),
    },
    count,
  );
  const [env] = envs;
  if (!env) throw new Error('no environment started');
  console.log(`\n  x-bees + Salesforce demo is running. Open the emulated x-bees host page:\n\n    ${env.hostUrl}\n`);
  for (const other of envs)
    console.log(`  app: ${other.appOrigin}   emulated org: ${other.orgOrigin} (controls under /__emulator/)`);
  console.log('');
  const stop = () => {
    void env.close().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
