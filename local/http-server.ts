/**
 * The local API: each HTTP request becomes an API Gateway HTTP API event and is handed to the
 * very handler the route table deploys. Unknown routes and oversized bodies answer as API Gateway does.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { type Route, routeFunctionId, routes as allRoutes } from '../functions/routes';
import { buildContext, buildEvent, matchPath, type RouteKeyParts } from './api-gateway-event';
import { apiDocs } from './api-docs';
import { asFunction } from './grants/call-recorder';
import { loadHandler } from './handlers';

/** Where requests go: the routes served and how one route's function is invoked. */
export interface RequestTarget<R extends RouteKeyParts = RouteKeyParts> {
  routes: readonly R[];
  invoke(route: R, event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2>;
}

/** The route table's handlers, from source, in this process (`npm start`). */
export const sourceHandlers = (routes: readonly Route[] = allRoutes): RequestTarget<Route> => ({
  routes,
  invoke: async (route, event) => {
    const handler = await loadHandler(route);
    return asFunction(routeFunctionId(route.id), () => handler(event, buildContext(route)));
  },
});

/** API Gateway's own payload limit. */
const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

export interface LocalServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

function send(response: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(body);
}

async function readBody(request: IncomingMessage): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_PAYLOAD_BYTES) return 'too-large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function handle(target: RequestTarget, request: IncomingMessage, response: ServerResponse) {
  const url = new URL(request.url ?? '/', 'http://local');
  const method = request.method ?? 'GET';
  const docs = await apiDocs(method, url.pathname);
  if (docs) {
    response.writeHead(200, { 'content-type': docs.type, 'content-length': String(Buffer.byteLength(docs.body)) });
    response.end(method === 'HEAD' ? undefined : docs.body);
    return;
  }
  let matched: { route: RouteKeyParts; params: Record<string, string> } | undefined;
  for (const route of target.routes) {
    const params = route.method === method ? matchPath(route.path, url.pathname) : undefined;
    if (params) {
      matched = { route, params };
      break;
    }
  }
  const body = await readBody(request);
  if (!matched) return send(response, 404, JSON.stringify({ message: 'Not Found' }));
  if (body === 'too-large') return send(response, 413, JSON.stringify({ message: 'Request Entity Too Large' }));

  const event = buildEvent(
    matched.route,
    {
      method,
      path: url.pathname,
      rawQueryString: url.search.slice(1),
      // Every value of a repeated header (Node keeps only the first Authorization): API Gateway joins them.
      headers: request.headersDistinct,
      body,
      sourceIp: request.socket.remoteAddress?.replace(/^::ffff:/, ''),
    },
    matched.params,
  );
  const result = await target.invoke(matched.route, event);
  const headers: Record<string, string> = { 'apigw-requestid': event.requestContext.requestId };
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name] = String(value);
  response.writeHead(result.statusCode ?? 200, headers);
  response.end(result.body && result.isBase64Encoded ? Buffer.from(result.body, 'base64') : (result.body ?? ''));
}

export function startHttpServer(options: {
  port: number;
  host?: string;
  routes?: readonly Route[];
  target?: RequestTarget<any>;
}): Promise<LocalServer> {
  const target = options.target ?? sourceHandlers(options.routes);
  const server: Server = createServer((request, response) => {
    handle(target, request, response).catch((error: unknown) => {
      // A handler that throws past its error middleware is what API Gateway reports as 500.
      console.error(JSON.stringify({ level: 'error', message: 'handler crashed', error: String(error) }));
      if (!response.headersSent) send(response, 500, JSON.stringify({ message: 'Internal Server Error' }));
      else response.destroy();
    });
  });
  server.keepAliveTimeout = 5000;
  return new Promise((resolveStart, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolveStart({
        url: `http://${options.host ?? '127.0.0.1'}:${port}`,
        port,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
