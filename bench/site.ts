// Site build benchmark (issue #3): posts generated from the corpus at 10,000 and 100,000; a full build, a build
// with nothing new, then +100 posts; wall time (process start to exit, as for Hugo), CPU time and peak memory,
// each build in its own process, on the bundle (the benchmark compiles and bundles first, as `npm install` does).
//
//   npx tsx bench/site.ts                 # 10000 and 100000 posts
//   npx tsx bench/site.ts 10000           # one size
//   npx tsx bench/site.ts 10000 --runs 3  # median of three runs of each build
// When `hugo` is on PATH, Hugo builds the same posts on equivalent minimal templates after each (bench/hugo.ts).
// Targets: full build no slower than Hugo at both sizes; peak memory at most 1 GB at 100,000;
// +100 posts at 100,000 in at most 1 s. The search index is benchmarked by bench/search.ts, so it is off here.
// "+100 posts fetched" is the hourly job: `newsmirror run`'s fetch of 100 posts, then its build (timed alone).
import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { bundle } from "../scripts/bundle.js";
import { MANIFEST_DIR } from "../src/site/manifest.js";
import { startFeedFarm } from "../test/support/feed-farm.js";
import { findHugo, hugoAfterNewPosts, hugoBenchmark, type HugoSample } from "./hugo.js";
import { emptyTrash, setAside } from "./set-aside.js";

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
  stories: { linked: number; read: number };
}

/** Writes post number `i`: a corpus post with a new date, a numbered title and file name. */
/** The file name of generated post number `i`. */
function fileOf(i: number, corpus: Array<{ name: string }>): string {
  const iso = new Date(START + i * STEP_MS).toISOString();
  return `${iso.slice(0, 10)}-${corpus[i % corpus.length]!.name.slice(11).replace(/\.md$/, "")} ${i}.md`;
}

function writeGeneratedPost(postsDir: string, corpus: Array<{ name: string; text: string }>, i: number): void {
  const source = corpus[i % corpus.length]!;
  const iso = new Date(START + i * STEP_MS).toISOString();
  const text = source.text.replace(/^date: .*$/m, `date: ${iso}`).replace(/^title: "(.*)"$/m, `title: "$1 ${i}"`);
  writeFileSync(join(postsDir, fileOf(i, corpus)), text);
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
    setAside(join(dir, "_site"));
    rmSync(join(dir, ".newsmirror"), { recursive: true, force: true });
    return dir;
  }
  setAside(dir);
  mkdirSync(postsDir, { recursive: true });
  const corpus = readCorpus();
  for (let i = 0; i < count; i++) writeGeneratedPost(postsDir, corpus, i);
  return dir;
}

const REPO = fileURLToPath(new URL("..", import.meta.url));

/**
 * Builds the project as `npm install` does (`npm run build`: compile, then bundle): builds are timed on the
 * bundle the `newsmirror` command runs. From the TypeScript source, each render worker would first compile its
 * modules through tsx (measured: about 2 to 3 s more CPU in a 10,000-post full build).
 */
async function compile(): Promise<void> {
  execFileSync(process.execPath, [join(REPO, "node_modules", "typescript", "bin", "tsc"), "-p", join(REPO, "tsconfig.build.json")], { stdio: "inherit" });
  await bundle(join(REPO, "dist", "bin"));
}

/**
 * The child's program: one build on the bundle, as the `newsmirror build` command runs it (no tsx
 * hooks, in the child or its render workers; the listing of `_posts/` begun before the build's modules load),
 * printing the sample as JSON. Its CPU time counts from the process start.
 */
const CHILD = `
const [indexJs, dir, mode] = process.argv.slice(1);
const { pathToFileURL } = await import("node:url");
const { beginListing } = await import(new URL("post-listing.js", pathToFileURL(indexJs)).href);
const listing = mode === "full" ? undefined : beginListing(dir);
const { buildSite } = await import(indexJs);
const built = await buildSite({ dir, full: mode === "full", search: false, listing });
if (!built.ok) throw new Error(built.failure.message);
const used = process.cpuUsage();
const { pages, written, phases, stories } = built.value;
const cpuMs = Math.round((used.user + used.system) / 1000);
process.stdout.write(JSON.stringify({ cpuMs, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), pages, written, phases, stories }) + "\\n");
`;

/**
 * One build in its own process. Its wall time runs from the spawn to the exit, Node's start and loading the
 * bundle included (about 0.2 s here), as Hugo's does: the time a user waits for `newsmirror build`.
 */
