/** The service's few HTML pages (the invite-link page, the index): one plain layout, every value escaped, no script. */
import { escapeHtml } from '../email/render';
import type { ApiResult } from '../http/types';

/** Text in the page: escaped. */
export const text = (value: string) => escapeHtml(value);

export function htmlPage(status: number, title: string, body: string): ApiResult {
  return {
    statusCode: status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' },
    body: `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${text(title)}</title>
<style>body{font-family:Helvetica,Arial,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#222;line-height:1.5}a.button{display:inline-block;background:#1d74f5;color:#fff;padding:.6rem 1.2rem;border-radius:4px;text-decoration:none}dt{color:#666}</style>
</head>
<body>
${body}
</body>
</html>
`,
  };
}
