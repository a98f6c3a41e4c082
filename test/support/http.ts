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

export async function request(
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: unknown; rawBody?: string | Buffer } = {},
): Promise<ApiResponse> {
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const response = await fetch(`${apiUrl()}${path}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...options.headers },
    body,
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}
