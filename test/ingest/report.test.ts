// When a run counts as failed.
import { describe, expect, it } from "vitest";
import { emptySourceReport, hasAnyFailure, isRunFailed, type RunReport, type SourceOutcome } from "../../src/ingest/report.js";

function run(...outcomes: SourceOutcome[]): RunReport {
  return {
    sources: outcomes.map((outcome, i) => ({ ...emptySourceReport(`s${i}`, `https://x/${i}`), outcome })),
    startedAt: new Date(0),
    ms: 1,
    aborted: false,
    warnings: [],
    postFiles: { created: [], rewritten: [] },
  };
}

describe("isRunFailed", () => {
  it.each([
    ["every source failed", run("failed", "failed"), true],
    ["one source read", run("failed", "updated"), false],
    ["a 304 counts as read", run("failed", "not-modified"), false],
    ["sources backing off are not counted", run("failed", "backing-off"), true],
    ["nothing tried at all is not a failure", run("disabled"), false],
  ])("%s", (_name, report, expected) => {
    expect(isRunFailed(report)).toBe(expected);
  });
});

describe("hasAnyFailure", () => {
  it("sees a failed item in an otherwise good source", () => {
    const report = run("updated");
    report.sources[0]?.itemFailures.push({ link: null, title: "t", failure: { code: "feed.no-link", message: "m" } });
    expect(hasAnyFailure(report)).toBe(true);
    expect(hasAnyFailure(run("updated", "not-modified"))).toBe(false);
  });
});
