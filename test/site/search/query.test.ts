import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSearchIndex, readShardFromDir, runSearch, searchIndex, type SearchDoc } from "../../../src/site/search/index.js";
import { memoryOutput } from "./memory-output.js";

const doc = (id: string, title: string, text: string, date: string, source = "CNA"): SearchDoc =>
  ({ id, url: `posts/${id}.html`, title, source, date, text });

// Filler documents so that BM25's IDF has a collection to measure against.
const filler = Array.from({ length: 40 }, (_, i) =>
  doc(`filler-${i}`, `天氣報告 ${i}`, "今天天氣晴朗，氣溫適中，市民外出活動。".repeat(3), `2020-01-${String((i % 28) + 1).padStart(2, "0")}T00:00:00Z`, "Weather"));

const docs: SearchDoc[] = [
  ...filler,
  doc("body-once", "市场消息", "警方提醒民众小心诈骗电话。", "2021-05-01T08:00:00Z"),
  doc("title-match", "警方破获诈骗集团", "案件仍在调查中。", "2021-05-02T08:00:00Z"),
  doc("body-many", "社会新闻", "诈骗、诈骗、再诈骗：诈骗手法翻新，诈骗金额上升。", "2021-05-03T08:00:00Z"),
  doc("tie-old", "同题", "选举结果公布。", "2022-01-01T00:00:00Z", "VOA"),
  doc("tie-new", "同题", "选举结果公布。", "2022-06-01T00:00:00Z", "VOA"),
  doc("english", "Election night", "Voters went to the polls; the election was close.", "2022-03-01T00:00:00Z", "BBC"),
  doc("both", "選舉與詐騙", "選舉期間詐騙增加。", "2023-12-31T23:30:00Z", "RFI"),
];

let read: (path: string) => Promise<string | null>;

beforeAll(async () => {
  const out = memoryOutput();
  const dir = await mkdtemp(join(tmpdir(), "newsmirror-query-"));
  const r = await buildSearchIndex(docs, out, { stateDir: dir });
  await rm(dir, { recursive: true, force: true });
  if (!r.ok) throw new Error(r.failure.message);
  read = out.read;
});

const ids = async (query: string, filters?: { source?: string; from?: string; to?: string }): Promise<string[]> =>
  (await searchIndex(query, read, filters)).map((h) => h.id);

describe("searchIndex ranking", () => {
  it("puts a title match above a body match, and many body matches above one (BM25 with title weight)", async () => {
    const order = await ids("诈骗");
    expect(order.indexOf("title-match")).toBeLessThan(order.indexOf("body-once"));
    expect(order.indexOf("body-many")).toBeLessThan(order.indexOf("body-once"));
  });

  it("breaks a tie with the newer post first", async () => {
    const order = await ids("选举结果");
    expect(order.slice(0, 2)).toEqual(["tie-new", "tie-old"]);
  });

  it("needs every term (AND), in either script", async () => {
    expect(await ids("选举 诈骗")).toEqual(["both"]);
    expect(await ids("選舉 詐騙")).toEqual(["both"]);
  });

  it("matches Latin words whatever their case", async () => {
    expect(await ids("ELECTION")).toEqual(["english"]);
  });

  it.each([
    ["an empty query", ""],
    ["only punctuation", "，。!?"],
    ["a word nowhere in the index", "xylophone"],
  ])("returns nothing for %s", async (_, query) => {
    expect(await ids(query)).toEqual([]);
  });

  it("marks the matched text in the title and the snippet, in the post's own script", async () => {
    const [hit] = await searchIndex("诈骗", read, { source: "RFI" });
    expect(hit?.id).toBe("both");
    const [start, end] = hit?.titleMarks[0] ?? [0, 0];
    expect(hit?.title.slice(start, end)).toBe("詐騙");
    const [s2, e2] = hit?.snippetMarks[0] ?? [0, 0];
    expect(hit?.snippet.slice(s2, e2)).toBe("詐騙");
  });
});

