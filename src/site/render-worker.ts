// A worker thread that renders and writes post pages (the bulk of a build) in parallel with the main thread.
import { parentPort, workerData } from "node:worker_threads";
import { HtmlCache, keptArticles, readClaimed } from "./post-reader.js";
import type { PostJob, WorkerScan, WorkerSetup } from "./render-job.js";
import type { RenderContext } from "./render-page.js";

/**
 * Article HTML kept from this worker's reading for its renders, in bytes; the rest is reread. Kept as Buffers, it
 * lives outside the worker's capped V8 heap but counts in the process's memory all the same.
 */
const HTML_CACHE_BYTES = 16_000_000;

const setup = workerData as WorkerSetup;
const htmlCache = new HtmlCache(HTML_CACHE_BYTES);
const kept = keptArticles(htmlCache, setup.postsDir);
// Reading comes first, with only the reader loaded: the sooner this worker claims files, the more it reads.
// Posts read here keep their HTML here: the main thread sends this worker their pages (RenderPool.sendTo).
if (setup.scan) {
  const scanned: WorkerScan = readClaimed(setup.postsDir, setup.scan.files, setup.scan.next, setup.config, htmlCache);
  parentPort!.postMessage({ type: "scanned", scanned });
}
const [{ createOutputDir }, { miniPlanOf }, { isPageBytes, renderPage }, { loadTheme }] = await Promise.all([
  import("./output-dir.js"),
  import("./render-job.js"),
  import("./render-page.js"),
  import("./theme.js"),
]);
const themeResult = await loadTheme(setup.mirrorDir, setup.themeDir, setup.extraAssets);
const out = createOutputDir(setup.outRoot);

if (!themeResult.ok) {
  parentPort!.postMessage({ type: "failed", message: themeResult.failure.message });
} else {
  const theme = themeResult.value;
  // Batches are answered in the order they came (the pool matches replies to batches by order).
  let chain: Promise<void> = Promise.resolve();
  parentPort!.on("message", (jobs: PostJob[]) => {
    chain = chain.then(async () => {
      const done: Array<[string, string]> = [];
      try {
        for (const job of jobs) {
          const { plan, page } = miniPlanOf(job);
          const ctx: RenderContext = { plan, config: setup.config, theme, loadHtml: async (post) => job.html ?? kept.loadHtml(post), searchScripts: setup.searchScripts, toggle: setup.toggle };
          let text;
          try {
            text = await renderPage(ctx, page);
          } catch (error) {
            throw Object.assign(new Error(`${job.path}: ${(error as Error).message.split("\n")[0]}`), { code: "TEMPLATE" });
          }
          if (!isPageBytes(text)) throw new Error(`${job.path} is not a page`);
          await out.write(job.path, text);
          done.push([job.path, job.inputs]);
        }
        parentPort!.postMessage({ type: "done", done });
      } catch (error) {
        parentPort!.postMessage({ type: "error", message: (error as Error).message, code: (error as NodeJS.ErrnoException).code, done });
      }
    });
  });
  parentPort!.postMessage({ type: "ready" });
}
