// Render workers: post pages rendered and written on other threads, with a fallback to the main thread.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { moduleWorker } from "./module-worker.js";
import type { PostJob, WorkerSetup } from "./render-job.js";

/** Pages per message: large enough that messaging costs little, small enough to keep both threads busy. */
export const BATCH = 48;
/** Old-generation heap of a render worker, MB. */
const WORKER_HEAP_MB = 128;

type Reply = { type: "ready" } | { type: "failed"; message: string } | { type: "done"; done: Array<[string, string]> } | { type: "error"; message: string; code?: string; done: Array<[string, string]> };

export interface RenderPool {
  size: number;
  /** Renders and writes one batch on the next free worker; resolves with [path, inputs] per page. */
  send(batch: PostJob[]): Promise<Array<[string, string]>>;
  close(): Promise<void>;
}

/** A render worker: it holds the theme and two batches of posts; a small heap keeps the build's peak memory down. */
function newWorker(setup: WorkerSetup): Worker {
  return moduleWorker("render-worker", setup, WORKER_HEAP_MB);
}

function startWorker(setup: WorkerSetup): Promise<Worker | null> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = newWorker(setup);
    } catch {
      resolve(null);
      return;
    }
    const fail = (): void => {
      void worker.terminate();
      resolve(null);
    };
    worker.once("error", fail);
    worker.once("exit", fail);
    worker.once("message", (reply: Reply) => {
      worker.removeListener("error", fail);
      worker.removeListener("exit", fail);
      if (reply.type === "ready") resolve(worker);
      else fail();
    });
  });
}

/**
 * How many workers a build of `pages` post pages is worth. On 2 cores, 2 workers measured no faster than
 * none (10,000 posts: 15.8 s against 15.7 s, compiled, cores shared with other jobs) and cost 170 MB more,
 * so workers start only from 4 cores and 2,000 post pages; `BuildOptions.workers` overrides.
 */
export function workerCount(pages: number, requested?: number): number {
  if (requested !== undefined) return Math.max(0, Math.floor(requested));
  const cores = availableParallelism();
  return pages < 2000 || cores < 4 ? 0 : Math.min(cores - 1, 4);
}

/**
 * Starts up to `count` workers; null when none could start (no loader for .ts files under a test runner,
 * say): the caller then renders on the main thread, with identical bytes.
 */
export async function createRenderPool(setup: WorkerSetup, count: number): Promise<RenderPool | null> {
  if (count <= 0) return null;
  const started = await Promise.all(Array.from({ length: count }, () => startWorker(setup)));
  const workers = started.filter((w): w is Worker => w !== null);
  if (workers.length === 0) return null;
  const idle = [...workers];
  const waiters: Array<(worker: Worker) => void> = [];
  const acquire = (): Promise<Worker> => (idle.length > 0 ? Promise.resolve(idle.pop()!) : new Promise((resolve) => waiters.push(resolve)));
  const release = (worker: Worker): void => {
    const waiter = waiters.shift();
    if (waiter) waiter(worker);
    else idle.push(worker);
  };
  const send = async (batch: PostJob[]): Promise<Array<[string, string]>> => {
    const worker = await acquire();
    try {
      return await new Promise((resolve, reject) => {
        const onError = (error: Error): void => reject(error);
        worker.once("error", onError);
        worker.once("message", (reply: Reply) => {
          worker.removeListener("error", onError);
          if (reply.type === "done") resolve(reply.done);
          else if (reply.type === "error") reject(Object.assign(new Error(reply.message), { code: reply.code }));
          else reject(new Error("render worker: unexpected reply"));
        });
        worker.postMessage(batch);
      });
    } finally {
      release(worker);
    }
  };
  return {
    size: workers.length,
    send,
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
