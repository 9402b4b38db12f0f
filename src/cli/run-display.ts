// How an ingest run shows itself: a live line on a terminal, one line per source in CI, and the closing summary.
import type { RunReport, SourceReport } from "../ingest/index.js";
import type { Io } from "./io.js";
import { describeFailure } from "./messages.js";
import { formatTable } from "../sources/index.js";

export interface Progress {
  start: (site: string, url: string) => void;
  done: (report: SourceReport) => void;
  finish: () => void;
}

export function createProgress(io: Io, total: number): Progress {
  const running = new Set<string>();
  let finished = 0;
  const redraw = (): void => {
    if (!io.isTTY) return;
    const names = [...running].join(", ");
    const line = `[${finished}/${total}] fetching ${names}`;
    io.stdout(`\r\x1b[2K${line.length > 110 ? `${line.slice(0, 107)}...` : line}`);
  };
  return {
    start: (site) => {
      running.add(site);
      redraw();
    },
    done: (report) => {
      running.delete(report.site);
      finished += 1;
      if (io.isTTY) io.stdout("\r\x1b[2K");
      io.stdout(`${sourceLine(report)}\n`);
      redraw();
    },
    finish: () => {
      if (io.isTTY) io.stdout("\r\x1b[2K");
    },
  };
}

/** One line per source: what came of it. */
export function sourceLine(report: SourceReport): string {
  const name = `${report.site} <${report.url}>`;
  switch (report.outcome) {
    case "disabled":
      return `- ${name}: disabled`;
    case "backing-off":
      return `- ${name}: failing, skipped until its next retry (see \`newsmirror status\`; --force tries it now)`;
    case "not-modified":
      return `= ${name}: not modified (${report.ms} ms)`;
    case "failed":
      return `! ${report.failure !== null ? describeFailure({ ...report.failure, source: name }) : `${name}: failed`}`;
    case "updated": {
      const parts = [`${report.written} new`, `${report.seen} already seen`];
      if (report.revised > 0) parts.push(`${report.revised} revised`);
      if (report.itemFailures.length > 0) parts.push(`${report.itemFailures.length} failed`);
      if (report.filtered > 0) parts.push(`${report.filtered} filtered out`);
      return `+ ${name}: ${parts.join(", ")} (${report.ms} ms)`;
    }
  }
}

/** The closing summary: per source new / seen / failed, the warnings (the sources', then the mirror's), and the time taken. */
export function formatSummary(report: RunReport): string {
  const lines: string[] = [];
  const rows = report.sources.map((s) => [s.site, String(s.written), String(s.seen), String(s.itemFailures.length + (s.outcome === "failed" ? 1 : 0)), s.outcome]);
  lines.push(formatTable([["source", "new", "seen", "failed", "outcome"], ...rows]).trimEnd());
  for (const source of report.sources) {
    for (const item of source.itemFailures) lines.push(`! ${source.site}: item "${item.title}" ${item.link ?? ""}: ${describeFailure({ ...item.failure, source: undefined })}`);
    for (const warning of source.warnings) lines.push(`~ ${source.site}: ${warning}`);
  }
  for (const warning of report.warnings) lines.push(`~ ${warning}`);
  const total = report.sources.reduce((n, s) => n + s.written, 0);
  const failed = report.sources.filter((s) => s.outcome === "failed").length;
  lines.push(`${total} new post${total === 1 ? "" : "s"} from ${report.sources.length} source${report.sources.length === 1 ? "" : "s"}, ${failed} failed, in ${(report.ms / 1000).toFixed(1)} s${report.aborted ? " (stopped early)" : ""}`);
  return lines.join("\n") + "\n";
}
