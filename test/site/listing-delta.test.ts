// Tests src/site/listing-delta.ts: new files are told from edited and deleted ones by the index alone.
import { describe, expect, it } from "vitest";
import { indexPositions, listingCheck, listingDelta } from "../../src/site/listing-delta.js";
import type { PostIndex } from "../../src/site/manifest.js";

const index: PostIndex = {
  names: ["a.md", "b.md"], sizes: new Float64Array([10, 20]), mtimes: new Float64Array([1, 2]), times: new Float64Array([5, 6]),
  paths: ["a/index.html", "b/index.html"], days: ["2024-01-01", "2024-01-01"], sites: new Uint32Array([0, 0]), siteNames: ["s"],
};
const at = indexPositions(index);
const stats = (pairs: Array<[number, number]>): { sizes: Float64Array; mtimes: Float64Array } => ({ sizes: Float64Array.from(pairs, (p) => p[0]), mtimes: Float64Array.from(pairs, (p) => p[1]) });

describe("listingDelta", () => {
  it("gives the names the index does not know, in listing order, and whether some it knows are gone", () => {
    expect(listingDelta(index, ["b.md", "c.md", "a.md"], at)).toEqual({ newNames: ["c.md"], gone: false });
    expect(listingDelta(index, ["a.md", "b.md"], at)).toEqual({ newNames: [], gone: false });
    expect(listingDelta(index, ["a.md", "c.md"], at)).toEqual({ newNames: ["c.md"], gone: true });
  });
});

describe("listingCheck", () => {
  it("gives the new files with their stats, leaving out those that are not files", () => {
    expect(listingCheck(index, at, ["b.md", "c.md", "a.md", "dir.md"], stats([[20, 2], [1, 3], [10, 1], [Number.NaN, Number.NaN]]))).toEqual({ edited: false, newFiles: [{ fileName: "c.md", size: 1, mtimeMs: 3 }] });
  });

  it.each([
    ["an edited size", [[11, 1], [20, 2]]],
    ["an edited mtime", [[10, 9], [20, 2]]],
    ["an indexed name that is no longer a file", [[Number.NaN, Number.NaN], [20, 2]]],
  ] as Array<[string, Array<[number, number]>]>)("tells %s", (_case, pairs) => {
    expect(listingCheck(index, at, ["a.md", "b.md"], stats(pairs)).edited).toBe(true);
  });
});
