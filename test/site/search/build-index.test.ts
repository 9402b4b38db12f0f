import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { buildSearchIndex, runSearch, searchIndex, type BuildOptions, type SearchDoc } from "../../../src/site/search/index.js";
import { engine, type SegmentInfo } from "../../../src/site/search/engine.js";
import { segmentPaths } from "../../../src/site/search/open-window.js";
import { SLICES, hasPendingWork } from "../../../src/site/search/search-state.js";
import { corpusDocs, goldenDoc } from "./corpus-docs.js";
import { memoryOutput, type MemoryOutput } from "./memory-output.js";

const temps: string[] = [];
async function stateDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "newsmirror-search-"));
  temps.push(dir);
  return dir;
}
afterAll(async () => {
  for (const dir of temps) await rm(dir, { recursive: true, force: true });
});

// Small sizes so a few hundred documents cross parts and windows.
const SMALL: Omit<BuildOptions, "stateDir"> = {
  windowDocs: 64, windowShards: 32, windowUnigramShards: 8, partDocs: 16, partShards: 8, partUnigramShards: 4, blockSize: 4,
};

const sample = (n: number): SearchDoc[] => corpusDocs(n);

/** The same file names as `reference`, each with the same text. */
function expectSameFiles(files: Map<string, string>, reference: Map<string, string>): void {
  expect([...files.keys()].sort()).toEqual([...reference.keys()].sort());
  for (const [path, text] of reference) expect(files.get(path), path).toBe(text);
}

/** An index of `docs` built in two steps, 40 docs then all: with SMALL sizes, 64 or more fill window 0. */
async function builtInTwoSteps(docs: SearchDoc[]): Promise<{ dir: string; out: MemoryOutput }> {
  const dir = await stateDir();
  const out = memoryOutput();
  await buildSearchIndex(docs.slice(0, 40), out, { ...SMALL, stateDir: dir });
  await buildSearchIndex(docs, out, { ...SMALL, stateDir: dir });
  return { dir, out };
}
/** Builds after a seal completes that remove its parts' files: SMALL has 4 parts a window, retired
 * ceil(4 / SLICES) a build. */
const SMALL_PARTS = 64 / 16;
const RETIRE_BUILDS = Math.ceil(SMALL_PARTS / Math.ceil(SMALL_PARTS / SLICES));

