// Measures the static search index at archive sizes: build time, peak memory, re-index after 100 new posts,
// and what typical queries read and how long they take. `npx tsx bench/search.ts [SIZE...]` (default 10000 100000).
// `--after-seal=N` also times the N appendOnly +100 builds after the one that fills a window (they write
// its sealed segment one slice a build, then remove its parts' files).
import { spawnSync } from "node:child_process";
import { readFile, readdir, rm, stat } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createOutputDir } from "../src/site/index.js";
import { buildSearchIndex, readShardFromDir, runSearch, type SearchDoc } from "../src/site/search/index.js";
import { corpusDocs } from "../test/site/search/corpus-docs.js";

/** The default window size of the index (documents a sealed segment holds). */
const WINDOW = 8192;
const QUERIES = ["诈骗", "詐騙", "习近平", "新冠 疫苗", "香港 选举", "中国", "台湾 美国 关系", "trump", "biden election", "港"];

/** Corpus bodies repeated with varied ids, in date order, ids and urls unique per copy. */
function* generatedDocs(count: number, from = 0): Generator<SearchDoc> {
  const base = corpusDocs();
  for (let i = from; i < from + count; i++) {
    const doc = base[i % base.length] as SearchDoc;
    const copy = Math.floor(i / base.length);
    const day = new Date(Date.UTC(2009, 0, 1) + i * 3_600_000 * 2).toISOString();
    yield { ...doc, id: `${copy}-${doc.id}`, url: `${copy}/${doc.url}`, date: day };
  }
}

async function measure(size: number, afterSeal = 0): Promise<Record<string, unknown>> {
  const dir = join(tmpdir(), `newsmirror-search-bench-${size}`);
  await rm(dir, { recursive: true, force: true });
  const site = join(dir, "site");
  // The site's own output folder: the build writes the index through it.
  const out = createOutputDir(site);
  corpusDocs();
  const rssBefore = process.resourceUsage().maxRSS;
  const cpu = (since: NodeJS.CpuUsage): number => {
    const used = process.cpuUsage(since);
    return +((used.user + used.system) / 1e6).toFixed(2);
  };
  let mark = process.cpuUsage();
  const full = await buildSearchIndex(generatedDocs(size), out, { stateDir: join(dir, "state") });
  const fullCpu = cpu(mark);
  if (!full.ok) throw new Error(full.failure.message);
  const peakMb = Math.round(process.resourceUsage().maxRSS / 1024);
  const files = await listFiles(site);
  const totalBytes = files.reduce((sum, f) => sum + f.size, 0);
  mark = process.cpuUsage();
  const again = await buildSearchIndex(generatedDocs(size + 100), out, { stateDir: join(dir, "state") });
  if (!again.ok) throw new Error(again.failure.message);
  const againCpu = cpu(mark);
  mark = process.cpuUsage();
  const appendOnly = await buildSearchIndex(generatedDocs(100, size + 100), out, { stateDir: join(dir, "state"), appendOnly: true });
  if (!appendOnly.ok) throw new Error(appendOnly.failure.message);
  const appendCpu = cpu(mark);
  const queries = await runQueries(site);
  // the build that fills a window seals it: fill to 50 short of the boundary, then time +100
  const boundary = Math.ceil((size + 201) / WINDOW) * WINDOW;
  const filled = await buildSearchIndex(generatedDocs(boundary - 50 - (size + 200), size + 200), out, { stateDir: join(dir, "state"), appendOnly: true });
  if (!filled.ok) throw new Error(filled.failure.message);
  mark = process.cpuUsage();
  const sealing = await buildSearchIndex(generatedDocs(100, boundary - 50), out, { stateDir: join(dir, "state"), appendOnly: true });
  if (!sealing.ok) throw new Error(sealing.failure.message);
  const sealingCpu = cpu(mark);
  const afterSealing: Array<{ s: number; cpuS: number; files: number }> = [];
  for (let i = 0; i < afterSeal; i++) {
    mark = process.cpuUsage();
    const next = await buildSearchIndex(generatedDocs(100, boundary + 50 + i * 100), out, { stateDir: join(dir, "state"), appendOnly: true });
    if (!next.ok) throw new Error(next.failure.message);
    afterSealing.push({ s: +(next.value.ms / 1000).toFixed(2), cpuS: cpu(mark), files: next.value.shardsWritten });
  }
  await rm(dir, { recursive: true, force: true });
  return {
    size,
    loadAverage: +(loadavg()[0] ?? 0).toFixed(1),
    fullBuildS: +(full.value.ms / 1000).toFixed(1),
    fullBuildCpuS: fullCpu,
    peakRssMb: peakMb,
    rssBeforeMb: Math.round(rssBefore / 1024),
    indexFiles: files.length,
    indexMb: +(totalBytes / 1048576).toFixed(1),
    reindexPlus100AllDocsS: +(again.value.ms / 1000).toFixed(2),
    reindexPlus100AllDocsCpuS: againCpu,
    reindexPlus100Files: again.value.shardsWritten,
    reindexPlus100AppendOnlyS: +(appendOnly.value.ms / 1000).toFixed(2),
    reindexPlus100AppendOnlyCpuS: appendCpu,
    reindexPlus100SealingWindowS: +(sealing.value.ms / 1000).toFixed(2),
    reindexPlus100SealingWindowCpuS: sealingCpu,
    sealingFiles: sealing.value.shardsWritten,
    ...(afterSeal > 0 ? { afterSealing } : {}),
    queryMaxKb: Math.max(...queries.map((q) => q.kb)),
    queryMaxGzipKb: Math.max(...queries.map((q) => q.gzipKb)),
    queryMaxMs: Math.max(...queries.map((q) => q.ms)),
    queries,
  };
}

