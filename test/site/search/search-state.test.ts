import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { emptyState, loadPart, loadState, savePart, saveState, type IndexSizes } from "../../../src/site/search/search-state.js";

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
  it("reads back what it saved, parts included", async () => {
    const dir = await temp();
    const state = { ...emptyState(SIZES), lastNum: 20, parts: { "1": 20 } };
    await savePart(dir, 1, 20, [["诈骗", [2, 20, "1A2B"]]]);
    await saveState(dir, state);
    expect(await loadState(dir)).toEqual(state);
    expect([...(await loadPart(dir, 1))]).toEqual([["诈骗", [2, 20, "1A2B"]]]);
  });

  it.each([
    ["no state at all", async (_dir: string) => {}],
    ["a state that is not JSON", async (dir: string) => writeFile(join(dir, "search-state.json"), "{")],
    ["a state of another format version", async (dir: string) => writeFile(join(dir, "search-state.json"), JSON.stringify({ ...emptyState(SIZES), version: 1 }))],
    ["a state whose part file is missing", async (dir: string) => saveState(dir, { ...emptyState(SIZES), lastNum: 3, parts: { "0": 3 } })],
    ["a part file written after the state (crash before the state was saved)", async (dir: string) => {
      await saveState(dir, { ...emptyState(SIZES), lastNum: 3, parts: { "0": 3 } });
      await savePart(dir, 0, 5, []);
    }],
  ])("gives null for %s, so the build starts over", async (_, prepare) => {
    const dir = await temp();
    await prepare(dir);
    expect(await loadState(dir)).toBeNull();
  });
});
