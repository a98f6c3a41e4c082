/** The documentation pages: the README, docs/, and each dialect's page in its folder (functions/dialects/<name>/README.md). */
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');

export const docPages = (): string[] => [
  'README.md',
  ...readdirSync(resolve(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
  ...readdirSync(resolve(root, 'functions/dialects'))
    .map((name) => `functions/dialects/${name}/README.md`)
    .filter((page) => existsSync(resolve(root, page))),
];
