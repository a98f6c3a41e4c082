/**
 * The README and docs/ hold together in a clone: every relative link opens a file of the
 * repository (and its #anchor a heading of that page), and nothing points outside the repository.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { docPages } from '../support/doc-pages';
import { describe, expect, test } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const pages = docPages();

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');

function anchorsOf(file: string): Set<string> {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((match) => slug(match[1]!)));
}

/** Links outside code: `[text](target)`. */
function linksOf(page: string): string[] {
  const text = readFileSync(resolve(root, page), 'utf8')
    .replace(/```[\s\S]*?```/g, '')
    .replace(/`[^`\n]*`/g, '');
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]!);
}

describe('README and docs/ links', () => {
  test('the pages are there: the README and the reference it links', () => {
    expect(pages).toEqual(
      expect.arrayContaining([
        'README.md',
        'functions/dialects/rocketchat/README.md',
        'functions/dialects/quranreflect/README.md',
        'functions/dialects/berty/README.md',
        'docs/glossary.md',
      ]),
    );
  });

  test.each(pages)('%s: every relative link opens a file of the repository, and its anchor a heading', (page) => {
    const broken: string[] = [];
    for (const link of linksOf(page)) {
      if (/^[a-z]+:/.test(link)) continue; // http(s), mailto
      const [path, anchor] = link.split('#') as [string, string | undefined];
      const target = path ? resolve(root, dirname(page), path) : resolve(root, page);
      if (relative(root, target).startsWith('..') || !existsSync(target)) {
        broken.push(link);
        continue;
      }
      if (anchor && target.endsWith('.md') && !anchorsOf(target).has(anchor)) broken.push(link);
    }
    expect(broken).toEqual([]);
  });

  test.each(pages)('%s: names no file outside the repository', (page) => {
    expect(readFileSync(resolve(root, page), 'utf8')).not.toMatch(/\.\.\/shared\/|shared\/spec/);
  });
});
