/**
 * One webhook try over HTTP: a POST to the endpoint, connected only to an address checked public
 * at this very moment (the check runs inside the connection's own lookup, so the name is not
 * resolved twice: public-address.ts), no redirect followed (node's http never follows one), cut
 * after the timeout (15 s deployed), at most 64 KB of the answer read.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { EndpointRefused, publicAddressesOf, type Resolver } from './public-address';

/** What an attempt's answer was: an HTTP status, or why none came. */
export type SendResult =
  | { kind: 'answered'; status: number; retryAfter?: string; response: string; latencyMs: number }
  | { kind: 'timeout' | 'refused' | 'error'; response: string; latencyMs: number };

export interface WebhookSender {
  /** POSTs `body` with `headers` to `url`: no redirect followed, cut after the timeout, at most 64 KB of answer read. */
  post(url: string, headers: Record<string, string>, body: string): Promise<SendResult>;
}

/** A deadline: resolves after `ms` unless cancelled (tests hand in one they fire themselves). */
export type Deadline = (ms: number) => { reached: Promise<void>; cancel(): void };

export const realDeadline: Deadline = (ms) => {
  let timer: NodeJS.Timeout | undefined;
  const reached = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return { reached, cancel: () => clearTimeout(timer) };
};

export const SEND_TIMEOUT_MS = 15_000;
export const MAX_RESPONSE_BYTES = 64 * 1024;

export interface SenderOptions {
  timeoutMs?: number;
  /** `http://127.0.0.1` allowed: a local development flag, never deployed. */
  allowLocalHttp?: boolean;
  resolve?: Resolver;
  deadline?: Deadline;
}

export function httpSender(options: SenderOptions = {}): WebhookSender {
  const timeoutMs = options.timeoutMs ?? SEND_TIMEOUT_MS;
  const deadline = options.deadline ?? realDeadline;
  return {
    post(target, headers, body) {
      const started = performance.now();
      const latency = () => Math.round(performance.now() - started);
      const url = new URL(target);
      const lookup: LookupFunction = (_hostname, lookupOptions, callback) => {
        publicAddressesOf(url, { allowLocalHttp: options.allowLocalHttp, resolve: options.resolve }).then(
          (addresses) => {
            const address = addresses[0]!;
            if ((lookupOptions as { all?: boolean }).all) callback(null, [{ address, family: isIP(address) }]);
            else callback(null, address, isIP(address));
          },
          (error: Error) => callback(error as NodeJS.ErrnoException, ''),
        );
      };
      return new Promise<SendResult>((resolve) => {
        const controller = new AbortController();
        const timer = deadline(timeoutMs);
        let settled = false;
        const settle = (result: SendResult) => {
          if (settled) return;
          settled = true;
          timer.cancel();
          resolve(result);
        };
        void timer.reached.then(() => {
          if (settled) return;
          settle({ kind: 'timeout', response: `no answer within ${timeoutMs / 1000} s`, latencyMs: latency() });
          controller.abort();
        });
        if (url.protocol !== 'https:' && !(options.allowLocalHttp && url.protocol === 'http:')) {
          settle({ kind: 'refused', response: 'the URL must be https', latencyMs: 0 });
          return;
        }
        const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
        const req = send(
          url,
          {
            method: 'POST',
            headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
            lookup,
            signal: controller.signal,
            // A connection per try: no pooled socket to an address checked for another try.
            agent: false,
          },
          (res) => {
            const chunks: Buffer[] = [];
            let size = 0;
            const done = () =>
              settle({
                kind: 'answered',
                status: res.statusCode ?? 0,
                ...(typeof res.headers['retry-after'] === 'string' ? { retryAfter: res.headers['retry-after'] } : {}),
                response: Buffer.concat(chunks).toString('utf8'),
                latencyMs: latency(),
              });
            res.on('data', (chunk: Buffer) => {
              const room = MAX_RESPONSE_BYTES - size;
              if (room > 0) chunks.push(chunk.subarray(0, room));
              size += chunk.length;
              // Enough read: the rest of the answer is not waited for.
              if (size >= MAX_RESPONSE_BYTES) {
                done();
                res.destroy();
              }
            });
            res.on('end', done);
            res.on('error', () => done());
          },
        );
        req.on('error', (error) => {
          if (error instanceof EndpointRefused) settle({ kind: 'refused', response: error.message, latencyMs: latency() });
          else
            settle({
              kind: 'error',
              response: `${(error as NodeJS.ErrnoException).code ?? error.name}: ${error.message}`,
              latencyMs: latency(),
            });
        });
        req.end(body);
      });
    },
  };
}
