/**
 * Builds the benchmark into one ES module (bench/.out/bench.mjs) that plain `node` runs: no
 * TypeScript loader in the benchmark's process. Under `node --import tsx`, Node runs tsx's module
 * hooks on a thread of their own, and a synchronous request to that thread is the one place the
 * main thread can sleep waiting for another (the section-2 hangs showed the main thread in a futex
 * wait while the hooks thread idled: nodejs/node#50948 is that class of deadlock). Without hooks
 * there is no such thread. Each source file keeps its own import.meta.dirname/url (paths are
 * resolved from them), and the route handlers the local loader imports by path are bundled through
 * a table of static imports. Packages stay in node_modules.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const benchBundle = resolve(root, 'bench/.out/bench.mjs');

/** Each file's import.meta values as they are in the source tree. */
const keepImportMeta = {
  name: 'keep-import-meta',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
      if (path.includes('node_modules')) return undefined;
      let contents = readFileSync(path, 'utf8')
        .replaceAll('import.meta.dirname', JSON.stringify(dirname(path)))
        .replaceAll('import.meta.filename', JSON.stringify(path))
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(path).href));
      if (path === resolve(root, 'local/handlers.ts'))
        contents =
          contents.replace(/import\(pathToFileURL\(resolve\(root, route\.entry\)\)\.href\)/, 'importHandlerModule(route.entry)') +
          handlerTable();
      return { contents, loader: 'ts' };
    });
  },
};

/** Where handler files are: the shared functions', and each dialect's folder's. */
export const handlerDirs = () => [
  resolve(root, 'functions/handlers'),
  ...readdirSync(resolve(root, 'functions/dialects'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => resolve(root, 'functions/dialects', entry.name, 'handlers')),
];

/** `importHandlerModule(entry)`: a static import per handler file (functions/handlers/**, functions/dialects/<name>/handlers/**). */
function handlerTable() {
  const rows = handlerDirs()
    .flatMap(tsFiles)
    .map((file) => `  ${JSON.stringify(relative(root, file))}: () => import(${JSON.stringify(file)}),`)
    .join('\n');
  return `\nconst handlerModules: Record<string, () => Promise<unknown>> = {\n${rows}\n};\nfunction importHandlerModule(entry: string): Promise<any> {\n  const load = handlerModules[entry];\n  if (!load) throw new Error(\`\${entry} is not a handler file (functions/handlers, functions/dialects/<name>/handlers)\`);\n  return load();\n}\n`;
}

function tsFiles(dir) {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => resolve(dir, name));
}

export async function buildBench() {
  await build({
    entryPoints: [resolve(root, 'bench/run.ts')],
    outfile: benchBundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'warning',
    plugins: [keepImportMeta],
  });
  return benchBundle;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(await buildBench());
