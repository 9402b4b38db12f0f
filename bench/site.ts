// Site build benchmark (issue #3): posts generated from the corpus at 10,000 and 100,000; a full build, a build
// with nothing new, then +100 posts; wall time, CPU time and peak memory, each build in its own process.
//
//   npx tsx bench/site.ts                 # 10000 and 100000 posts
//   npx tsx bench/site.ts 10000           # one size
// Targets: full build at 10,000 no slower than Hugo 0.111 (5.8 s); peak memory at most 1 GB at 100,000;
// +100 posts at 100,000 in at most 1 s. The search index is benchmarked by bench/search.ts, so it is off here.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSite } from "../src/site/index.js";

const CORPUS = fileURLToPath(new URL("../../shared/corpus/posts/", import.meta.url));
const START = Date.UTC(2015, 0, 1);
/** Posts are spread 20 minutes apart, so 100,000 of them cover about four years of days. */
const STEP_MS = 20 * 60_000;

interface Sample {
  ms: number;
  cpuMs: number;
  maxRssMb: number;
  pages: number;
  written: number;
  phases: Record<string, number>;
}

/** Writes post number `i`: a corpus post with a new date, a numbered title and file name. */
function writeGeneratedPost(postsDir: string, corpus: Array<{ name: string; text: string }>, i: number): void {
  const source = corpus[i % corpus.length]!;
  const iso = new Date(START + i * STEP_MS).toISOString();
  const slug = source.name.slice(11).replace(/\.md$/, "");
  const text = source.text.replace(/^date: .*$/m, `date: ${iso}`).replace(/^title: "(.*)"$/m, `title: "$1 ${i}"`);
  writeFileSync(join(postsDir, `${iso.slice(0, 10)}-${slug} ${i}.md`), text);
}

function readCorpus(): Array<{ name: string; text: string }> {
  return readdirSync(CORPUS)
    .filter((name) => name.endsWith(".md"))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(CORPUS, name), "utf8") }));
}

function prepareMirror(count: number): string {
  const dir = join(tmpdir(), `newsmirror-bench-site-${count}`);
  const postsDir = join(dir, "_posts");
  if (existsSync(postsDir) && readdirSync(postsDir).length === count) {
    rmSync(join(dir, "_site"), { recursive: true, force: true });
    rmSync(join(dir, ".newsmirror"), { recursive: true, force: true });
    return dir;
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(postsDir, { recursive: true });
  const corpus = readCorpus();
  for (let i = 0; i < count; i++) writeGeneratedPost(postsDir, corpus, i);
  return dir;
}

/** One build in this process; prints the sample as JSON (called in a child). */
async function runOne(dir: string, full: boolean): Promise<void> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const built = await buildSite({ dir, full, search: false });
  const ms = performance.now() - started;
  if (!built.ok) throw new Error(built.failure.message);
  const used = process.cpuUsage(cpu);
  const sample: Sample = {
    ms: Math.round(ms),
    cpuMs: Math.round((used.user + used.system) / 1000),
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    pages: built.value.pages,
    written: built.value.written,
    phases: built.value.phases,
  };
  process.stdout.write(`${JSON.stringify(sample)}\n`);
}

function sample(dir: string, full: boolean): Sample {
  const script = fileURLToPath(import.meta.url);
  const output = execFileSync(process.execPath, ["--import", "tsx", script, "--one", dir, full ? "full" : "incremental"], { encoding: "utf8", maxBuffer: 1 << 20 });
  return JSON.parse(output.trim().split("\n").pop()!) as Sample;
}

function line(label: string, s: Sample): string {
  return `${label.padEnd(22)} ${String(s.ms).padStart(7)} ms wall ${String(s.cpuMs).padStart(7)} ms cpu ${String(s.maxRssMb).padStart(6)} MB peak  ${s.written}/${s.pages} written  ${JSON.stringify(s.phases)}`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === "--one") {
    await runOne(args[1]!, args[2] === "full");
    return;
  }
  const sizes = args.length > 0 ? args.map(Number) : [10_000, 100_000];
  for (const count of sizes) {
    const prepared = performance.now();
    const dir = prepareMirror(count);
    console.log(`${count} posts in ${dir} (generated in ${Math.round(performance.now() - prepared)} ms)`);
    console.log(line("  full build", sample(dir, true)));
    console.log(line("  nothing new", sample(dir, false)));
    const corpus = readCorpus();
    for (let i = count; i < count + 100; i++) writeGeneratedPost(join(dir, "_posts"), corpus, i);
    console.log(line("  +100 posts", sample(dir, false)));
    for (let i = count; i < count + 100; i++) {
      const iso = new Date(START + i * STEP_MS).toISOString();
      const source = corpus[i % corpus.length]!;
      rmSync(join(dir, "_posts", `${iso.slice(0, 10)}-${source.name.slice(11).replace(/\.md$/, "")} ${i}.md`), { force: true });
    }
  }
}

await main();
