/**
 * Serves MSW handlers from a real node:http server, with the emulated org's CORS rules, so the browser
 * in the demo and e2e sees a separate origin with real preflights.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { getResponse, type RequestHandler } from 'msw';

export async function toWebRequest(req: IncomingMessage, origin: string): Promise<Request> {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(key, item);
    else headers.set(key, value);
  }
  const method = req.method ?? 'GET';
  let body: Buffer | undefined;
  if (method !== 'GET' && method !== 'HEAD') {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    body = Buffer.concat(chunks);
  }
  return new Request(new URL(req.url ?? '/', origin), {
    method,
    headers,
    ...(body && body.length > 0 ? { body: new Uint8Array(body) } : {}),
  });
}

export async function sendWebResponse(
  res: ServerResponse,
  response: Response,
  extraHeaders: Record<string, string> = {},
): Promise<void> {
  if (response.type === 'error') {
    // A dropped connection: the request may have reached the org, but no answer comes back.
    res.socket?.destroy();
    return;
  }
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    headers[key] = value;
  });
  // No keep-alive: a connection the emulator drops (fault injection) is then never a reused one, which
  // Chromium would silently retry — re-sending a POST the org already committed.
  res.writeHead(response.status, { ...headers, ...extraHeaders, Connection: 'close' });
  res.end(Buffer.from(await response.arrayBuffer()));
}

export interface CorsHooks {
  preflight(path: string, origin: string | null, requestHeaders: string | null): Response;
  headers(path: string, origin: string | null): Record<string, string>;
}

export function serveHandlers(handlers: RequestHandler[], origin: string, cors: CorsHooks): Server {
  return createServer((req, res) => {
    void (async () => {
      try {
        const request = await toWebRequest(req, origin);
        const path = new URL(request.url).pathname;
        const requestOrigin = request.headers.get('origin');
        if (request.method === 'OPTIONS' && request.headers.has('access-control-request-method')) {
          await sendWebResponse(
            res,
            cors.preflight(path, requestOrigin, request.headers.get('access-control-request-headers')),
          );
          return;
        }
        const response = (await getResponse(handlers, request)) ?? new Response('Not found', { status: 404 });
        await sendWebResponse(res, response, cors.headers(path, requestOrigin));
      } catch (error) {
        res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end(`Emulator error: ${error instanceof Error ? error.message : String(error)}`);
      }
    })();
  });
}
