import { mkdtemp, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { buildSearchIndex, searchIndex, type BuildOptions, type SearchDoc } from "../../../src/site/search/index.js";
import { corpusDocs, goldenDoc } from "./corpus-docs.js";
import { memoryOutput } from "./memory-output.js";

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

  it("writes the same files incrementally as in one full build, across parts and windows", async () => {
    const docs = sample(100);
    const full = memoryOutput();
    expect((await buildSearchIndex(docs, full, { ...SMALL, stateDir: await stateDir() })).ok).toBe(true);
    const step = memoryOutput();
    const dir = await stateDir();
    for (const n of [10, 40, 41, 70, 100]) {
      const r = await buildSearchIndex(docs.slice(0, n), step, { ...SMALL, stateDir: dir });
      expect(r.ok && r.value.full).toBe(n === 10);
    }
    expect([...step.files.keys()].sort()).toEqual([...full.files.keys()].sort());
    for (const [path, text] of full.files) expect(step.files.get(path), path).toBe(text);
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
    await writeFile(join(dir, "search-part-1.json"), '{"upTo":999,"rows":[]}');
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
