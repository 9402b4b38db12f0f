// Tests src/site/render-pool.ts: when workers are worth starting (the pool itself is proved byte-identical in build.test.ts).
import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { createRenderPool, workerCount } from "../../src/site/render-pool.js";

describe("workerCount", () => {
  it.each([
    ["a small build stays on the main thread", 100, undefined, 0],
    ["an explicit count wins", 100, 3, 3],
    ["a negative request means none", 5000, -1, 0],
  ])("%s", (_reason, pages, requested, expected) => {
    expect(workerCount(pages, requested)).toBe(expected);
  });

  it("a large build uses all cores but one, at most 4", () => {
    const cores = availableParallelism();
    expect(workerCount(50_000)).toBe(cores < 2 ? 0 : Math.min(cores - 1, 4));
  });

  it("no pool for a count of 0", async () => {
    expect(await createRenderPool({ mirrorDir: "/x", postsDir: "/x/_posts", extraAssets: [], config: {} as never, outRoot: "/x", searchScripts: [], toggle: false }, 0)).toBe(null);
  });
});