describe("searchIndex filters", () => {
  it.each([
    ["by source", "诈骗", { source: "RFI" }, ["both"]],
    ["by source, any case", "诈骗", { source: "rfi" }, ["both"]],
    ["by date range, both ends inclusive (whole UTC days)", "诈骗", { from: "2021-05-02", to: "2021-05-03" }, ["body-many", "title-match"]],
    ["by start date only", "诈骗", { from: "2023-12-31" }, ["both"]],
    ["by end date only", "选举结果", { to: "2022-01-01" }, ["tie-old"]],
    ["by source and date together", "选举结果", { source: "VOA", from: "2022-02-01" }, ["tie-new"]],
    ["a source with no posts", "诈骗", { source: "nobody" }, []],
  ])("%s", async (_, query, filters, expected) => {
    expect((await ids(query, filters)).sort()).toEqual([...expected].sort());
  });

  it("ignores a date that cannot be read instead of failing", async () => {
    expect((await ids("诈骗", { from: "not a date" })).length).toBe(4);
  });
});

describe("runSearch", () => {
  it("reports the files it read, so a query's download can be measured", async () => {
    const outcome = await runSearch("诈骗", read);
    expect(outcome.files).toContain("manifest.js");
    expect(outcome.files).toContain("fold.js");
    expect(outcome.files.some((f) => f.startsWith("p/"))).toBe(true);
    expect(outcome.files.some((f) => f.startsWith("d/"))).toBe(true);
  });

  it("pages through hits with offset and limit", async () => {
    const all = await runSearch("诈骗", read, {}, { limit: 100 });
    const second = await runSearch("诈骗", read, {}, { limit: 2, offset: 2 });
    expect(second.hits.map((h) => h.id)).toEqual(all.hits.slice(2, 4).map((h) => h.id));
  });

  it("says the index is missing instead of throwing", async () => {
    const outcome = await runSearch("诈骗", async () => null);
    expect(outcome).toMatchObject({ hits: [], total: 0, error: "search.no-index" });
  });

  it.each([
    ["a manifest of another shape", { version: 1, total: 3, blockSize: 8, segments: [null] }],
    ["a manifest with zero shards", { version: 1, total: 3, blockSize: 8, segments: [{ key: "0", first: 1, shards: 0, unigramShards: 0 }] }],
    ["a manifest that is a string", "manifest"],
  ])("treats %s as no index", async (_, manifest) => {
    const outcome = await runSearch("诈骗", async (p) => (p === "manifest.js" ? `NewsmirrorSearch.shard("manifest.js",${JSON.stringify(manifest)});` : read(p)));
    expect(outcome.error).toBe("search.no-index");
  });

  it("answers random queries and filters with a value, never a throw", async () => {
    await fc.assert(fc.asyncProperty(
      fc.string({ unit: "binary", maxLength: 300 }),
      fc.record({ source: fc.string(), from: fc.string(), to: fc.string() }, { requiredKeys: [] }),
      async (query, filters) => {
        const outcome = await runSearch(query, read, filters);
        expect(Array.isArray(outcome.hits)).toBe(true);
      },
    ), { numRuns: 60 });
  });

  it("survives shards that are garbage", async () => {
    const outcome = await runSearch("诈骗", async (p) => (p === "manifest.js" || p === "fold.js" ? read(p) : "NewsmirrorSearch.shard(\"x\",{\"诈骗\":[1,\"!!\"]});"));
    expect(outcome.hits).toEqual([]);
  });
});

describe("readShardFromDir", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it("reads files under its folder and nothing outside it", async () => {
    const root = await mkdtemp(join(tmpdir(), "newsmirror-shards-"));
    dirs.push(root);
    await mkdir(join(root, "index"));
    await writeFile(join(root, "index", "manifest.js"), "inside");
    await writeFile(join(root, "secret.txt"), "outside");
    const readShard = readShardFromDir(join(root, "index"));
    expect(await readShard("manifest.js")).toBe("inside");
    expect(await readShard("../secret.txt")).toBeNull();
    expect(await readShard("missing.js")).toBeNull();
  });
});
