/**
 * What the service logs in this process (Powertools writes JSON lines straight to stdout/stderr),
 * captured and kept off the test output. Restored after each test by vitest's restoreAllMocks.
 */
import { vi } from 'vitest';

export function captureLogs() {
  const lines: string[] = [];
  const keep = (chunk: unknown) => {
    lines.push(String(chunk));
    return true;
  };
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(keep as typeof process.stdout.write);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(keep as typeof process.stderr.write);
  return {
    text: () => lines.join(''),
    /** The JSON log lines. */
    records: () =>
      lines
        .join('')
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    restore: () => {
      out.mockRestore();
      err.mockRestore();
    },
  };
}
