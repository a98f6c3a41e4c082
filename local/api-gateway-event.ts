/** Builds API Gateway HTTP API (payload format 2.0) events, as API Gateway hands them to Lambda. */
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';

export interface HttpRequestParts {
  method: string;
  path: string;
  rawQueryString?: string;
  /** Header names as received; API Gateway lower-cases them and joins repeats with commas. */
  headers?: Record<string, string | string[] | undefined>;
  body?: Buffer | string;
  sourceIp?: string;
}

const TEXT_TYPES = /^(text\/|application\/(json|.+\+json|xml|.+\+xml|javascript|x-www-form-urlencoded)|$)/i;

/** What an event and a context need of a route: its id (the function's name), method and path. */
export interface RouteKeyParts {
  id: string;
  method: string;
  path: string;
}

export function buildEvent(
  route: RouteKeyParts,
  request: HttpRequestParts,
  pathParameters?: Record<string, string>,
): APIGatewayProxyEventV2 {
  // Names lower-cased, the values of a repeated name joined with commas in their order; every
  // Cookie header's cookies one per entry in `cookies`, and no `cookie` header (payload 2.0).
  const joined = new Map<string, string[]>();
  const cookies: string[] = [];
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    if (lower === 'cookie')
      cookies.push(
        ...[value]
          .flat()
          .flatMap((line) => line.split(/;\s*/))
          .filter(Boolean),
      );
    else joined.set(lower, [...(joined.get(lower) ?? []), ...[value].flat()]);
  }
  const headers: Record<string, string> = Object.fromEntries([...joined].map(([name, values]) => [name, values.join(',')]));
  const raw = typeof request.body === 'string' ? Buffer.from(request.body) : request.body;
  const isText = TEXT_TYPES.test(headers['content-type'] ?? '') && raw !== undefined && isUtf8(raw);
  const now = new Date();
  const requestId = randomUUID();
  return {
    version: '2.0',
    routeKey: `${route.method} ${route.path}`,
    rawPath: request.path,
    rawQueryString: request.rawQueryString ?? '',
    ...(cookies.length ? { cookies } : {}),
    headers,
    ...(request.rawQueryString ? { queryStringParameters: queryParameters(request.rawQueryString) } : {}),
    ...(pathParameters && Object.keys(pathParameters).length ? { pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? '127.0.0.1',
      domainPrefix: 'local',
      http: {
        method: request.method,
        path: request.path,
        protocol: 'HTTP/1.1',
        sourceIp: request.sourceIp ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey: `${route.method} ${route.path}`,
      stage: '$default',
      time: apiGatewayTime(now),
      timeEpoch: now.getTime(),
    },
    ...(raw && raw.length > 0
      ? { body: isText ? raw.toString('utf8') : raw.toString('base64'), isBase64Encoded: !isText }
      : { isBase64Encoded: false }),
  };
}

/** Decoded query parameters, a repeated key's values joined with commas in their order (payload 2.0). */
export function queryParameters(rawQueryString: string): Record<string, string> {
  // A Map, then own properties: a key such as `__proto__` stays a parameter.
  const joined = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    const earlier = joined.get(name);
    joined.set(name, earlier === undefined ? value : `${earlier},${value}`);
  }
  return Object.fromEntries(joined);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** API Gateway's `requestContext.time` format: `12/Mar/2020:19:03:58 +0000`. */
function apiGatewayTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** A Lambda context good enough for the handlers (they read awsRequestId and the remaining time). */
export function buildContext(route: RouteKeyParts, timeoutMs = 25_000): Context {
  const deadline = Date.now() + timeoutMs;
  const fail = () => {
    throw new Error('context.done/succeed/fail are not supported; return a value instead');
  };
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: route.id,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${route.id}`,
    memoryLimitInMB: '256',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${route.id}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: fail,
    fail,
    succeed: fail,
  };
}

/** Matches a request path against a route path with `{param}` segments. */
export function matchPath(routePath: string, requestPath: string): Record<string, string> | undefined {
  const names: string[] = [];
  const pattern = routePath
    .split('/')
    .map((segment) => {
      const param = /^\{(\w+)\}$/.exec(segment);
      if (!param) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(param[1]!);
      return '([^/]+)';
    })
    .join('/');
  const match = new RegExp(`^${pattern}$`).exec(requestPath);
  if (!match) return undefined;
  return Object.fromEntries(names.map((name, i) => [name, decodeSegment(match[i + 1]!)]));
}

/** A path segment decoded; a malformed escape (`%ZZ`) is passed on as sent, for the handler to refuse. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