function sample(dir: string, full: boolean): Sample {
  const started = performance.now();
  const output = execFileSync(process.execPath, ["--input-type=module", "-e", CHILD, join(REPO, "dist", "bin", "site.js"), dir, full ? "full" : "incremental"], { encoding: "utf8", maxBuffer: 1 << 20 });
  const ms = Math.round(performance.now() - started);
  return { ms, ...(JSON.parse(output.trim().split("\n").pop()!) as Omit<Sample, "ms">) };
}

/**
 * The hourly job as `newsmirror run` does it (src/cli/commands/run.ts), on the bundle: the fetch, and the build
 * begun beside it (build-after-fetch.ts). Search off, as for the other builds here. Prints the fetch's time and
 * the build's report.
 */
const RUN_CHILD = `
const [bundleDir, dir] = process.argv.slice(1);
const { pathToFileURL } = await import("node:url");
const load = (name) => import(new URL(name, pathToFileURL(bundleDir + "/")).href);
const [{ runMirror }, { beginBuildAfterFetch }] = await Promise.all([load("ingest.js"), load("site.js")]);
const started = performance.now();
let after;
const fetched = await runMirror({ dir, env: process.env, onArchiveOpen: () => (after = beginBuildAfterFetch(dir)), onPostFile: (fileName) => after.onPostFile(fileName) });
if (!fetched.ok) throw new Error(fetched.failure.message);
const fetchMs = Math.round(performance.now() - started);
const built = await after.build(fetched.value.postFiles, { search: false });
if (!built.ok) throw new Error(built.failure.message);
const used = process.cpuUsage();
const { scope, pages, written, parsed, posts, stories, phases, ms } = built.value;
process.stdout.write(JSON.stringify({ fetchMs, ms, scope, pages, written, parsed, posts, stories, phases, cpuMs: Math.round((used.user + used.system) / 1000), maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }) + "\\n");
`;

interface RunSample {
  /** The fetch (from the process's start, its modules loaded) and the build after it, by the build's own clock. */
  fetchMs: number;
  ms: number;
  scope: string;
  pages: number;
  written: number;
  /** Posts the build read (the new ones), and posts in the site. */
  parsed: number;
  posts: number;
  stories: { linked: number; read: number };
  phases: Record<string, number>;
  cpuMs: number;
  maxRssMb: number;
}

/** Sources of the mirror: as many of the corpus's most frequent ones as asked (a new source sends a build the whole way). */
function mirrorSources(count: number): string[] {
  const counts = new Map<string, number>();
  for (const { text } of readCorpus()) {
    const site = /^categories: \[ (.*) \]$/m.exec(text)?.[1];
    if (site !== undefined) counts.set(site, (counts.get(site) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1]).slice(0, count).map(([site]) => site);
}

/** What a run of the archive leaves beside the posts: ledger, post index, state (validators). */
const RUN_FILES = ["allurls.dat", "allguids.dat", "revisions.jsonl", "subs.json", "newsmirror.yml", join(".newsmirror", "index.jsonl"), join(".newsmirror", "state.json")];

/**
 * One `newsmirror run` that fetches 100 new items (10 feeds of 10, on 127.0.0.1, a minute apart just after the
 * mirror's newest post) from sources the mirror has, in its own process; then the fetched posts are removed again.
 * The ledger and the validators go before each run, so the same items are new each time.
 */
async function fetchedRun(dir: string, count: number): Promise<RunSample> {
  const postsDir = join(dir, "_posts");
  for (const file of RUN_FILES) rmSync(join(dir, file), { force: true });
  const farm = await startFeedFarm(10, 10, { epoch: START + count * STEP_MS + 100 * 60_000 });
  const before = new Set(readdirSync(postsDir));
  try {
    writeFileSync(join(dir, "subs.json"), JSON.stringify(mirrorSources(10).map((site, i) => ({ site, url: farm.feedUrls[i] }))));
    // The farm serves feeds only: no article pages to complete, no images to mirror.
    writeFileSync(join(dir, "newsmirror.yml"), "defaults:\n  full_text: never\n  images: hotlink\n");
    settle();
    const output = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, ["--input-type=module", "-e", RUN_CHILD, join(REPO, "dist", "bin"), dir], { encoding: "utf8", maxBuffer: 1 << 20 }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
    });
    const result = JSON.parse(output.trim().split("\n").pop()!) as RunSample;
    // A build that went the whole way, or did not take every fetched post, is not the figure this line gives.
    if (result.scope !== "recent" || result.parsed !== 100 || result.posts !== count + 100) {
      throw new Error(`the build after the fetch was ${result.scope}, read ${result.parsed} posts of ${result.posts}: not the 100 new posts of ${count + 100}`);
    }
    return result;
  } finally {
    await farm.close();
    for (const name of readdirSync(postsDir)) if (!before.has(name)) rmSync(join(postsDir, name));
    for (const file of RUN_FILES) rmSync(join(dir, file), { force: true });
  }
}

