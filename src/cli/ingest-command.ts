// What `run` and `fetch` share: reading their flags, running the ingest and printing its report.
import { resolve } from "node:path";
import { hasAnyFailure, isRunFailed, runMirror, type RunOptions, type RunReport } from "../ingest/index.js";
import { parseArgs, parseKnownArgs } from "./args.js";
import { EXIT, type Io } from "./io.js";
import { describeFailure } from "./messages.js";
import { createProgress, formatSummary } from "./run-display.js";

export const INGEST_FLAGS = ["dir", "only"] as const;

export const INGEST_OPTIONS = `  --dir DIR     the mirror folder (default: the current folder)
  --only NAME   only the sources with this site name or URL (repeatable as a comma list)
  --force       also try sources that are backing off after repeated failures
  --strict      exit 1 when any source or item failed`;

/** The mirror folder named by --dir (default: the current folder), absolute. */
export function mirrorDirOf(args: readonly string[], io: Io): string {
  const parsed = parseArgs(args, [...INGEST_FLAGS]);
  const dir = "error" in parsed ? undefined : parsed.flags.get("dir");
  return resolve(io.cwd, typeof dir === "string" ? dir : ".");
}

export interface IngestRun {
  code: number;
  dir: string;
  report: RunReport | null;
}

/** `hooks`: see RunOptions (runMirror). */
export async function runIngestCommand(args: string[], io: Io, usage: string, hooks: Pick<RunOptions, "onArchiveOpen" | "onPostFile"> = {}): Promise<IngestRun> {
  const parsed = parseKnownArgs(args, [...INGEST_FLAGS], ["force", "strict"]);
  if ("error" in parsed) return usageError(io, usage, parsed.error);
  if (parsed.positionals.length > 0) return usageError(io, usage, `unexpected argument "${parsed.positionals[0]}"`);
  const dir = mirrorDirOf(args, io);
  const only = typeof parsed.flags.get("only") === "string" ? String(parsed.flags.get("only")).split(",").map((s) => s.trim()).filter(Boolean) : [];
  let progress = null as ReturnType<typeof createProgress> | null;
  const result = await runMirror({
    dir,
    env: io.env,
    only,
    force: parsed.flags.has("force"),
    signal: io.signal,
    onPlan: (sources) => {
      progress = createProgress(io, sources.length);
    },
    onSourceStart: (site, url) => {
      progress?.start(site, url);
    },
    onSourceDone: (report) => progress?.done(report),
    ...hooks,
  });
  progress?.finish();
  if (!result.ok) {
    io.stderr(`newsmirror: ${describeFailure(result.failure)}\n`);
    return { code: result.failure.code === "archive.locked" ? EXIT.locked : EXIT.failed, dir, report: null };
  }
  io.stdout(formatSummary(result.value));
  const failed = isRunFailed(result.value) || (parsed.flags.has("strict") && hasAnyFailure(result.value));
  return { code: failed ? EXIT.failed : EXIT.ok, dir, report: result.value };
}

function usageError(io: Io, usage: string, message: string): IngestRun {
  io.stderr(`${usage}\nnewsmirror: ${message}\n`);
  return { code: EXIT.usage, dir: io.cwd, report: null };
}
