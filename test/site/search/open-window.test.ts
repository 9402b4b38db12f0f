import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { engine } from "../../../src/site/search/engine.js";
import { loadFoldTable } from "../../../src/site/search/fold-table.js";
import { OpenWindow, segmentPaths } from "../../../src/site/search/open-window.js";
import { SLICES, emptyState, loadPartSlice, type IndexSizes } from "../../../src/site/search/search-state.js";

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

describe("OpenWindow across builds", () => {
  const SIZES: IndexSizes = { windowDocs: 8, windowShards: 32, windowUnigramShards: 16, partDocs: 4, partShards: 4, partUnigramShards: 2, blockSize: 2 };
  const TEXTS = ["中国 香港 election", "台湾 美国 关系 trump", "新冠 疫苗 港", "选举 结果 公布 biden"];

  async function build(state: ReturnType<typeof emptyState>, dir: string, files: Map<string, unknown>, from: number, to: number): Promise<OpenWindow> {
    const window = new OpenWindow(state, dir, engine.createFold(await loadFoldTable()), {
      write: async (p, v) => { files.set(p, v); },
      remove: async (p) => { files.delete(p); },
    });
    for (let num = from; num <= to; num++) {
      state.lastNum = num;
      await window.add(num, `标题${num}`, TEXTS[num % TEXTS.length] as string, "src");
    }
    await window.finish(to);
    await window.maintain();
    return window;
  }

  it("saves each token of a part in the slice of the sealed shard it goes to", async () => {
    const dir = await mkdtemp(join(tmpdir(), "newsmirror-window-"));
    dirs.push(dir);
    const state = emptyState(SIZES);
    await build(state, dir, new Map(), 1, 3);
    const sealed = { key: "0", first: 1, shards: SIZES.windowShards, unigramShards: SIZES.windowUnigramShards };
    let tokens = 0;
    for (let slice = 0; slice < SLICES; slice++) {
      for (const [token] of await loadPartSlice(dir, "0.0", slice)) {
        const shard = parseInt((/\/([0-9a-z]+)\.js$/.exec(engine.tokenPath(token, sealed)) as RegExpExecArray)[1] as string, 36);
        expect(shard % SLICES, token).toBe(slice);
        tokens++;
      }
    }
    expect(tokens).toBeGreaterThan(20);
  });

  it("lists a window filled by a later build as its parts until its last slice is written", async () => {
    const dir = await mkdtemp(join(tmpdir(), "newsmirror-window-"));
    dirs.push(dir);
    const state = emptyState(SIZES);
    const files = new Map<string, unknown>();
    await build(state, dir, files, 1, 3);
    let window = await build(state, dir, files, 4, 9);
    expect(state.sealing).toEqual({ window: 0, next: 0 });
    expect(window.segments().map((s) => s.key)).toEqual(["0.0", "0.1", "1.0"]);
    for (let slice = 0; slice < SLICES; slice++) {
      window = await build(state, dir, files, 10, 9);
      expect([state.sealing?.next, window.segmentsChanged]).toEqual(slice < SLICES - 1 ? [slice + 1, false] : [undefined, true]);
    }
    expect(window.segments().map((s) => s.key)).toEqual(["0", "1.0"]);
    expect(state.retiring).toEqual(["0.0", "0.1"]);
    expect(Object.keys(state.parts)).toEqual(["1.0"]);
    // one part's files a build (ceil(2 parts / SLICES)), never in the build that took them off the list
    await build(state, dir, files, 10, 9);
    expect(state.retiring).toEqual(["0.1"]);
    await build(state, dir, files, 10, 9);
    expect([state.retiring, [...state.segments].sort()]).toEqual([[], ["0", "1.0"]]);
    expect(new Set([...files.keys()].map((p) => p.split("/")[1]))).toEqual(new Set(["0", "1.0"]));
  });
});

describe("segmentPaths", () => {
  it("names every posting and unigram shard of a segment", () => {
    expect(segmentPaths({ key: "2.1", first: 1, shards: 2, unigramShards: 1 })).toEqual(["p/2.1/0.js", "p/2.1/1.js", "u/2.1/0.js"]);
  });

  it("names the shards of one slice: index equal to the slice mod SLICES", () => {
    expect(segmentPaths({ key: "3", first: 1, shards: 2 * SLICES + 1, unigramShards: SLICES }, 0)).toEqual(["p/3/0.js", "p/3/8.js", "p/3/g.js", "u/3/0.js"]);
    expect(segmentPaths({ key: "3", first: 1, shards: 2 * SLICES + 1, unigramShards: SLICES }, SLICES - 1)).toEqual(["p/3/7.js", "p/3/f.js", "u/3/7.js"]);
  });
});
