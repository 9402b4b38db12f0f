// Render workers: post pages rendered and written on other threads, with a fallback to the main thread.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { moduleWorker } from "./module-worker.js";
import type { PostJob, WorkerScan, WorkerSetup } from "./render-job.js";

/** Pages per message: large enough that messaging costs little, small enough to keep both threads busy. */
export const BATCH = 48;
/** Old-generation heap of a render worker, MB. */
const WORKER_HEAP_MB = 128;

type Reply =
  | { type: "scanned"; scanned: WorkerScan }
  | { type: "ready" }
  | { type: "failed"; message: string }
  | { type: "done"; done: Array<[string, string]> }
  | { type: "error"; message: string; code?: string; done: Array<[string, string]> };

export interface RenderPool {
  size: number;
  /** Renders and writes one batch on the next free worker; resolves with [path, inputs] per page. */
  send(batch: PostJob[]): Promise<Array<[string, string]>>;
  /** The same on the worker started `slot`-th (one that read the batch's posts and keeps their HTML); any
   * worker if that one did not start. */
  sendTo(slot: number, batch: PostJob[]): Promise<Array<[string, string]>>;
  close(): Promise<void>;
}

export interface StartingPool {
  /** Per slot, what the worker read of `setup.scan` (null: no scan, or the worker did not start). It comes
   * before the worker loads the theme, so the main thread goes on while the worker gets ready. */
  scanned: Promise<Array<WorkerScan | null>>;
  pool: Promise<RenderPool | null>;
}

/** Workers that failed or exited after they said they were ready, before or while the pool used them. */
const gone = new WeakSet<Worker>();

/** A render worker: it holds the theme and a few batches of posts; a small heap keeps the build's peak memory down. */
function newWorker(setup: WorkerSetup): Worker {
  return moduleWorker("render-worker", setup, WORKER_HEAP_MB);
}

function startWorker(setup: WorkerSetup): { scanned: Promise<WorkerScan | null>; ready: Promise<Worker | null> } {
  let resolveScanned!: (scan: WorkerScan | null) => void;
  const scanned = new Promise<WorkerScan | null>((resolve) => (resolveScanned = resolve));
  const ready = new Promise<Worker | null>((resolve) => {
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
    const onMessage = (reply: Reply): void => {
      if (reply.type === "scanned") {
        resolveScanned(reply.scanned);
        return;
      }
      worker.removeListener("message", onMessage);
      worker.removeListener("error", fail);
      worker.removeListener("exit", fail);
      if (reply.type !== "ready") return fail();
      // A ready worker may wait seconds for the others (they are still reading): one that fails meanwhile is
      // left out of the pool, and its "error" never goes unheard (that would end the process).
      const noteGone = (): void => void gone.add(worker);
      worker.on("error", noteGone);
      worker.on("exit", noteGone);
      resolve(worker);
    };
    worker.once("error", fail);
    worker.once("exit", fail);
    worker.on("message", onMessage);
  });
  // Settled once the worker is ready or gone: a worker that never read has nothing to give.
  void ready.then(() => resolveScanned(null));
  return { scanned, ready };
}

/**
 * How many workers a build of `pages` post pages is worth: from 2,000 post pages, all cores but one, at most 4.
 * On 2 cores (10,000 posts, full builds over an existing site, three runs each, alternating): none 8.6 to
 * 10.8 s, one worker (the main thread taking a share of the post pages) 6.3 to 7.4 s, for 45 MB more.
 * `BuildOptions.workers` overrides.
 */
export function workerCount(pages: number, requested?: number): number {
  if (requested !== undefined) return Math.max(0, Math.floor(requested));
  const cores = availableParallelism();
  return pages < 2000 || cores < 2 ? 0 : Math.min(cores - 1, 4);
}

/**
 * Starts up to `count` workers; the pool is null when none could start (no loader for .ts files under a test
 * runner, say): the caller then renders on the main thread, with identical bytes. With `setup.scan`, each
 * worker first shares the reading of those posts (`StartingPool.scanned`).
 */
export function startRenderPool(setup: WorkerSetup, count: number): StartingPool {
  const slots = Array.from({ length: Math.max(0, count) }, () => startWorker(setup));
  return { scanned: Promise.all(slots.map((slot) => slot.scanned)), pool: poolOf(Promise.all(slots.map((slot) => slot.ready))) };
}

/** `startRenderPool` without reading: the pool alone. */
export function createRenderPool(setup: WorkerSetup, count: number): Promise<RenderPool | null> {
  return startRenderPool(setup, count).pool;
}

async function poolOf(starting: Promise<Array<Worker | null>>): Promise<RenderPool | null> {
  const slots = (await starting).map((w) => (w === null || gone.has(w) ? null : w));
  const workers = slots.filter((w) => w !== null);
  if (workers.length === 0) return null;
  // Batches are posted at once, to the worker that read their posts (sendTo) or to the least busy one, and
  // answered in order: a worker never waits for the main thread to hand it the next batch (measured: one
  // worker idle 2.2 s of 9 s when it had to).
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
    worker.on("exit", (code: number) => {
      for (const waiter of queue.splice(0)) waiter.reject(new Error(`render worker stopped (exit code ${code})`));
    });
  }
  const sendOn = (worker: Worker, batch: PostJob[]): Promise<Array<[string, string]>> =>
    new Promise((resolve, reject) => {
      queues.get(worker)!.push({ resolve, reject });
      worker.postMessage(batch);
    });
  const send = (batch: PostJob[]): Promise<Array<[string, string]>> =>
    sendOn(workers.reduce((best, w) => (queues.get(w)!.length < queues.get(best)!.length ? w : best)), batch);
  return {
    size: workers.length,
    send,
    sendTo: (slot, batch) => {
      const worker = slots[slot];
      return worker ? sendOn(worker, batch) : send(batch);
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