/** Each query on a cold cache: time, files read, their bytes as stored and gzipped (as static hosts serve .js). */
async function runQueries(site: string): Promise<Array<{ q: string; ms: number; kb: number; gzipKb: number; files: number; hits: number }>> {
  const out = [];
  for (const q of QUERIES) {
    const started = performance.now();
    const outcome = await runSearch(q, readShardFromDir(site));
    const ms = performance.now() - started;
    let bytes = 0;
    let gzipped = 0;
    for (const f of outcome.files) {
      const data = await readFile(join(site, f));
      bytes += data.length;
      gzipped += gzipSync(data).length;
    }
    out.push({ q, ms: Math.round(ms), kb: Math.round(bytes / 1024), gzipKb: Math.round(gzipped / 1024), files: outcome.files.length, hits: outcome.total });
  }
  return out;
}

async function listFiles(root: string, prefix = ""): Promise<Array<{ path: string; size: number }>> {
  const out: Array<{ path: string; size: number }> = [];
  for (const entry of await readdir(join(root, prefix), { withFileTypes: true })) {
    const path = prefix + entry.name;
    if (entry.isDirectory()) out.push(...(await listFiles(root, path + "/")));
    else out.push({ path, size: (await stat(join(root, path))).size });
  }
  return out;
}

/** Runs each size in its own process so that peak memory is that size's alone. */
export async function benchSearch(sizes = [10_000, 100_000], afterSeal = 0): Promise<void> {
  for (const size of sizes) {
    const child = spawnSync(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "--one", String(size), String(afterSeal)], { stdio: "inherit" });
    if (child.status !== 0) console.error(`search bench at ${size} docs failed (exit ${child.status})`);
  }
}

const args = process.argv.slice(2);
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (args[0] === "--one") console.log(JSON.stringify(await measure(Number(args[1]), Number(args[2] ?? 0))));
  else {
    const flag = args.find((a) => a.startsWith("--after-seal="));
    const sizes = args.filter((a) => !a.startsWith("--")).map(Number);
    await benchSearch(sizes.length > 0 ? sizes : undefined, flag === undefined ? 0 : Number(flag.slice("--after-seal=".length)));
  }
}
