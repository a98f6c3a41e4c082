/**
 * An API served from this test worker (same code as `npm start`: local/http-server.ts), for tests
 * that need other settings than the shared service (rate limits on) or that inject faults into
 * this process's DynamoDB client. Set the environment before calling: handlers read it at import.
 */
import type { LocalServer } from '../../local/http-server';

export async function startInProcessApi(): Promise<LocalServer> {
  const { startHttpServer } = await import('../../local/http-server');
  return startHttpServer({ port: 0 });
}
