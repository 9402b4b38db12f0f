// One measured ingest in its own process, so its peak memory is its own: prints one JSON line.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runMirror } from "../src/ingest/index.js";
import { ingestTheOriginalWay } from "./original-way.js";

const [variant, dir, budgetText] = process.argv.slice(2);
if (variant === undefined || dir === undefined) throw new Error("usage: ingest-worker newsmirror|original DIR [ITEM_BUDGET]");
const budget = Number(budgetText ?? Infinity);

const started = performance.now();
let written = 0;
let ended: number | null = null;
if (variant === "original") {
  const subs = JSON.parse(readFileSync(join(dir, "subs.json"), "utf8")) as Array<{ site: string; url: string }>;
  const result = await ingestTheOriginalWay(dir, subs, budget);
  written = result.written;
  // With a budget, the rate is taken when the budget is reached: parsing the remaining feeds would only dilute it.
  ended = result.budgetReachedAt;
} else {
  const result = await runMirror({ dir });
  if (!result.ok) throw new Error(result.failure.message);
  written = result.value.sources.reduce((n, s) => n + s.written, 0);
  const failed = result.value.sources.filter((s) => s.outcome === "failed");
  if (failed.length > 0) throw new Error(`${failed.length} sources failed: ${failed[0]?.failure?.message}`);
}
const ms = (ended ?? performance.now()) - started;
process.stdout.write(JSON.stringify({ variant, written, ms, maxRssMB: process.resourceUsage().maxRSS / 1024 }) + "\n");
