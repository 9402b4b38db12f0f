// The ingest run: every enabled source through fetch, feed, content and archive, one source's failure its own.
import { openArchive } from "../archive/index.js";
import { createFetcher, type Fetcher } from "../fetch/index.js";
import { ok, type Result } from "../result.js";
import { loadMirrorConfig, type MirrorConfig, type Source } from "../sources/index.js";
import { mapWithConcurrency } from "./pool.js";
import type { RunReport, SourceReport } from "./report.js";
import { createSerial } from "./serial.js";
import { runSource } from "./source-run.js";

export type { RunReport, SourceReport, SourceOutcome, ItemFailure } from "./report.js";
export { isRunFailed, hasAnyFailure } from "./report.js";
export { staleRules, RULE_STALE_RUNS } from "./rule-health.js";

export interface RunOptions {
  dir: string;
  /** The run's time: dates are clamped to it and it stamps the state. */
  now?: () => Date;
  /** Injected in tests; by default one built from the mirror's fetch settings. */
  fetcher?: Fetcher;
  env?: Record<string, string | undefined>;
  /** Only the sources whose site or URL is listed. */
  only?: string[];
  force?: boolean;
  signal?: AbortSignal;
  /** Called once with the sources about to run, before the first starts. */
  onPlan?: (sources: readonly Source[]) => void;
  onSourceStart?: (site: string, url: string) => void;
  onSourceDone?: (report: SourceReport) => void;
  /**
   * Called once the mirror is open and the posts a killed run left staged are in `_posts/`: from then on every
   * post file the run creates or rewrites is in the report's `postFiles` (`run` begins listing the folder here).
   */
  onArchiveOpen?: () => void;
  /** Called with each post file as the run creates or rewrites it (see `postFiles`). */
  onPostFile?: (fileName: string) => void;
}

/**
 * Fetches every enabled source of the mirror in `dir` and archives the new items.
 * @example const result = await runMirror({ dir: "mirror" }); if (result.ok) console.log(result.value.sources.length);
 */
export async function runMirror(options: RunOptions): Promise<Result<RunReport & { config: MirrorConfig }>> {
  const now = (options.now ?? (() => new Date()))();
  const started = Date.now();
  const config = await loadMirrorConfig(options.dir);
  if (!config.ok) return config;
  const opened = await openArchive(options.dir, { lock: true, clock: () => now, onPostFile: options.onPostFile });
  if (!opened.ok) return opened;
  const archive = opened.value;
  const fetcher = options.fetcher ?? createFetcher({
    env: options.env,
    limits: {
      global: config.value.fetch.concurrency,
      perHost: config.value.fetch.perHost,
      totalTimeoutMs: config.value.fetch.timeoutSeconds * 1000,
      retries: config.value.fetch.retries,
      maxBytes: config.value.fetch.maxBytes,
    },
  });
  try {
    options.onArchiveOpen?.();
    const only = options.only ?? [];
    const sources = config.value.sources.filter((s) => only.length === 0 || only.includes(s.site) || only.includes(s.url));
    options.onPlan?.(sources);
    const serial = createSerial();
    const reports = await mapWithConcurrency(sources, config.value.fetch.concurrency, async (source) => {
      options.onSourceStart?.(source.site, source.url);
      const report = await runSource(source, { archive, fetcher, now, serial, force: options.force ?? false, signal: options.signal });
      // Saved after every source so a killed run keeps what it learnt (validators, failures).
      const saved = await serial(() => archive.saveState());
      if (!saved.ok) report.warnings.push(`state not saved: ${saved.failure.message}`);
      options.onSourceDone?.(report);
      return report;
    });
    return ok({ sources: reports, startedAt: now, ms: Date.now() - started, aborted: options.signal?.aborted ?? false, warnings: [...archive.warnings], postFiles: archive.postFiles, config: config.value });
  } finally {
    if (options.fetcher === undefined) await fetcher.close();
    await archive.close();
  }
}
