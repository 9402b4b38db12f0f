// A worker thread running a module that sits beside this one, from the built JavaScript or from TypeScript source.
import { Worker } from "node:worker_threads";

/** Options that say how to run the parent's own program: a worker that inherits `--input-type` fails to start. */
const PROGRAM_OPTIONS = new Set(["-e", "--eval", "-p", "--print", "--input-type"]);

/**
 * The parent's Node options for a worker, less those naming the parent's program: `node --input-type=module -e`
 * (a script or a benchmark driving newsmirror) would otherwise leave every build without its workers.
 */
export function workerExecArgv(execArgv: readonly string[] = process.execArgv): string[] {
  const kept: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i]!;
    const name = arg.split("=", 1)[0]!;
    if (!PROGRAM_OPTIONS.has(name)) kept.push(arg);
    // "-e CODE", "--input-type module": the value is the next argument.
    else if (name === arg) i++;
  }
  return kept;
}

/**
 * Starts `name` (without extension) from this folder in a worker with an old-generation heap of `heapMb`.
 * Built, it is `name.js`. Run from source, Node 20 will not load a .ts worker even under tsx (the worker's
 * entry is read before loader hooks apply), so a two-line bootstrap registers tsx and then imports `name.ts`.
 */
export function moduleWorker(name: string, workerData: unknown, heapMb: number): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: heapMb };
  const execArgv = workerExecArgv();
  if (!import.meta.url.endsWith(".ts")) return new Worker(new URL(`./${name}.js`, import.meta.url), { workerData, resourceLimits, execArgv });
  const script = new URL(`./${name}.ts`, import.meta.url).href;
  const bootstrap = `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(script)}); });`;
  return new Worker(bootstrap, { eval: true, workerData, resourceLimits, execArgv });
}

/**
 * Runs `name` on a worker thread for its one reply, then stops the worker; null when the worker could not
 * start or stopped without replying (the caller then does the work on its own thread).
 */
export function workerReply<T>(name: string, workerData: unknown, heapMb: number): Promise<T | null> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = moduleWorker(name, workerData, heapMb);
    } catch {
      resolve(null);
      return;
    }
    worker.once("message", (reply: T) => {
      void worker.terminate();
      resolve(reply);
    });
    worker.once("error", () => resolve(null));
    worker.once("exit", () => resolve(null));
  });
}
