import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { engine } from "../../../src/site/search/engine.js";
import { loadFoldTable } from "../../../src/site/search/fold-table.js";
import { OpenWindow, segmentPaths } from "../../../src/site/search/open-window.js";
import { emptyState } from "../../../src/site/search/search-state.js";

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe("OpenWindow", () => {
  it("lists sealed windows, then the parts of the open one, and seals a window when it fills", async () => {
    const dir = await mkdtemp(join(tmpdir(), "newsmirror-window-"));
    dirs.push(dir);
    const state = emptyState({ windowDocs: 4, windowShards: 4, windowUnigramShards: 2, partDocs: 2, partShards: 2, partUnigramShards: 1, blockSize: 2 });
    const files = new Map<string, unknown>();
    const window = new OpenWindow(state, dir, engine.createFold(await loadFoldTable()), {
      write: async (p, v) => { files.set(p, v); },
      remove: async (p) => { files.delete(p); },
    });
    for (let num = 1; num <= 5; num++) {
      state.lastNum = num;
      await window.add(num, `标题${num}`, "正文 text", "src");
    }
    await window.finish(5);
    expect(window.segments().map((s) => [s.key, s.first])).toEqual([["0", 1], ["1.0", 5]]);
    const keys = new Set([...files.keys()].map((p) => p.split("/")[1]));
    expect([...keys].sort()).toEqual(["0", "1.0"]);
    // the sealed window's list for "正文" runs over documents 1..4, counted from base 0
    const shard = files.get(engine.tokenPath("正文", { key: "0", first: 1, shards: 4, unigramShards: 2 })) as Record<string, [number, string]>;
    const docs: number[] = [];
    engine.decodePostings((shard["正文"] as [number, string])[1], 0, (d) => docs.push(d));
    expect(docs).toEqual([1, 2, 3, 4]);
  });
});

describe("segmentPaths", () => {
  it("names every posting and unigram shard of a segment", () => {
    expect(segmentPaths({ key: "2.1", first: 1, shards: 2, unigramShards: 1 })).toEqual(["p/2.1/0.js", "p/2.1/1.js", "u/2.1/0.js"]);
  });
});
