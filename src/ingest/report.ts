// What one run did, per source: the data the closing summary, `status` and the exit code are made from.
import type { PostFileChanges } from "../archive/index.js";
import type { Failure } from "../result.js";

export type SourceOutcome = "updated" | "not-modified" | "failed" | "backing-off" | "disabled";

export interface ItemFailure {
  link: string | null;
  title: string;
  failure: Failure;
}

export interface SourceReport {
  site: string;
  url: string;
  outcome: SourceOutcome;
  /** Items in the feed this time (after include/exclude filters). */
  items: number;
  written: number;
  seen: number;
  revised: number;
  filtered: number;
  itemFailures: ItemFailure[];
  /** Notes worth showing: a permanent redirect, full-text extraction failures, image download failures. */
  warnings: string[];
  failure: Failure | null;
  ms: number;
}

export interface RunReport {
  sources: SourceReport[];
  startedAt: Date;
  ms: number;
  /** Set when the run stopped early (a signal) or could not start. */
  aborted: boolean;
  /** What opening the mirror noted without stopping (a state file kept aside, the post index rebuilt). */
  warnings: string[];
  /** The post files the run created or rewrote once the mirror was open (`onArchiveOpen`). */
  postFiles: PostFileChanges;
}

export function emptySourceReport(site: string, url: string): SourceReport {
  return { site, url, outcome: "updated", items: 0, written: 0, seen: 0, revised: 0, filtered: 0, itemFailures: [], warnings: [], failure: null, ms: 0 };
}

/** A run failed when no enabled source could be read at all (sources merely backing off do not count). */
export function isRunFailed(report: RunReport): boolean {
  const tried = report.sources.filter((s) => s.outcome !== "disabled" && s.outcome !== "backing-off");
  return tried.length > 0 && tried.every((s) => s.outcome === "failed");
}

export function hasAnyFailure(report: RunReport): boolean {
  return report.sources.some((s) => s.outcome === "failed" || s.itemFailures.length > 0);
}
