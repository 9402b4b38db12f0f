// What a run prints: one line per source in CI, and the closing summary.
import { describe, expect, it } from "vitest";
import { createProgress, formatSummary, sourceLine } from "../../src/cli/run-display.js";
import { emptySourceReport } from "../../src/ingest/report.js";
import type { Io } from "../../src/cli/io.js";

const updated = { ...emptySourceReport("美国之音", "https://voa/feed"), written: 3, seen: 47, ms: 120 };
const failed = { ...emptySourceReport("BBC", "https://bbc/feed"), outcome: "failed" as const, failure: { code: "fetch.timeout", message: "no answer from bbc in 30 s" } };

describe("sourceLine", () => {
  it.each([
    ["an updated source", updated, "+ 美国之音 <https://voa/feed>: 3 new, 47 already seen (120 ms)"],
    ["a failed source says what to do", failed, /^! source BBC <https:\/\/bbc\/feed>: no answer from bbc in 30 s; .*proxy.* \[fetch.timeout\]$/],
    ["a 304", { ...updated, outcome: "not-modified" as const }, "= 美国之音 <https://voa/feed>: not modified (120 ms)"],
  ])("%s", (_name, report, expected) => {
    if (typeof expected === "string") expect(sourceLine(report)).toBe(expected);
    else expect(sourceLine(report)).toMatch(expected);
  });
});

describe("formatSummary", () => {
  it("aligns CJK names and totals the run", () => {
    const text = formatSummary({ sources: [updated, failed], startedAt: new Date(0), ms: 2500, aborted: false, warnings: [], postFiles: { created: [], rewritten: [] } });
    expect(text).toBe(["source    new  seen  failed  outcome", "美国之音  3    47    0       updated", "BBC       0    0     1       failed", "3 new posts from 2 sources, 1 failed, in 2.5 s", ""].join("\n"));
  });

  it("shows what opening the mirror noted, after the sources' warnings", () => {
    const warned = { ...updated, warnings: ["moved permanently to https://voa/new"] };
    const text = formatSummary({ sources: [warned], startedAt: new Date(0), ms: 100, aborted: false, warnings: ["the post index was rebuilt"], postFiles: { created: [], rewritten: [] } });
    expect(text.split("\n").slice(2, 4)).toEqual(["~ 美国之音: moved permanently to https://voa/new", "~ the post index was rebuilt"]);
  });
});

describe("createProgress", () => {
  it("prints one plain line per finished source when not on a terminal", () => {
    let out = "";
    const io: Io = { stdout: (t) => (out += t), stderr: () => undefined, isTTY: false, env: {}, cwd: "." };
    const progress = createProgress(io, 2);
    progress.start("美国之音", "https://voa/feed");
    progress.done(updated);
    progress.finish();
    expect(out).toBe("+ 美国之音 <https://voa/feed>: 3 new, 47 already seen (120 ms)\n");
  });
});
