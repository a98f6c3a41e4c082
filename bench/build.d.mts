/** bench/build.mjs, as TypeScript sees it. */
export const benchBundle: string;
/** Where handler files are: the shared functions', and each dialect's folder's. */
export function handlerDirs(): string[];
export function buildBench(): Promise<string>;