function line(label: string, s: Sample): string {
  return `${label.padEnd(22)} ${String(s.ms).padStart(7)} ms wall ${String(s.cpuMs).padStart(7)} ms cpu ${String(s.maxRssMb).padStart(6)} MB peak  ${s.written}/${s.pages} written  ${JSON.stringify(s.phases)}`;
}

/** Hugo's figures in the same columns as ours; Hugo writes every file each time, so pages and files stand alone. */
function hugoLine(label: string, s: HugoSample): string {
  return `${label.padEnd(22)} ${String(s.ms).padStart(7)} ms wall ${String(s.cpuMs).padStart(7)} ms cpu ${String(s.maxRssMb).padStart(6)} MB peak  ${s.pages} pages  ${s.files} files`;
}

/** The median run by wall time. */
function median<T extends { ms: number }>(runs: T[]): T {
  return [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)]!;
}

/** Flushes dirty pages, so a build is not timed while the kernel writes back the last one's removed site. */
function settle(): void {
  try {
    execFileSync("sync");
  } catch {
    // No sync(1): the figures are only noisier.
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const runsAt = args.indexOf("--runs");
  const runs = runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) : 1;
  const sizes = args.length > 0 ? args.map(Number) : [10_000, 100_000];
  await compile();
  const hugo = findHugo() !== null;
  if (!hugo) console.log("hugo not installed: newsmirror alone");
  for (const count of sizes) {
    const prepared = performance.now();
    const dir = prepareMirror(count);
    const postsDir = join(dir, "_posts");
    console.log(`${count} posts in ${dir} (generated in ${Math.round(performance.now() - prepared)} ms), median of ${runs}`);
    // Hugo converts the posts into DIR/hugo once (not timed); later runs convert only new posts. Runs alternate.
    // The first build of a mirror also links the stories of every post (cached in .newsmirror/story-links.json,
    // keyed by the posts' content); a full build (`--full`, or after the site folder was deleted) reuses them.
    // Hugo does no story linking, so the full build is the like-for-like figure.
    setAside(join(dir, "_site"));
    rmSync(join(dir, ".newsmirror"), { recursive: true, force: true });
    settle();
    console.log(line("  first build", sample(dir, true)));
    const ours: Sample[] = [];
    const theirs: HugoSample[] = [];
    for (let run = 0; run < runs; run++) {
      // Set aside, not removed: set-aside.ts says why a build timed just after a removal measures the kernel.
      setAside(join(dir, "_site"));
      rmSync(join(dir, MANIFEST_DIR), { recursive: true, force: true });
      settle();
      ours.push(sample(dir, true));
      settle();
      if (hugo) theirs.push(hugoBenchmark(postsDir, join(dir, "hugo"))!);
    }
    console.log(line("  full build", median(ours)));
    if (hugo) console.log(hugoLine("  hugo full build", median(theirs)));
    console.log(line("  nothing new", median(Array.from({ length: runs }, () => sample(dir, false)))));
    const corpus = readCorpus();
    const added: Sample[] = [];
    for (let run = 0; run < runs; run++) {
      for (let i = count; i < count + 100; i++) writeGeneratedPost(postsDir, corpus, i);
      settle();
      added.push(sample(dir, false));
      if (run + 1 < runs) {
        for (let i = count; i < count + 100; i++) rmSync(join(postsDir, fileOf(i, corpus)), { force: true });
        sample(dir, false);
      }
    }
    console.log(line("  +100 posts", median(added)));
    settle();
    const hugoMore = hugo ? hugoAfterNewPosts(postsDir, join(dir, "hugo")) : null;
    if (hugoMore !== null) console.log(hugoLine("  hugo +100 posts", hugoMore));
    for (let i = count; i < count + 100; i++) rmSync(join(postsDir, fileOf(i, corpus)), { force: true });
    // The hourly job: `newsmirror run` fetches 100 posts and builds, the listing of _posts/ done beside the fetch.
    // Each run is followed by a build of the mirror without them (the whole way, untimed).
    const fetched: RunSample[] = [];
    for (let run = 0; run < runs; run++) {
      sample(dir, false);
      fetched.push(await fetchedRun(dir, count));
    }
    const runMedian = median(fetched);
    console.log(`${"  +100 posts fetched".padEnd(22)} ${String(runMedian.ms).padStart(7)} ms build ${String(runMedian.fetchMs).padStart(7)} ms fetch ${String(runMedian.maxRssMb).padStart(6)} MB peak  ${runMedian.written}/${runMedian.pages} written  ${runMedian.stories.read} posts read for stories  ${JSON.stringify(runMedian.phases)}`);
    sample(dir, false);
    emptyTrash();
  }
}

await main();
