// A worker thread running a module that sits beside this one, from the built JavaScript or from TypeScript source.
import { Worker } from "node:worker_threads";

/**
 * Starts `name` (without extension) from this folder in a worker with an old-generation heap of `heapMb`.
 * Built, it is `name.js`. Run from source, Node 20 will not load a .ts worker even under tsx (the worker's
 * entry is read before loader hooks apply), so a two-line bootstrap registers tsx and then imports `name.ts`.
 *
 * Either way the worker starts from a line of code that imports the module, and inherits the process's Node
 * options. A worker started from the file itself fails at once when the process was started with
 * `--input-type` (`node --input-type=module -e`, as a script or the benchmark drives a build); one given an
 * explicit `execArgv` refuses V8 options such as `--max-old-space-size`. Either failure left the build on one
 * thread without a word.
 */
export function moduleWorker(name: string, workerData: unknown, heapMb: number): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: heapMb };
  const built = !import.meta.url.endsWith(".ts");
  const script = new URL(`./${name}.${built ? "js" : "ts"}`, import.meta.url).href;
  const bootstrap = built ? `import(${JSON.stringify(script)});` : `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(script)}); });`;
  return new Worker(bootstrap, { eval: true, workerData, resourceLimits });
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
