/**
 * Runs synthesized functions, each from its own bundle in its own worker thread, started on its
 * first invocation (its cold start). Concurrent invocations of a function share its one worker,
 * where Lambda would start more instances. A function whose bundle fails to load answers every
 * invocation with that error.
 */
import { createInterface } from 'node:readline';
import { Worker } from 'node:worker_threads';
import type { SynthesizedFunction } from './template';

const WORKER_FILE = new URL('./function-worker.cjs', import.meta.url);

export class InvocationError extends Error {
  constructor(
    readonly functionId: string,
    readonly phase: 'init' | 'invoke',
    readonly failure: { name: string; message: string; stack?: string },
  ) {
    super(`${functionId} (${phase}): ${failure.name}: ${failure.message}`);
  }
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

class FunctionWorker {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;

  constructor(fn: SynthesizedFunction, env: Record<string, string>, writeLine: (line: string) => void) {
    this.worker = new Worker(WORKER_FILE, {
      // No TypeScript loader in the worker: only the bundle and what the runtime provides.
      execArgv: [],
      env,
      stdout: true,
      stderr: true,
      workerData: {
        handlerFile: fn.handlerFile,
        handlerExport: fn.handlerExport,
        functionName: fn.constructId,
        memorySize: fn.memorySize,
        timeoutSeconds: fn.timeoutSeconds,
      },
    });
    for (const stream of [this.worker.stdout, this.worker.stderr]) createInterface({ input: stream }).on('line', writeLine);
    this.worker.on(
      'message',
      ({ id, result, error }: { id: number; result?: unknown; error?: InvocationError['failure'] & { phase?: 'init' } }) => {
        const pending = this.pending.get(id);
        this.pending.delete(id);
        if (error) pending?.reject(new InvocationError(fn.constructId, error.phase ?? 'invoke', error));
        else pending?.resolve(result);
      },
    );
    this.worker.on('error', (error) => this.failAll(error));
    this.worker.on('exit', (code) => this.failAll(new Error(`${fn.constructId}: its worker exited (${code})`)));
  }

  invoke(event: unknown): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, event });
    });
  }

  private failAll(error: Error) {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }

  stop(): Promise<number> {
    return this.worker.terminate();
  }
}

export class FunctionWorkers {
  private readonly workers = new Map<string, FunctionWorker>();

  constructor(
    private readonly functions: ReadonlyMap<string, SynthesizedFunction>,
    private readonly environmentFor: (fn: SynthesizedFunction) => Record<string, string>,
    /** Each line a function writes; its CloudWatch metric lines (EMF) are left out. */
    private readonly writeLine: (line: string) => void = (line) => {
      if (!line.includes('"_aws":{')) console.log(line);
    },
  ) {}

  invoke(logicalId: string, event: unknown): Promise<unknown> {
    let worker = this.workers.get(logicalId);
    if (!worker) {
      const fn = this.functions.get(logicalId);
      if (!fn) return Promise.reject(new Error(`no function ${logicalId} in the template`));
      worker = new FunctionWorker(fn, this.environmentFor(fn), this.writeLine);
      this.workers.set(logicalId, worker);
    }
    return worker.invoke(event);
  }

  async stop(): Promise<void> {
    await Promise.all([...this.workers.values()].map((worker) => worker.stop()));
    this.workers.clear();
  }
}
