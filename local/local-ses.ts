/**
 * The local SES: the `aws-ses-v2-local` package (SES v1/v2 API, a web inbox at its root, every
 * message at `GET /store`), in this process, on SES_PORT (default 8005), listening on 127.0.0.1.
 */
import type { Server } from 'node:http';
import { createServer } from 'node:net';

export interface LocalSes {
  endpoint: string;
  stop(): Promise<void>;
}

type Serve = (config: { host: string; port: number }) => Promise<Server>;

/** The package's server never settles when its port is taken: find out first, and say so. */
const portFree = (port: number) =>
  new Promise<boolean>((answer) => {
    const probe = createServer()
      .once('error', () => answer(false))
      .listen(port, '127.0.0.1', () => probe.close(() => answer(true)));
  });

export async function startLocalSes(port: number): Promise<LocalSes> {
  if (!(await portFree(port))) throw new Error(`the local SES cannot listen on port ${port}: it is in use (set SES_PORT, or --no-email)`);
  // A CommonJS module with `exports.default`: Node's ESM import puts the whole exports object on `default`.
  const loaded: { default: unknown } = await import('aws-ses-v2-local');
  const serve = (typeof loaded.default === 'function' ? loaded.default : (loaded.default as { default: unknown }).default) as Serve;
  const server = await serve({ host: '127.0.0.1', port });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((done) => server.close(() => done())),
  };
}
