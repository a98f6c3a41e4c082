/**
 * The examples a newcomer runs as printed: `npm start`'s "Try:" lines, each with fixtures of its
 * own, so that every one succeeds in the printed order and in reverse (each order on a fresh
 * service).
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';
import { safeParse } from '../../functions/lib/zod';
import { routes } from '../../functions/routes';
import { startOwnService, type OwnService } from '../support/own-service';

const run = promisify(execFile);
const services: OwnService[] = [];
afterAll(async () => {
  await Promise.all(services.map((service) => service.stop()));
});

/** The printed curl lines, each after its `# summary` line. */
function tryLines(output: string): { summary: string; curl: string }[] {
  const lines = output.slice(output.indexOf('\nTry:\n')).split('\n');
  const found: { summary: string; curl: string }[] = [];
  for (const [index, line] of lines.entries()) {
    if (line.startsWith('  curl ')) found.push({ summary: lines[index - 1]!.replace(/^\s*# /, ''), curl: line.trim() });
  }
  return found;
}

/** Runs a printed line as is in a shell, adding only curl's status code after the body. */
async function status(curl: string): Promise<{ code: number; body: string }> {
  const { stdout } = await run('sh', ['-c', `${curl} -w '\\n%{http_code}'`]);
  const cut = stdout.lastIndexOf('\n');
  return { code: Number(stdout.slice(cut + 1)), body: stdout.slice(0, cut) };
}

describe('the printed Try lines', () => {
  test.each(['printed order', 'reverse order'])(
    'every line succeeds, in %s',
    async (order) => {
      const service = await startOwnService();
      services.push(service);
      const lines = tryLines(service.output);
      expect(lines).toHaveLength(routes.length);
      if (order === 'reverse order') lines.reverse();
      const failures: string[] = [];
      for (const { summary, curl } of lines) {
        const { code, body } = await status(curl);
        if (code < 200 || code >= 300) failures.push(`${summary}: ${code} ${body}`);
        // The reply as its contract writes it, where it does.
        const output = routes.find((route) => route.summary === summary)?.output;
        if (output && code < 300 && !safeParse(output, JSON.parse(body)).success)
          failures.push(`${summary}: reply ${body} is not the contract's`);
      }
      expect(failures).toEqual([]);
    },
    120_000,
  );

  test('every line answers through the synthesized bundles as it does from source: same status, same top-level keys', async () => {
    // Both started at once; each one that started is stopped after, even when the other failed to.
    const started = await Promise.allSettled([startOwnService(), startOwnService({ synthesized: true })]);
    for (const outcome of started) if (outcome.status === 'fulfilled') services.push(outcome.value);
    const [source, synthesized] = started.map((outcome) => {
      if (outcome.status === 'rejected') throw outcome.reason;
      return outcome.value;
    }) as [OwnService, OwnService];
    expect(synthesized.output).toMatch(/Serving the synthesized template .*: \d+ routes/);
    const shape = (body: string) => {
      try {
        const json = JSON.parse(body) as unknown;
        return json && typeof json === 'object' && !Array.isArray(json) ? Object.keys(json).sort().join(',') : typeof json;
      } catch {
        return body.startsWith('<!doctype html>') ? 'html' : 'text';
      }
    };
    const answers = async (service: OwnService) => {
      const out: string[] = [];
      for (const { summary, curl } of tryLines(service.output)) {
        const { code, body } = await status(curl);
        out.push(`${summary}: ${code} ${shape(body)}`);
      }
      return out;
    };
    const fromSource = await answers(source);
    expect(fromSource).toHaveLength(routes.length);
    expect(fromSource.filter((line) => !/: 2\d\d /.test(line))).toEqual([]);
    expect(await answers(synthesized)).toEqual(fromSource);
    // Its events came through the stream consumer's bundle and the bus stand-in, as from source.
    expect(synthesized.output).toContain('the stream consumer from their bundles too');
    const eventTypes = async (service: OwnService) => {
      for (let waited = 0; ; waited += 100) {
        const outbox = resolve(service.stateDir, 'outbox.jsonl');
        const lines = existsSync(outbox) ? readFileSync(outbox, 'utf8').split('\n').filter(Boolean) : [];
        const types = [...new Set(lines.map((line) => (JSON.parse(line) as { 'detail-type': string })['detail-type']))].sort();
        if (types.includes('Invitation Accepted') || waited > 15_000) return types;
        await new Promise((tick) => setTimeout(tick, 100));
      }
    };
    expect(await eventTypes(synthesized)).toEqual(await eventTypes(source));
  }, 240_000);
});