describe("buildSearchIndex", () => {
  it("finds the golden post by 诈骗 and by 詐騙 (issue #3: Simplified finds Traditional and the reverse)", async () => {
    const out = memoryOutput();
    const built = await buildSearchIndex([...sample(60), goldenDoc()], out, { stateDir: await stateDir() });
    expect(built.ok).toBe(true);
    for (const query of ["诈骗", "詐騙", "电信诈骗", "緬甸 王毅"]) {
      const hits = await searchIndex(query, out.read);
      expect(hits.map((h) => h.id), query).toContain(goldenDoc().id);
    }
  });

  it("writes the same files incrementally as in one full build, across parts and windows, once sealing is done", async () => {
    const docs = sample(100);
    const full = memoryOutput();
    expect((await buildSearchIndex(docs, full, { ...SMALL, stateDir: await stateDir() })).ok).toBe(true);
    const step = memoryOutput();
    const dir = await stateDir();
    for (const n of [10, 40, 41, 70, 100]) {
      const r = await buildSearchIndex(docs.slice(0, n), step, { ...SMALL, stateDir: dir });
      expect(r.ok && r.value.full).toBe(n === 10);
    }
    // 70 filled window 0: the build of 100 wrote slice 0, SLICES - 1 more write the rest, then its parts retire
    for (let i = 0; i < SLICES - 1 + RETIRE_BUILDS; i++) expect((await buildSearchIndex(docs, step, { ...SMALL, stateDir: dir })).ok).toBe(true);
    expectSameFiles(step.files, full.files);
  });

  it("rewrites only the open part after an append, not the sealed windows", async () => {
    const docs = sample(140);
    const out = memoryOutput();
    const dir = await stateDir();
    await buildSearchIndex(docs.slice(0, 130), out, { ...SMALL, stateDir: dir });
    const written: string[] = [];
    const spy = { ...out, write: async (p: string, d: string | Uint8Array) => { written.push(p); await out.write(p, d); } };
    const r = await buildSearchIndex(docs, spy, { ...SMALL, stateDir: dir });
    expect(r.ok && r.value.added).toBe(10);
    expect(written.filter((p) => p.startsWith("p/0/") || p.startsWith("p/1/"))).toEqual([]);
    expect(written.some((p) => p.startsWith("p/2.0/"))).toBe(true);
  });

  it("drops a removed post and finds a changed one by its new text only", async () => {
    const docs = sample(60);
    const out = memoryOutput();
    const dir = await stateDir();
    const target = { ...(docs[7] as SearchDoc), title: "Zyxwvut marker", text: "quokka quokka" };
    const gone = { ...(docs[9] as SearchDoc), title: "Plover marker", text: "plover" };
    await buildSearchIndex([...docs.slice(0, 7), target, docs[8] as SearchDoc, gone, ...docs.slice(10)], out, { ...SMALL, stateDir: dir });
    expect((await searchIndex("plover", out.read)).map((h) => h.id)).toEqual([gone.id]);
    const changed = { ...target, text: "wombat" };
    const r = await buildSearchIndex([...docs.slice(0, 7), changed, docs[8] as SearchDoc, ...docs.slice(10)], out, { ...SMALL, stateDir: dir });
    expect(r.ok && [r.value.added, r.value.removed]).toEqual([1, 2]);
    expect(await searchIndex("plover", out.read)).toEqual([]);
    expect(await searchIndex("quokka", out.read)).toEqual([]);
    expect((await searchIndex("wombat", out.read)).map((h) => h.id)).toEqual([target.id]);
  });

  it("keeps posts not given when appendOnly is set", async () => {
    const docs = sample(30);
    const out = memoryOutput();
    const dir = await stateDir();
    await buildSearchIndex(docs.slice(0, 20), out, { ...SMALL, stateDir: dir });
    const r = await buildSearchIndex(docs.slice(20), out, { ...SMALL, stateDir: dir, appendOnly: true });
    expect(r.ok && [r.value.docs, r.value.removed]).toEqual([30, 0]);
  });

  it("drops the removed ids and replaces changed posts when appendOnly is set", async () => {
    const docs = sample(30);
    const out = memoryOutput();
    const dir = await stateDir();
    await buildSearchIndex(docs, out, { ...SMALL, stateDir: dir });
    const changed = { ...docs[3]!, text: `${docs[3]!.text} wombat` };
    const r = await buildSearchIndex([changed], out, { ...SMALL, stateDir: dir, appendOnly: true, removed: [docs[7]!.id, "never-indexed"] });
    expect(r.ok && [r.value.docs, r.value.added, r.value.removed]).toEqual([29, 1, 2]);
    expect((await searchIndex("wombat", out.read)).map((h) => h.id)).toEqual([changed.id]);
  });

  it("refuses changes alone when there is no state to add them to", async () => {
    const r = await buildSearchIndex(sample(3), memoryOutput(), { ...SMALL, stateDir: await stateDir(), appendOnly: true });
    expect(!r.ok && r.failure.code).toBe("search.needs-all");
  });

  it("removes the files of segments a smaller full rebuild no longer has", async () => {
    const out = memoryOutput();
    const dir = await stateDir();
    await buildSearchIndex(sample(150), out, { ...SMALL, stateDir: dir });
    expect([...out.files.keys()].some((p) => p.startsWith("p/2.1/"))).toBe(true);
    const r = await buildSearchIndex(sample(40), out, { ...SMALL, stateDir: dir, full: true });
    expect(r.ok && r.value.full).toBe(true);
    const segments = new Set([...out.files.keys()].filter((p) => /^[pu]\//.test(p)).map((p) => p.split("/")[1]));
    expect([...segments].sort()).toEqual(["0.0", "0.1", "0.2"]);
    expect([...out.files.keys()].filter((p) => p.startsWith("d/")).length).toBe(10);
  });

  it.each([
    ["a url with a scheme (no foreign or javascript: link in results)", { url: "javascript:alert(1)" }, "must be site-relative"],
    ["a url with a leading slash (must work under a sub-path)", { url: "/posts/a.html" }, "must be site-relative"],
    ["a url with leading space (a browser would strip it and read a scheme)", { url: " javascript:alert(1)" }, "must be site-relative"],
    ["a date that is not ISO", { date: "yesterday" }, "is not an ISO date"],
    ["a missing field", { text: undefined }, 'field "text" must be a string'],
    ["an empty id", { id: "" }, 'field "id" is empty'],
  ])("skips a document with %s and says why", async (_, patch, reason) => {
    const good = sample(3);
    const bad = { ...(good[0] as SearchDoc), id: "bad.md", ...patch } as unknown as SearchDoc;
    const r = await buildSearchIndex([...good, bad], memoryOutput(), { ...SMALL, stateDir: await stateDir() });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.docs).toBe(3);
    expect(r.value.skipped.join("\n")).toContain(reason);
  });

  it("returns search.write instead of throwing when the output refuses a file", async () => {
    const out = { write: async () => { throw new Error("EACCES: permission denied"); }, remove: async () => {} };
    const r = await buildSearchIndex(sample(5), out, { ...SMALL, stateDir: await stateDir() });
    expect(r.ok ? "ok" : r.failure.code).toBe("search.write");
  });

  it("does a full build when the saved state is unreadable", async () => {
    const dir = await stateDir();
    const out = memoryOutput();
    await buildSearchIndex(sample(20), out, { ...SMALL, stateDir: dir });
    await writeFile(join(dir, "search-state.json"), "{not json");
    const r = await buildSearchIndex(sample(20), out, { ...SMALL, stateDir: dir });
    expect(r.ok && r.value.full).toBe(true);
    expect((await searchIndex("中国", out.read)).length).toBeGreaterThan(0);
  });

  it("does a full build when a part file disagrees with the state (a crash between the two writes)", async () => {
    const dir = await stateDir();
    const out = memoryOutput();
    await buildSearchIndex(sample(20), out, { ...SMALL, stateDir: dir });
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, "search-part-0.1-3.json"), '{"upTo":999,"rows":[]}');
    const r = await buildSearchIndex(sample(21), out, { ...SMALL, stateDir: dir });
    expect(r.ok && r.value.full).toBe(true);
  });

  it("returns a value for random documents, never a throw", async () => {
    const dir = await stateDir();
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({
        id: fc.oneof(fc.string(), fc.constant(undefined)), url: fc.string(), title: fc.string({ unit: "binary" }),
        source: fc.string(), date: fc.oneof(fc.constant("2024-01-02T03:04:05.000Z"), fc.string()), text: fc.string({ unit: "binary", maxLength: 300 }),
      }), { maxLength: 8 }), async (docs) => {
        const r = await buildSearchIndex(docs as unknown as SearchDoc[], memoryOutput(), { ...SMALL, stateDir: dir, full: true });
        expect(r.ok).toBe(true);
      }),
      { numRuns: 15 },
    );
  });
});

