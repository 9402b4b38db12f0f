import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  SLICES, emptyState, loadPart, loadPartSlice, loadState, loadStateLoosely, removeOldParts, removePart, savePart, saveState, type IndexSizes,
} from "../../../src/site/search/search-state.js";

const SIZES: IndexSizes = { windowDocs: 64, windowShards: 32, windowUnigramShards: 8, partDocs: 16, partShards: 8, partUnigramShards: 4, blockSize: 4 };
const dirs: string[] = [];
const temp = async (): Promise<string> => {
  const d = await mkdtemp(join(tmpdir(), "newsmirror-state-"));
  dirs.push(d);
  return d;
};
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe("search state", () => {
  it("reads back what it saved, parts included, slice by slice", async () => {
    const dir = await temp();
    const state = { ...emptyState(SIZES), lastNum: 70, parts: { "0.0": 16, "0.1": 32, "0.2": 48, "0.3": 64, "1.0": 70 }, sealing: { window: 0, next: 3 } };
    for (const [key, upTo] of Object.entries(state.parts)) await savePart(dir, key, upTo, []);
    await savePart(dir, "0.1", 32, [[["诈骗", [2, 20, "1A2B"]]], [], [["trump", [1, 19, "3C"]]]]);
    await saveState(dir, state);
    expect(await loadState(dir)).toEqual(state);
    expect([...(await loadPart(dir, "0.1"))]).toEqual([["诈骗", [2, 20, "1A2B"]], ["trump", [1, 19, "3C"]]]);
    expect(await loadPartSlice(dir, "0.1", 2)).toEqual([["trump", [1, 19, "3C"]]]);
    expect(await loadPartSlice(dir, "0.1", SLICES - 1)).toEqual([]);
  });

  it("keys parts by window and part, so two windows' parts live side by side", async () => {
    const dir = await temp();
    await savePart(dir, "0.1", 32, [[["a", [1, 32, "x"]]]]);
    await savePart(dir, "1.1", 96, [[["b", [1, 96, "y"]]]]);
    expect([...(await loadPart(dir, "0.1")).keys()]).toEqual(["a"]);
    expect([...(await loadPart(dir, "1.1")).keys()]).toEqual(["b"]);
    await removePart(dir, "0.1");
    expect((await readdir(dir)).filter((f) => f.startsWith("search-part-0.1-"))).toEqual([]);
    expect((await readdir(dir)).filter((f) => f.startsWith("search-part-1.1-")).length).toBe(SLICES);
  });

  it.each([
    ["no state at all", async (_dir: string) => {}],
    ["a state that is not JSON", async (dir: string) => writeFile(join(dir, "search-state.json"), "{")],
    ["a state of another format version", async (dir: string) => writeFile(join(dir, "search-state.json"), JSON.stringify({ ...emptyState(SIZES), version: 2 }))],
    ["a state whose part file is missing", async (dir: string) => saveState(dir, { ...emptyState(SIZES), lastNum: 3, parts: { "0.0": 3 } })],
    ["a part file written after the state (crash before the state was saved)", async (dir: string) => {
      await saveState(dir, { ...emptyState(SIZES), lastNum: 3, parts: { "0.0": 3 } });
      await savePart(dir, "0.0", 5, []);
    }],
    ["one slice of a part newer than the state (crash while the part was being saved)", async (dir: string) => {
      await savePart(dir, "0.0", 3, []);
      await saveState(dir, { ...emptyState(SIZES), lastNum: 3, parts: { "0.0": 3 } });
      await writeFile(join(dir, "search-part-0.0-0.json"), '{"upTo":5,"rows":[]}');
    }],
    ["a part key that names no window and part", async (dir: string) => {
      await savePart(dir, "0", 3, []);
      await saveState(dir, { ...emptyState(SIZES), lastNum: 3, parts: { "0": 3 } });
    }],
    ["a window sealing whose parts the state does not list", async (dir: string) => {
      await savePart(dir, "0.0", 16, []);
      await saveState(dir, { ...emptyState(SIZES), lastNum: 70, parts: { "0.0": 16 }, sealing: { window: 0, next: 2 } });
    }],
    ["a sealing entry past the last slice", async (dir: string) => {
      await saveState(dir, { ...emptyState(SIZES), sealing: { window: 0, next: SLICES } });
    }],
    ["a sealing entry that is not a window and slice", async (dir: string) => {
      await saveState(dir, { ...emptyState(SIZES), sealing: { window: "x", next: 0 } as never });
    }],
  ])("gives null for %s, so the build starts over", async (_, prepare) => {
    const dir = await temp();
    await prepare(dir);
    expect(await loadState(dir)).toBeNull();
  });

  it("still tells a full rebuild which segments an outdated state had, and removes its one-file parts", async () => {
    const dir = await temp();
    await writeFile(join(dir, "search-state.json"), JSON.stringify({ ...emptyState(SIZES), version: 2, segments: ["0", "1.0"], parts: { "0": 70 }, retiring: undefined }));
    await writeFile(join(dir, "search-part-0.json"), '{"upTo":70,"rows":[]}');
    const loose = await loadStateLoosely(dir);
    expect([loose?.segments, loose?.parts, loose?.retiring]).toEqual([["0", "1.0"], { "0": 70 }, []]);
    await removeOldParts(dir, Object.keys(loose?.parts ?? {}));
    expect((await readdir(dir)).filter((f) => f.startsWith("search-part-"))).toEqual([]);
  });

  it.each([
    ["no state", null],
    ["sizes that would make removal loops run for ever", { ...emptyState(SIZES), windowShards: 1e15 }],
    ["segments that are not names", { ...emptyState(SIZES), segments: [1, 2] }],
  ])("gives no loose state for %s", async (_, content) => {
    const dir = await temp();
    if (content !== null) await writeFile(join(dir, "search-state.json"), JSON.stringify(content));
    expect(await loadStateLoosely(dir)).toBeNull();
  });
});
