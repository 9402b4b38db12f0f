// Ingest benchmark: 200 feeds x 50 items on loopback into mirrors whose ledger already holds 10k, 100k and 1M URLs,
// newsmirror against the original script's way of doing the same work, each in its own process.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { startFeedFarm } from "../test/support/feed-farm.js";

const run = promisify(execFile);
const FEEDS = 200;
const PER_FEED = 50;
/** The original rewrites the whole ledger per item: at 1M URLs it is capped to keep the bench short. */
const ORIGINAL_BUDGET: Record<number, number> = { 10_000: Infinity, 100_000: 2_000, 1_000_000: 200 };

interface Measure {
  variant: string;
  written: number;
  ms: number;
  maxRssMB: number;
}

function prepareMirror(ledgerSize: number, feedUrls: string[], variant: string): string {
  const dir = mkdtempSync(join(tmpdir(), `nm-bench-${variant}-`));
  const lines: string[] = [];
  for (let i = 0; i < ledgerSize; i++) lines.push(`https://www.example-news.com/articles/2025/${i % 365}/${i}-${(i * 2654435761) % 1e9}.html`);
  writeFileSync(join(dir, "allurls.dat"), lines.join("\n") + "\n");
  writeFileSync(join(dir, "subs.json"), JSON.stringify(feedUrls.map((url, i) => ({ site: `source ${i % 40}`, url })), undefined, 4));
  // The same work as the original: feed HTML kept as it is, no page or image fetched.
  writeFileSync(join(dir, "newsmirror.yml"), "defaults:\n  clean: false\n  full_text: never\n  images: hotlink\n");
  return dir;
}

async function measure(variant: string, dir: string, budget: number): Promise<Measure> {
  const worker = new URL("./ingest-worker.ts", import.meta.url).pathname;
  const { stdout } = await run(process.execPath, ["--import", "tsx", worker, variant, dir, String(budget)], { maxBuffer: 1 << 24 });
  return JSON.parse(stdout.trim().split("\n").pop() as string) as Measure;
}

export async function benchIngest(runs = 3): Promise<void> {
  const farm = await startFeedFarm(FEEDS, PER_FEED);
  console.log(`ingest: ${FEEDS} feeds x ${PER_FEED} items on loopback, median of ${runs} runs`);
  console.log("ledger URLs | newsmirror items/s | ms/item | peak MB | original items/s | ms/item | peak MB | speed-up");
  try {
    for (const ledger of [10_000, 100_000, 1_000_000]) {
      const ours: Measure[] = [];
      const theirs: Measure[] = [];
      for (let r = 0; r < runs; r++) {
        const a = prepareMirror(ledger, farm.feedUrls, "nm");
        ours.push(await measure("newsmirror", a, Infinity));
        rmSync(a, { recursive: true, force: true });
        const b = prepareMirror(ledger, farm.feedUrls, "orig");
        theirs.push(await measure("original", b, ORIGINAL_BUDGET[ledger] ?? Infinity));
        rmSync(b, { recursive: true, force: true });
      }
      const rate = (m: Measure): number => (m.written / m.ms) * 1000;
      const o = median(ours.map(rate));
      const t = median(theirs.map(rate));
      console.log([ledger, o.toFixed(0), (1000 / o).toFixed(3), median(ours.map((m) => m.maxRssMB)).toFixed(0), t.toFixed(0), (1000 / t).toFixed(3), median(theirs.map((m) => m.maxRssMB)).toFixed(0), `${(o / t).toFixed(1)}x`].join(" | "));
    }
  } finally {
    await farm.close();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}