// Issue #3: every +100 build under 5 s, the one that fills a window included; a window filled by an
// incremental build is sealed one slice a build. These follow an index through every build of that.
describe("buildSearchIndex sealing a window over several builds", () => {
  const QUERIES = ["中国", "香港", "美国", "港", "的", "trump", "台湾 关系"];

  /** Every hit of each query, in order, with its score: what a reader would see. */
  async function answers(read: (path: string) => Promise<string | null>): Promise<unknown[]> {
    const out: unknown[] = [];
    for (const q of QUERIES) {
      const outcome = await runSearch(q, read, {}, { limit: 10_000 });
      out.push([q, outcome.total, outcome.hits.map((h) => [h.id, h.score])]);
    }
    return out;
  }

  /** The manifest's segments; fails when a listed segment misses any of its shard files. */
  function listed(files: Map<string, string>): string[] {
    const manifest = engine.unwrapShard(files.get("manifest.js") as string) as { segments: SegmentInfo[] };
    for (const segment of manifest.segments) {
      for (const path of segmentPaths(segment)) expect(files.has(path), `${path} of listed segment ${segment.key}`).toBe(true);
    }
    return manifest.segments.map((s) => s.key);
  }

  const segmentsOnDisk = (files: Map<string, string>): string[] =>
    [...new Set([...files.keys()].filter((p) => /^[pu]\//.test(p)).map((p) => p.split("/")[1] as string))].sort();

  async function fullBuild(docs: SearchDoc[]): Promise<ReturnType<typeof memoryOutput>> {
    const out = memoryOutput();
    const r = await buildSearchIndex(docs, out, { ...SMALL, stateDir: await stateDir() });
    expect(r.ok).toBe(true);
    return out;
  }

  it("answers every query as a full build does at every build, and lists only segments whose files are all there", async () => {
    const docs = sample(150);
    const out = memoryOutput();
    const dir = await stateDir();
    // 70 fills window 0 (64); 140 fills window 1 while window 0 is still sealing; then empty builds finish both
    const steps = [10, 50, 70, 75, 100, 140, ...Array<number>(SLICES + RETIRE_BUILDS + 1).fill(140)];
    const seen: string[][] = [];
    const expected = new Map<number, unknown[]>();
    for (const n of steps) {
      const r = await buildSearchIndex(docs.slice(0, n), out, { ...SMALL, stateDir: dir });
      expect(r.ok && r.value.docs).toBe(n);
      seen.push(listed(out.files));
      if (!expected.has(n)) expected.set(n, await answers((await fullBuild(docs.slice(0, n))).read));
      expect(await answers(out.read), `after the build of ${n} docs (build ${seen.length})`).toEqual(expected.get(n));
    }
    // the window filled at 70 was listed as its parts until the build of 140 finished its seal at once
    expect(seen[2]).toEqual(["0.0", "0.1", "0.2", "0.3", "1.0"]);
    expect(seen[4]).toEqual(["0.0", "0.1", "0.2", "0.3", "1.0", "1.1", "1.2"]);
    expect(seen[5]).toEqual(["0", "1.0", "1.1", "1.2", "1.3", "2.0"]);
    expect(seen.at(-1)).toEqual(["0", "1", "2.0"]);
    // the comparison means something: the queries find documents in every window
    const [china] = expected.get(140) as Array<[string, number, Array<[string, number]>]>;
    expect(new Set(china?.[2].map(([id]) => Math.floor(docs.findIndex((d) => d.id === id) / 64)))).toEqual(new Set([0, 1, 2]));
    const reference = await fullBuild(docs.slice(0, 140));
    expect(segmentsOnDisk(out.files)).toEqual(segmentsOnDisk(reference.files));
    for (const [path, text] of reference.files) expect(out.files.get(path), path).toBe(text);
    expect(out.files.size).toBe(reference.files.size);
    expect((await readdir(dir)).filter((f) => f.startsWith("search-part-")).sort()).toEqual(
      Array.from({ length: SLICES }, (_, s) => `search-part-2.0-${s}.json`).sort(),
    );
  });

  it("writes one slice a build after the filling build, swaps the manifest after the last, then retires the parts", async () => {
    const docs = sample(80);
    const dir = await stateDir();
    const out = memoryOutput();
    await buildSearchIndex(docs.slice(0, 40), out, { ...SMALL, stateDir: dir });
    let pending = false;
    const build = async (more: SearchDoc[]): Promise<{ written: string[]; removed: string[] }> => {
      const written: string[] = [];
      const removed: string[] = [];
      const spy = {
        ...out,
        write: async (p: string, d: string | Uint8Array) => { written.push(p); await out.write(p, d); },
        remove: async (p: string) => { removed.push(p); await out.remove(p); },
      };
      const r = await buildSearchIndex(more, spy, { ...SMALL, stateDir: dir, appendOnly: true });
      expect(r.ok && r.value.full).toBe(false);
      pending = r.ok && r.value.pending;
      // The marker a site build reads instead of the state says the same.
      expect(hasPendingWork(dir)).toBe(pending);
      return { written, removed };
    };
    const filling = await build(docs.slice(40, 80));
    expect(filling.written.filter((p) => /^[pu]\/0\//.test(p))).toEqual([]);
    expect(listed(out.files)).toEqual(["0.0", "0.1", "0.2", "0.3", "1.0"]);
    expect(pending).toBe(true);
    const sealed = { key: "0", first: 1, shards: 32, unigramShards: 8 };
    for (let slice = 0; slice < SLICES; slice++) {
      const { written, removed } = await build([]);
      // exactly the shards of this slice: posting shards slice, slice + 8, ...; unigram shard slice
      expect(written.filter((p) => p !== "manifest.js" && p !== "dates.js").sort()).toEqual(segmentPaths(sealed, slice).sort());
      expect(removed).toEqual([]);
      expect(written.includes("manifest.js")).toBe(slice === SLICES - 1);
      expect(listed(out.files)[0]).toBe(slice === SLICES - 1 ? "0" : "0.0");
      expect((await readdir(dir)).some((f) => f.startsWith("search-part-0."))).toBe(slice < SLICES - 1);
    }
    for (let p = 0; p < 4; p++) {
      const { written, removed } = await build([]);
      expect(written).toEqual([]);
      expect(removed.sort()).toEqual(segmentPaths({ key: `0.${p}`, first: 0, shards: 8, unigramShards: 4 }).sort());
    }
    expect(pending).toBe(false);
    const quiet = await build([]);
    expect([quiet.written, quiet.removed]).toEqual([[], []]);
    expect(segmentsOnDisk(out.files)).toEqual(["0", "1.0"]);
  });

  it("redoes a slice a crashed build left half-written and ends with the same files", async () => {
    const docs = sample(80);
    const { dir, out } = await builtInTwoSteps(docs);
    await buildSearchIndex(docs, out, { ...SMALL, stateDir: dir });
    let writes = 0;
    const crashing = { ...out, write: async (p: string, d: string | Uint8Array) => {
      if (++writes > 2) throw new Error("ENOSPC: no space left on device");
      await out.write(p, d);
    } };
    const crashed = await buildSearchIndex(docs, crashing, { ...SMALL, stateDir: dir });
    expect(crashed.ok ? "ok" : crashed.failure.code).toBe("search.write");
    expect(listed(out.files)[0]).toBe("0.0");
    for (let i = 0; i < SLICES - 1 + RETIRE_BUILDS; i++) {
      const r = await buildSearchIndex(docs, out, { ...SMALL, stateDir: dir });
      expect(r.ok && r.value.full).toBe(false);
    }
    expectSameFiles(out.files, (await fullBuild(docs)).files);
  });

  it.each([
    ["half-sealed (three slices written)", 3],
    ["sealed, its parts still retiring", SLICES + 1],
  ])("a full rebuild after a window was %s removes the half-written and retiring files and the saved parts", async (_, emptyBuilds) => {
    const docs = sample(100);
    const { dir, out } = await builtInTwoSteps(docs);
    for (let i = 0; i < emptyBuilds; i++) await buildSearchIndex(docs, out, { ...SMALL, stateDir: dir });
    const r = await buildSearchIndex(docs.slice(0, 20), out, { ...SMALL, stateDir: dir, full: true });
    expect(r.ok && r.value.full).toBe(true);
    const reference = await fullBuild(docs.slice(0, 20));
    expect([...out.files.keys()].sort()).toEqual([...reference.files.keys()].sort());
    expect((await readdir(dir)).filter((f) => f.startsWith("search-part-")).sort()).toEqual(
      ["0.0", "0.1"].flatMap((k) => Array.from({ length: SLICES }, (_, s) => `search-part-${k}-${s}.json`)).sort(),
    );
  });

  it("removes the previous index's files in a full rebuild even when its state is of an older format", async () => {
    const docs = sample(100);
    const { dir, out } = await builtInTwoSteps(docs);
    const saved = JSON.parse(await readFile(join(dir, "search-state.json"), "utf8")) as Record<string, unknown>;
    await writeFile(join(dir, "search-state.json"), JSON.stringify({ ...saved, version: 2 }));
    const r = await buildSearchIndex(docs.slice(0, 20), out, { ...SMALL, stateDir: dir });
    expect(r.ok && r.value.full).toBe(true);
    expect(segmentsOnDisk(out.files)).toEqual(["0.0", "0.1"]);
  });
});

