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
 * How many workers a build of `pages` post pages is worth: from 2,000 post pages, all cores but one, at most 4.
 * On 2 cores (10,000 posts, full builds over an existing site, three runs each, alternating): none 8.6 to
 * 10.8 s, one worker with the main thread taking a third of the post pages 6.3 to 7.4 s, for 45 MB more.
 * `BuildOptions.workers` overrides.
 */
export function workerCount(pages: number, requested?: number): number {
  if (requested !== undefined) return Math.max(0, Math.floor(requested));
  const cores = availableParallelism();
  return pages < 2000 || cores < 2 ? 0 : Math.min(cores - 1, 4);
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
  // Batches are posted at once to the least busy worker and answered in order: a worker never waits for the
  // main thread to hand it the next batch (measured: one worker idle 2.2 s of 9 s when it had to).
  type Waiter = { resolve: (done: Array<[string, string]>) => void; reject: (error: Error) => void };
  const queues = new Map<Worker, Waiter[]>();
  for (const worker of workers) {
    const queue: Waiter[] = [];
    queues.set(worker, queue);
    worker.on("message", (reply: Reply) => {
      const waiter = queue.shift();
      if (!waiter) return;
      if (reply.type === "done") waiter.resolve(reply.done);
      else if (reply.type === "error") waiter.reject(Object.assign(new Error(reply.message), { code: reply.code }));
      else waiter.reject(new Error("render worker: unexpected reply"));
    });
    worker.on("error", (error: Error) => {
      for (const waiter of queue.splice(0)) waiter.reject(error);
    });
  }
  const send = (batch: PostJob[]): Promise<Array<[string, string]>> => {
    const worker = workers.reduce((best, w) => (queues.get(w)!.length < queues.get(best)!.length ? w : best));
    return new Promise((resolve, reject) => {
      queues.get(worker)!.push({ resolve, reject });
      worker.postMessage(batch);
    });
  };
  return {
    size: workers.length,
    send,
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
