import { request as httpRequest } from 'node:http';

/** Minimal HTTP client for end-to-end tests against the local service. */
export const apiUrl = () => {
  const url = process.env.API_URL;
  if (!url) throw new Error('API_URL is not set: run the tests through vitest (global setup starts the service)');
  return url;
};

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

export interface RequestOptions {
  headers?: Record<string, string>;
  body?: unknown;
  rawBody?: string | Buffer;
  /** Another API than the shared one (e.g. an in-process server with other settings). */
  baseUrl?: string;
  /** Source address, e.g. 127.0.0.7: loopback has the whole 127/8, so tests can be distinct client IPs. */
  localAddress?: string;
}

export async function request(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse> {
  // GET and HEAD carry no body (fetch refuses one): a body given for them is dropped.
  const bodyless = method === 'GET' || method === 'HEAD';
  const body = bodyless ? undefined : (options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)));
  const headers = { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...options.headers };
  const url = `${options.baseUrl ?? apiUrl()}${path}`;
  const response = options.localAddress
    ? await requestFrom(options.localAddress, method, url, headers, body)
    : await fetch(url, { method, headers, body });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** node:http with a chosen source address (fetch cannot bind one). */
function requestFrom(
  localAddress: string,
  method: string,
  url: string,
  headers: Record<string, string>,
  body: string | Buffer | undefined,
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers, localAddress }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          if (value !== undefined) responseHeaders.set(name, [value].flat().join(', '));
        }
        resolve(new Response(Buffer.concat(chunks), { status: res.statusCode, headers: responseHeaders }));
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}
